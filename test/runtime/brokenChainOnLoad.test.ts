/**
 * Issue 10 item 12, loader side: loading checks what costs nothing (versions contiguous from 0, each prevHash equal
 * to the previous event's hash) and the command handler refuses to decide on a broken stream, naming the version.
 * The store here hands out a tampered history, as a database edited behind the store's back would.
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, commandHandler, loadReadableStream, type EventStore, type StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { toyDecider, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';

const tamperedStore = async (tamper: (events: StoredEvent[]) => StoredEvent[]): Promise<{ store: EventStore; streamId: string }> => {
  const inner = createInMemoryEventStore({ registry: toyRegistry });
  const streamId = `grievance-${uuid()}`;
  await inner.append(streamId, toyStream(4), { expectedVersion: NO_STREAM });
  const store: EventStore = {
    ...inner,
    append: inner.append.bind(inner),
    readAll: inner.readAll.bind(inner),
    headPosition: inner.headPosition.bind(inner),
    streamVersion: inner.streamVersion.bind(inner),
    waitForEvents: inner.waitForEvents.bind(inner),
    close: inner.close.bind(inner),
    async *readStream(id, options) {
      const events: StoredEvent[] = [];
      for await (const event of inner.readStream(id, options)) events.push(event);
      yield* tamper(events);
    },
  };
  return { store, streamId };
};

const cases: readonly (readonly [string, (events: StoredEvent[]) => StoredEvent[], number, string])[] = [
  ['an event deleted from the middle', (events) => events.filter((e) => e.streamVersion !== 1), 2, 'version-gap'],
  ['a forged prevHash', (events) => events.map((e) => (e.streamVersion === 2 ? { ...e, prevHash: 'f'.repeat(64) } : e)), 2, 'broken-link'],
  ['a first event that does not start the chain', (events) => events.slice(1), 1, 'version-gap'],
];

describe('loading refuses a stream whose chain is visibly broken', () => {
  it.each(cases)('%s: the handler returns StreamCorrupted naming the version, and appends nothing', async (_what, tamper, version, reason) => {
    const { store, streamId } = await tamperedStore(tamper);
    const before = await store.streamVersion(streamId);
    const handle = commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuid });
    const result = await handle(streamId, { type: 'Answer', disposition: 'denied' }, { provenance: { actorId: 'a', role: 'r' }, effectiveOn: '2025-11-14' });
    expect(isLeft(result) && result.left).toMatchObject({ code: 'StreamCorrupted', details: { streamId, version, reason } });
    expect(await store.streamVersion(streamId)).toBe(before);
    const loaded = await loadReadableStream(store, toyRegistry, streamId, toyDecider.evolve, toyDecider.initialState);
    expect(isLeft(loaded) && loaded.left.code).toBe('StreamCorrupted');
  });

  it('an intact stream loads as before', async () => {
    const { store, streamId } = await tamperedStore((events) => events);
    const loaded = await loadReadableStream(store, toyRegistry, streamId, toyDecider.evolve, toyDecider.initialState);
    expect(isLeft(loaded)).toBe(false);
  });
});
