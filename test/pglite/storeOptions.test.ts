import { describe, expect, it } from '@jest/globals';
import { InvalidArgument } from '@laborcase/core';
import { collect, filed, rejection, toyRegistry } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore, createPGliteEventStore, createPostgresEventStore, type InMemoryEventStoreOptions } from '@laborcase/adapters';
import { PG_URL } from '../support/postgres.js';

const factories: readonly (readonly [string, (options: InMemoryEventStoreOptions) => Promise<unknown>])[] = [
  ['in-memory', async (options) => createInMemoryEventStore(options)],
  ['PGlite', (options) => createPGliteEventStore(options)],
  ...(PG_URL === undefined ? [] : [['PostgreSQL', (options: InMemoryEventStoreOptions) => createPostgresEventStore({ ...options, connectionString: PG_URL as string, schema: 'store_options' })] as const]),
];

describe.each(factories)('store factory options: %s', (_name, create) => {
  it('defaults the clock to the system clock', async () => {
    const store = (await create({ registry: toyRegistry })) as Awaited<ReturnType<typeof createPGliteEventStore>>;
    try {
      const before = Date.now();
      const streamId = `grievance-${before}-${Math.random()}`;
      await store.append(streamId, [filed()], { expectedVersion: 'no_stream' });
      // The stream, not the global log: on PostgreSQL the log lags while another suite's transaction is open.
      const [event] = await collect(store.readStream(streamId));
      expect(Date.parse(event!.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      await store.close();
    }
  });

  it.each([
    ['registry', { registry: undefined }],
    ['registry', { registry: { types: [] } }],
    ['clock', { registry: toyRegistry, clock: 'now' }],
  ] as const)('refuses a bad %s with InvalidArgument naming it, before opening anything', async (field, options) => {
    const error = await rejection(create(options as unknown as InMemoryEventStoreOptions));
    expect(error).toBeInstanceOf(InvalidArgument);
    expect((error as InvalidArgument).field).toBe(field);
  });
});
