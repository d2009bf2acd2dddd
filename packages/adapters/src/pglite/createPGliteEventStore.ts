import { toStoreError } from '../sql/errors.js';
import type { EventStore } from '@laborcase/core';
import { resolveStoreOptions } from '../shared/storeOptions.js';
import { openSqlStore, type SqlStoreOptions } from '../sql/openSqlStore.js';
import { createPGliteClient, type PGliteDatabase } from './pgliteClient.js';

/** `pollMs` defaults to 100 ms here; appends through this store wake its waiters at once. */
export interface PGliteEventStoreOptions extends SqlStoreOptions {
  /** Folder for the database files (created if missing); omitted: in memory only. One process per folder. */
  readonly dataDir?: string;
  /** Or an open PGlite instance (`new PGlite(…)`), which `close` leaves open. */
  readonly db?: PGliteDatabase;
}

/** The embedded event store: same schema and SQL as PostgreSQL, no server. Applies migrations before resolving. */
export const createPGliteEventStore = async (options: PGliteEventStoreOptions): Promise<EventStore> => {
  resolveStoreOptions(options);
  let client;
  try {
    client = await createPGliteClient({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.db === undefined ? {} : { db: options.db }),
    });
  } catch (error) {
    throw toStoreError(error, 'open PGlite');
  }
  return openSqlStore(client, options, 'open PGlite');
};
