import type { EventStore } from '@laborcase/core';
import type { SqlClient } from './client.js';
import { toStoreError } from './errors.js';
import { migrate } from './schema.js';
import { resolveStoreOptions } from '../shared/storeOptions.js';
import { SqlEventStore, type SqlStoreHooks, type SqlStoreOptions } from './sqlEventStore.js';

export type { SqlStoreOptions };

/** `SqlStoreOptions` plus the test hooks, for `openSqlStore`. */
export interface SqlStoreSettings extends SqlStoreOptions {
  readonly hooks?: SqlStoreHooks;
}

/**
 * Migrate the schema on `client`, then open a store on it; if migrating fails the client is closed and the
 * error mapped to the port's (`StoreUnavailable`, `StoreFailure`). `action` names the step in that error.
 */
export const openSqlStore = async (client: SqlClient, settings: SqlStoreSettings, action = 'migrate'): Promise<EventStore> => {
  const schema = settings.schema ?? 'laborcase';
  const resolved = resolveStoreOptions(settings);
  try {
    await migrate(client, schema);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw toStoreError(error, action);
  }
  return new SqlEventStore({ ...resolved, client, schema });
};
