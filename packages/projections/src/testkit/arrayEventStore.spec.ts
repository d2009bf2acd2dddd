/** ArrayEventStore: the read-only store the specs and benchmarks read a stored log through. */
import { describe, expect, it } from '@jest/globals';
import { NO_STREAM, StoreUnavailable, createCodecRegistry, positionFromSegments, type StoredEvent } from '@laborcase/core';
import { ArrayEventStore } from './arrayEventStore.js';
import { toStoredEvents } from './log.js';

const registry = createCodecRegistry([]);
const log = toStoredEvents(registry, [
  { streamId: 'a', type: 'A1', data: {} },
  { streamId: 'b', type: 'B1', data: {} },
  { streamId: 'a', type: 'A2', data: {} },
  { streamId: 'a', type: 'A3', data: {} },
]);
const collect = async (events: AsyncIterable<StoredEvent>): Promise<string[]> => {
  const out: string[] = [];
  for await (const event of events) out.push(event.type);
  return out;
};

describe('ArrayEventStore', () => {
  const store = new ArrayEventStore(log);

  it('reads the log after a position, of some types, up to a count', async () => {
    expect(await collect(store.readAll())).toEqual(['A1', 'B1', 'A2', 'A3']);
    expect(await collect(store.readAll({ after: positionFromSegments(1n) }))).toEqual(['B1', 'A2', 'A3']);
    expect(await collect(store.readAll({ eventTypes: ['A2', 'A3', 'B1'], maxCount: 2 }))).toEqual(['B1', 'A2']);
    expect(await store.headPosition()).toBe(positionFromSegments(4n));
  });

  it('starts each iteration of a read afresh, and stops where a reader stops', async () => {
    const read = store.readAll({ after: positionFromSegments(1n) });
    expect([await collect(read), await collect(read)]).toEqual([['B1', 'A2', 'A3'], ['B1', 'A2', 'A3']]);
    const first: string[] = [];
    for await (const event of read) {
      first.push(event.type);
      break;
    }
    expect(first).toEqual(['B1']);
  });

  it('reads a stream forwards and backwards between versions', async () => {
    expect(await collect(store.readStream('a', { fromVersion: 1 }))).toEqual(['A2', 'A3']);
    expect(await collect(store.readStream('a', { direction: 'backwards', maxCount: 2 }))).toEqual(['A3', 'A2']);
    expect([await store.streamVersion('a'), await store.streamVersion('none')]).toEqual([2, NO_STREAM]);
  });

  it('refuses appends, and a log not numbered 1, 2, 3…', async () => {
    await expect(store.append()).rejects.toBeInstanceOf(StoreUnavailable);
    expect(() => new ArrayEventStore(log.slice(1))).toThrow(RangeError);
  });
});
