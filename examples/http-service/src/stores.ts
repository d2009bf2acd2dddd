/**
 * The event store and the read-model store (the reactors' checkpoints) in one database: PostgreSQL when a URL is
 * given, otherwise PGlite in a folder (the demo's default, `.data/laborcase`).
 */
import { DEFAULT_DATA_DIR } from '@laborcase/adapters';
import { createPGliteClient, createPgClient, openSqlStore } from '@laborcase/adapters/sql';
import type { CodecRegistry, EventStore } from '@laborcase/core';
import { createSqlReadModelStore, type ReadModelStore } from '@laborcase/projections';

export interface ServiceStores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  /** Where the data lives, without a password: for the startup line. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  readonly registry: CodecRegistry;
  /** A PostgreSQL URL (`PG_URL`); when absent or empty, PGlite in `dataDir`. */
  readonly pgUrl?: string;
  readonly dataDir?: string;
  /** The event store's SQL schema (default `laborcase`); the reactors' records go to `{schema}_read_models`. */
  readonly schema?: string;
  /** Sets `recordedAt`: the `asKnownAt` axis. */
  readonly clock?: () => Date;
}

export const openStores = async (options: OpenStoresOptions): Promise<ServiceStores> => {
  const onPostgres = options.pgUrl !== undefined && options.pgUrl !== '';
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const client = onPostgres ? createPgClient({ connectionString: options.pgUrl }) : await createPGliteClient({ dataDir });
  const schema = options.schema ?? 'laborcase';
  const eventStore = await openSqlStore(client, { registry: options.registry, schema, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  const readModels = await createSqlReadModelStore({ client, schema: `${schema}_read_models` });
  return {
    eventStore,
    readModels,
    location: onPostgres ? 'PostgreSQL' : `PGlite in ${dataDir}`,
    close: async () => {
      await eventStore.close();
      await client.close().catch(() => undefined);
    },
  };
};
