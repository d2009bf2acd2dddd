import type { PGlite } from '@electric-sql/pglite';
import type { AppendLimits, CodecRegistry } from '@laborcase/domain';
import { toStoreError } from '../sql/errors.js';
import { migrate } from '../sql/schema.js';
import { SqlEventStore, type SqlStoreHooks } from '../sql/sqlEventStore.js';
import { createPGliteClient } from './pgliteClient.js';

export interface PGliteEventStoreOptions {
  /** Folder for the database files (created if missing); omitted: in memory only. One process per folder. */
  readonly dataDir?: string;
  /** Or an open PGlite instance, which `close` leaves open. */
  readonly db?: PGlite;
  readonly registry: CodecRegistry;
  /** Sets `recordedAt` on every event. */
  readonly clock: () => Date;
  /** Default `laborcase`. */
  readonly schema?: string;
  readonly limits?: AppendLimits;
  readonly pageSize?: number;
  /** Polling interval of `waitForEvents` (default 100 ms); appends through this store wake waiters at once. */
  readonly pollMs?: number;
  readonly hooks?: SqlStoreHooks;
}

/** The embedded event store: same schema and SQL as PostgreSQL, no server. Applies migrations before resolving. */
export const createPGliteEventStore = async (options: PGliteEventStoreOptions): Promise<SqlEventStore> => {
  const schema = options.schema ?? 'laborcase';
  let client;
  try {
    client = await createPGliteClient({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.db === undefined ? {} : { db: options.db }),
    });
    await migrate(client, schema);
  } catch (error) {
    await client?.close().catch(() => undefined);
    throw toStoreError(error, 'open PGlite');
  }
  return new SqlEventStore({ ...options, client, schema });
};
