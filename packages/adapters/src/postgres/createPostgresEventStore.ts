import type pg from 'pg';
import type { AppendLimits, CodecRegistry } from '@laborcase/domain';
import { toStoreError } from '../sql/errors.js';
import { migrate } from '../sql/schema.js';
import { SqlEventStore, type SqlStoreHooks } from '../sql/sqlEventStore.js';
import { createPgClient } from './pgClient.js';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user@host:5432/db`; the store creates, owns and ends the pool. */
  readonly connectionString?: string;
  /** Or an existing pool, which `close` leaves open. `poolSize` and `statementTimeoutMs` then do not apply. */
  readonly pool?: pg.Pool;
  readonly registry: CodecRegistry;
  /** Sets `recordedAt` on every event. */
  readonly clock: () => Date;
  /** Schema for the tables (default `laborcase`), created and migrated on start. */
  readonly schema?: string;
  /** Default 10. */
  readonly poolSize?: number;
  /** Default 30,000 ms. */
  readonly statementTimeoutMs?: number;
  readonly limits?: AppendLimits;
  /** Rows per round trip when reading (default 500). */
  readonly pageSize?: number;
  /** Polling fallback of `waitForEvents` besides LISTEN/NOTIFY (default 1,000 ms). */
  readonly pollMs?: number;
  readonly hooks?: SqlStoreHooks;
}

/** A PostgreSQL (13+) event store over node-postgres. Applies pending migrations before resolving. */
export const createPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<SqlEventStore> => {
  const schema = options.schema ?? 'laborcase';
  const client = createPgClient({
    ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
    ...(options.pool === undefined ? {} : { pool: options.pool }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    ...(options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }),
  });
  try {
    await migrate(client, schema);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw toStoreError(error, 'migrate');
  }
  return new SqlEventStore({ ...options, client, schema });
};
