/** Issue 14: the in-memory store shares frozen events instead of copying them on every read. */
import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { NO_STREAM, createCodecRegistry, loadStream, type StoredEvent } from '@laborcase/core';
import { collect, filed, toyRegistry, uniqueStream } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from './inMemoryEventStore.js';

const clock = () => new Date('2026-01-27T14:30:00.000Z');

type Writable = { -readonly [K in keyof StoredEvent]: unknown } & { data: { articleKeys: string[] }; metadata: { provenance: { actorId: string } } };

/** The paths of every object or array inside `value` (itself included) that is not frozen. */
const unfrozenPaths = (value: unknown, path = '(event)'): string[] => {
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([key, member]) => unfrozenPaths(member, `${path}.${key}`))];
};

describe('in-memory store: frozen shared events', () => {
  it('hands out the same frozen object on every read, so changing one throws (modules are strict)', async () => {
    const store = createInMemoryEventStore({ registry: toyRegistry, clock });
    const streamId = uniqueStream();
    const { events } = await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    const [read] = await collect(store.readStream(streamId));
    const [fromLog] = await collect(store.readAll());
    expect(read).toBe(events[0]);
    expect(fromLog).toBe(events[0]);
    const event = read as unknown as Writable;
    expect(() => (event.type = 'ToyGrievanceClosed')).toThrow(TypeError);
    expect(() => event.data.articleKeys.push('mutated')).toThrow(TypeError);
    expect(() => (event.metadata.provenance.actorId = 'someone else')).toThrow(TypeError);
    expect(() => delete (event as { hash?: unknown }).hash).toThrow(TypeError);
    expect(unfrozenPaths(read)).toEqual([]);
    const [again] = await collect(store.readStream(streamId));
    expect(again?.type).toBe('ToyGrievanceFiled');
    expect(again?.data).toEqual(filed().data);
  });

  it('reads a version range by index, in both directions', async () => {
    const store = createInMemoryEventStore({ registry: toyRegistry, clock });
    const streamId = uniqueStream();
    await store.append(streamId, [filed(), filed(), filed(), filed(), filed()], { expectedVersion: NO_STREAM });
    const versions = async (options: Parameters<typeof store.readStream>[1]) => (await collect(store.readStream(streamId, options))).map((e) => e.streamVersion);
    expect(await versions({ fromVersion: 2 })).toEqual([2, 3, 4]);
    expect(await versions({ fromVersion: 1, toVersion: 3 })).toEqual([1, 2, 3]);
    expect(await versions({ fromVersion: 9 })).toEqual([]);
    expect(await versions({ fromVersion: 3, toVersion: 1 })).toEqual([]);
    expect(await versions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
    expect(await versions({ direction: 'backwards', fromVersion: 9, toVersion: 3 })).toEqual([4, 3]);
    expect(await versions({ direction: 'backwards', fromVersion: 2, maxCount: 2 })).toEqual([2, 1]);
  });
});

describe('in-memory store: reads skip decoding what this registry validated at append', () => {
  it('loads a stream without running the codec again, and a registry that did not validate it decodes', async () => {
    let decodes = 0;
    const Noted = t.type({ text: t.string });
    const counting = new t.Type<{ text: string }, { text: string }, unknown>('Noted', Noted.is, (u, c) => {
      decodes += 1;
      return Noted.validate(u, c);
    }, t.identity);
    const registryOf = () => createCodecRegistry([{ type: 'Noted', version: 1, codec: counting as t.Type<unknown, unknown, unknown> }]);
    const registry = registryOf();
    const store = createInMemoryEventStore({ registry, clock });
    const metadata = filed().metadata;
    const events = Array.from({ length: 5 }, (_, i) => ({ eventId: crypto.randomUUID(), type: 'Noted', data: { text: `note ${i}` }, metadata }));
    await store.append('notes-1', events, { expectedVersion: NO_STREAM });
    decodes = 0;
    const loaded = await loadStream(store, registry, 'notes-1', (n: number) => n + 1, 0);
    expect(loaded.state).toBe(5);
    expect(decodes).toBe(0);
    const other = await loadStream(store, registryOf(), 'notes-1', (n: number) => n + 1, 0);
    expect(other.state).toBe(5);
    expect(decodes).toBe(5);
  });
});
