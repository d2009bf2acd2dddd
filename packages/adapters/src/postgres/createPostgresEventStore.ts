import type pg from 'pg';
import type { EventStore } from '@laborcase/core';
import { resolveStoreOptions } from '../shared/storeOptions.js';
import { openSqlStore, type SqlStoreOptions } from '../sql/openSqlStore.js';
import { createPgClient } from './pgClient.js';

export interface PostgresEventStoreOptions extends SqlStoreOptions {
  /** e.g. `postgres://user@host:5432/db`; the store creates, owns and ends the pool. */
  readonly connectionString?: string;
  /** Or an existing pool, which `close` leaves open. `poolSize` and `statementTimeoutMs` then do not apply. */
  readonly pool?: pg.Pool;
  /** Default 10. */
  readonly poolSize?: number;
  /** Default 30,000 ms. */
  readonly statementTimeoutMs?: number;
}

/** A PostgreSQL (13+) event store over node-postgres. Applies pending migrations before resolving. */
export const createPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<EventStore> => {
  resolveStoreOptions(options);
  const client = createPgClient({
    ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
    ...(options.pool === undefined ? {} : { pool: options.pool }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    ...(options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }),
  });
  return openSqlStore(client, options, 'migrate');
};
