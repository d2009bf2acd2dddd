/**
 * What the EventStoreDB adapter does beyond the contract, on the protocol double: every read is paged, $all is read
 * without system events and id claims, the envelope is visible to other EventStoreDB tools, server errors become the
 * port's typed errors, and the factory names a bad option.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient } from '@eventstore/db-client';
import { ANY, InvalidArgument, NO_STREAM, START, StoreFailure, StoreUnavailable, verifyStream, type EventStore } from '@laborcase/core';
import { collect, filed, rejection, toyRegistry, toyStream, uniqueStream } from '@laborcase/core/adapter-kit';
import { CLAIM_STREAM_PREFIX, createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { EventStoreDbDouble } from './double.js';

describe('EventStoreDB adapter on the double', () => {
  const double = new EventStoreDbDouble({ advertiseBatchAppend: true, systemEventEvery: 1 });
  let client: EventStoreDBClient;
  let store: EventStore;
  const PAGE = 2;

  beforeAll(async () => {
    client = EventStoreDBClient.connectionString(await double.start());
    store = createEventStoreDbEventStore({ client, registry: toyRegistry, pageSize: PAGE });
  });
  afterAll(async () => {
    await store.close();
    await client.dispose();
    await double.stop();
  });

  it('pages every read with maxCount = pageSize and still returns every event, both directions and over $all', async () => {
    const streamId = uniqueStream();
    const head = await store.headPosition();
    await store.append(streamId, toyStream(7), { expectedVersion: NO_STREAM });
    double.readCounts.length = 0;
    expect((await collect(store.readStream(streamId))).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((await collect(store.readStream(streamId, { direction: 'backwards' }))).map((e) => e.streamVersion)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect((await collect(store.readStream(streamId, { fromVersion: 2, toVersion: 5 }))).map((e) => e.streamVersion)).toEqual([2, 3, 4, 5]);
    expect((await collect(store.readAll({ after: head }))).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(double.readCounts.length).toBeGreaterThan(10);
    expect(double.readCounts.every((count) => count <= BigInt(PAGE))).toBe(true);
  });

  it('reads $all without the system events and id claims the log holds, and heads at the last event of ours', async () => {
    const head = await store.headPosition();
    const appended = await store.append(uniqueStream(), [filed()], { expectedVersion: NO_STREAM });
    const raw = double.log.filter((r) => r.position > (double.log.find((x) => x.id === appended.events[0]!.eventId)!.position - 10_000n));
    expect(raw.some((r) => r.type.startsWith('$'))).toBe(true);
    expect(raw.some((r) => r.streamId.startsWith(CLAIM_STREAM_PREFIX))).toBe(true);
    expect((await collect(store.readAll({ after: head }))).map((e) => e.eventId)).toEqual([appended.events[0]!.eventId]);
    // The double wrote a system event after the append: the head is still our event.
    expect(double.log[double.log.length - 1]!.type.startsWith('$')).toBe(true);
    expect(await store.headPosition()).toBe(appended.events[0]!.globalPosition);
    expect(START < appended.events[0]!.globalPosition).toBe(true);
  });

  it('writes JSON events whose metadata other EventStoreDB tools understand ($correlationId, $causationId)', async () => {
    const streamId = uniqueStream();
    const event = filed();
    await store.append(streamId, [event], { expectedVersion: NO_STREAM });
    const [resolved] = await (async () => {
      const out = [];
      for await (const e of client.readStream(streamId)) out.push(e);
      return out;
    })();
    expect(resolved?.event).toMatchObject({ id: event.eventId, type: event.type, isJson: true, data: event.data, metadata: { $correlationId: 'corr-1', $causationId: 'cmd-1' } });
  });

  it('reports a tombstoned stream as StoreFailure on append and read', async () => {
    const streamId = uniqueStream();
    await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    await client.tombstoneStream(streamId);
    const append = await rejection(store.append(streamId, [filed()], { expectedVersion: 0 }));
    expect(append).toBeInstanceOf(StoreFailure);
    expect((append as Error).message).toContain('deleted');
    expect(await rejection(collect(store.readStream(streamId)))).toBeInstanceOf(StoreFailure);
  });

  it('appends to a stream it knows without reading its head first, and recovers from a head another writer moved', async () => {
    const streamId = uniqueStream();
    double.readCounts.length = 0;
    await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    await store.append(streamId, toyStream(2).slice(1), { expectedVersion: 0 });
    expect(double.readCounts).toEqual([]);
    // A second store (another process) moves the head: the first one's remembered head is stale.
    const other = createEventStoreDbEventStore({ client, registry: toyRegistry });
    await other.append(streamId, toyStream(3).slice(1), { expectedVersion: 1 });
    const stale = await rejection(store.append(streamId, toyStream(2).slice(1), { expectedVersion: 1 }));
    expect(stale).toMatchObject({ code: 'WrongExpectedVersion', expected: 1, actual: 3 });
    expect((await store.append(streamId, [filed()], { expectedVersion: ANY })).nextExpectedVersion).toBe(4);
    await other.append(streamId, [filed()], { expectedVersion: 4 });
    expect((await store.append(streamId, [filed()], { expectedVersion: 5 })).nextExpectedVersion).toBe(6);
    const events = await collect(store.readStream(streamId));
    expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(verifyStream(events).ok).toBe(true);
    await other.close();
  });

  it('refuses bad factory options with InvalidArgument naming the option', () => {
    const refused = (options: object, field: string) => {
      let error: unknown;
      try {
        createEventStoreDbEventStore({ registry: toyRegistry, ...options } as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgument);
      expect(error).toMatchObject({ field });
    };
    refused({}, 'connectionString');
    refused({ connectionString: 'esdb://127.0.0.1:1?tls=false', client }, 'connectionString');
    refused({ connectionString: 'postgres://localhost/db' }, 'connectionString');
    refused({ client, pageSize: 0 }, 'pageSize');
    refused({ client, maxAppendAttempts: 1.5 }, 'maxAppendAttempts');
    refused({ client, registry: undefined }, 'registry');
  });
});

describe('EventStoreDB adapter without a server', () => {
  it('reports an unreachable node as StoreUnavailable, with the client error as cause', async () => {
    const double = new EventStoreDbDouble({ advertiseBatchAppend: true });
    const connectionString = await double.start();
    await double.stop();
    const store = createEventStoreDbEventStore({ connectionString, registry: toyRegistry });
    const error = await rejection(store.append(uniqueStream(), [filed()], { expectedVersion: NO_STREAM }));
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).cause).toBeDefined();
    await store.close();
  });
});
