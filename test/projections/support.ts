/** Event store + read-model store pairs the projection tests run on. */
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createPGliteClient, createPgClient, openSqlStore } from '@laborcase/adapters/sql';
import { ANY, type CodecRegistry, type EventStore, type NewEvent } from '@laborcase/core';
import { createInMemoryReadModelStore, createSqlReadModelStore, type ProjectionRunner, type ReadModelStore } from '@laborcase/projections';

export interface Stores {
  readonly eventStore: EventStore;
  readonly store: ReadModelStore;
  /** The SQL database both live in, when they are SQL. */
  readonly sql?: { query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> };
  /** The read models' SQL schema. */
  readonly schema?: string;
  close(): Promise<void>;
}

export type StoresFactory = (registry: CodecRegistry) => Promise<Stores>;

export const memoryStores: StoresFactory = async (registry) => {
  const eventStore = createInMemoryEventStore({ registry });
  const store = createInMemoryReadModelStore();
  return { eventStore, store, close: async () => eventStore.close() };
};

/** The event store and the read models in one PGlite database (the default arrangement). */
export const pgliteStores: StoresFactory = async (registry) => {
  const client = await createPGliteClient({});
  const eventStore = await openSqlStore(client, { registry, schema: 'events' });
  const store = await createSqlReadModelStore({ client, schema: 'read_models' });
  return {
    eventStore,
    store,
    sql: client,
    schema: 'read_models',
    close: async () => {
      await eventStore.close();
      await client.close();
    },
  };
};

export const postgresStores = (url: string, schema: string): StoresFactory => async (registry) => {
  const client = createPgClient({ connectionString: url, poolSize: 6 });
  const eventStore = await openSqlStore(client, { registry, schema: `${schema}_ev`, pollMs: 50 });
  const store = await createSqlReadModelStore({ client, schema: `${schema}_rm` });
  return {
    eventStore,
    store,
    sql: client,
    schema: `${schema}_rm`,
    close: () => eventStore.close(), // closes the client too
  };
};

export const append = (eventStore: EventStore, streamId: string, ...events: NewEvent[]) => eventStore.append(streamId, events, { expectedVersion: ANY });

/** What a test opens (stores, started runners, anything with a cleanup), undone by `closeAll`, last first. */
export const testScope = (defaultRegistry: CodecRegistry) => {
  const cleanups: (() => Promise<void>)[] = [];
  return {
    onClose: (cleanup: () => Promise<void>): void => {
      cleanups.push(cleanup);
    },
    open: async (factory: StoresFactory, registry = defaultRegistry): Promise<Stores> => {
      const stores = await factory(registry);
      cleanups.push(() => stores.close());
      return stores;
    },
    started: async (runner: ProjectionRunner): Promise<ProjectionRunner> => {
      await runner.start();
      cleanups.push(() => runner.stop());
      return runner;
    },
    closeAll: async (): Promise<void> => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
};
