/**
 * Rebuilds, the runner and as-of builds take each batch of the log at once from an event store that holds it in
 * memory (`readToArray`), instead of a promise per event: here the store's iterator throws if it is ever stepped.
 */
import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore, ReadAllOptions, StoredEvent } from '@laborcase/core';
import { buildAsOf, createInMemoryReadModelStore, createProjectionRunner, rebuildProjection, targetOf } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';
import { append } from './support.js';

const registry = caseRegistry();
const projection = caseBoard();

/** The store's reads, with an iterator that fails when stepped (what a whole-batch read never does). */
const unsteppable = (eventStore: EventStore): EventStore =>
  Object.assign(Object.create(eventStore) as EventStore, {
    readAll: (options?: ReadAllOptions): AsyncIterable<StoredEvent> => ({
      ...eventStore.readAll(options),
      [Symbol.asyncIterator]: (): AsyncIterator<StoredEvent> => {
        throw new Error('readAll was stepped event by event');
      },
    }),
  });

const scenario = async () => {
  const eventStore = createInMemoryEventStore({ registry });
  await append(eventStore, 'case-1', caseEvents.opened('1', 'art-5'), caseEvents.moved('1', 'art-2'));
  await append(eventStore, 'case-2', caseEvents.opened('2', 'art-7'));
  return eventStore;
};

describe('whole-batch reads of a log held in memory', () => {
  it('rebuild, runner and as-of build read their batches without stepping the store', async () => {
    const eventStore = unsteppable(await scenario());
    const store = createInMemoryReadModelStore();
    const target = targetOf(projection);

    const rebuilt = await rebuildProjection({ eventStore, registry, store, projection, count: false, batchSize: 2 });
    expect(rebuilt.events).toBe(3);
    expect((await store.rows(target, 'cases')).map((row) => row['article'])).toEqual(['art-2', 'art-7']);

    const runnerStore = createInMemoryReadModelStore();
    const runner = createProjectionRunner({ eventStore, registry, store: runnerStore, projection, batchSize: 2 });
    await runner.start();
    try {
      await runner.whenCaughtUp(await eventStore.headPosition());
    } finally {
      await runner.stop();
    }
    expect(await runnerStore.rows(target, 'cases')).toEqual(await store.rows(target, 'cases'));

    const asOf = await buildAsOf({ eventStore, registry, projection });
    expect(asOf.applied).toBe(3);
  });
});
