import type { SqlClient } from './client.js';
import { toStoreError } from './errors.js';
import { migrate } from './schema.js';
import { SqlEventStore, type SqlEventStoreOptions } from './sqlEventStore.js';

/** What both SQL factories take besides their connection: the store's settings, with the schema optional. */
export type SqlStoreSettings = Omit<SqlEventStoreOptions, 'client' | 'schema'> & {
  /** Schema for the tables (default `laborcase`), created and migrated on start. */
  readonly schema?: string;
};

/** Migrate, then open the store on `client`; if migrating fails the client is closed and the error mapped. */
export const openSqlStore = async (client: SqlClient, settings: SqlStoreSettings, action: string): Promise<SqlEventStore> => {
  const schema = settings.schema ?? 'laborcase';
  try {
    await migrate(client, schema);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw toStoreError(error, action);
  }
  return new SqlEventStore({ ...settings, client, schema });
};
