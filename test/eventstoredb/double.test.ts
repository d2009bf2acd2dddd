/**
 * The double's own tests: they pin, through the unmodified `@eventstore/db-client`, the server semantics the
 * EventStoreDB adapter relies on (the pitfalls of ../shared/eventstoredb.md §3), in both append paths.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreDbDouble } from './double.js';

const collect = async (iterable: AsyncIterable<ResolvedEvent>) => {
  const out: ResolvedEvent[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};
const event = (n: number, id: string = randomUUID()) => jsonEvent({ id, type: 'Tested', data: { n }, metadata: { $correlationId: 'c-1', n } });
const fresh = () => `test-${randomUUID()}`;

describe.each([
  ['BatchAppend advertised', true, 'batchAppend'],
  ['ServerFeatures unimplemented', false, 'append'],
] as const)('EventStoreDB double (%s)', (_label, advertiseBatchAppend, appendMethod) => {
  let double: EventStoreDbDouble;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    double = new EventStoreDbDouble({ advertiseBatchAppend, systemEventEvery: 2 });
    client = EventStoreDBClient.connectionString(await double.start());
  });
  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  it(`appends through ${appendMethod}, returning the revision and the last event's position`, async () => {
    const stream = fresh();
    const result = await client.appendToStream(stream, [event(0), event(1)], { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(1n);
    const last = double.log.filter((r) => r.streamId === stream)[1]!;
    expect(result.position).toEqual({ commit: last.position, prepare: last.position });
    expect(double.calls.get(appendMethod)).toBeGreaterThan(0);
    expect(double.calls.get(appendMethod === 'append' ? 'batchAppend' : 'append')).toBeUndefined();
  });

  it('enforces expected revisions: no_stream, stream_exists, exact, any; a conflict names current and expected', async () => {
    const stream = fresh();
    const missing = await rejection(client.appendToStream(stream, event(0), { expectedRevision: STREAM_EXISTS }));
    expect(missing).toBeInstanceOf(WrongExpectedVersionError);
    expect(missing).toMatchObject({ streamName: stream, expectedVersion: STREAM_EXISTS, actualVersion: NO_STREAM });
    expect(await rejection(client.appendToStream(stream, event(0), { expectedRevision: 0n }))).toMatchObject({ expectedVersion: 0n, actualVersion: NO_STREAM });
    await client.appendToStream(stream, event(0), { expectedRevision: NO_STREAM });
    expect(await rejection(client.appendToStream(stream, event(1), { expectedRevision: NO_STREAM }))).toMatchObject({ expectedVersion: NO_STREAM, actualVersion: 0n });
    expect(await rejection(client.appendToStream(stream, event(1), { expectedRevision: 3n }))).toMatchObject({ expectedVersion: 3n, actualVersion: 0n });
    expect((await client.appendToStream(stream, event(1), { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
    expect((await client.appendToStream(stream, event(2), { expectedRevision: STREAM_EXISTS })).nextExpectedRevision).toBe(2n);
    expect((await client.appendToStream(stream, event(3), { expectedRevision: ANY })).nextExpectedRevision).toBe(3n);
  });

  it('re-appending the same ids with the same expected revision succeeds without writing again', async () => {
    const stream = fresh();
    const batch = [event(0), event(1)];
    const first = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    const size = double.log.length;
    const again = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(again.position).toEqual(first.position);
    expect(double.log.length).toBe(size);
    // New ids with the stale expected revision are a conflict.
    expect(await rejection(client.appendToStream(stream, [event(0)], { expectedRevision: NO_STREAM }))).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('reads a missing stream as StreamNotFoundError, an existing range inclusively both ways', async () => {
    expect(await rejection(collect(client.readStream(fresh())))).toBeInstanceOf(StreamNotFoundError);
    const stream = fresh();
    await client.appendToStream(stream, [0, 1, 2, 3, 4].map((n) => event(n)));
    const revisions = (events: ResolvedEvent[]) => events.map((e) => e.event?.revision);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: 2n, maxCount: 2 })))).toEqual([2n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })))).toEqual([4n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 1n })))).toEqual([1n, 0n]);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: 9n })))).toEqual([]);
    const [first] = await collect(client.readStream(stream, { maxCount: 1 }));
    expect(first?.event).toMatchObject({ streamId: stream, type: 'Tested', data: { n: 0 }, metadata: { $correlationId: 'c-1', n: 0 }, isJson: true });
    // created is ticks (ms × 10 000): the client turns it back into a recent Date.
    expect(Math.abs(first!.event!.created.valueOf() - Date.now())).toBeLessThan(60_000);
  });

  it('keeps positions strictly increasing with gaps, and $all starts with and interleaves system events', async () => {
    await client.appendToStream(fresh(), [event(0)]);
    await client.appendToStream(fresh(), [event(1)]);
    const all = await collect(client.readAll({ fromPosition: START, maxCount: 10_000 }));
    expect(all[0]?.event?.type.startsWith('$')).toBe(true);
    expect(all.some((e, i) => i > 3 && e.event?.type === '$statsCollected')).toBe(true);
    const commits = all.map((e) => e.event!.position!.commit);
    for (let i = 1; i < commits.length; i++) {
      expect(commits[i]! > commits[i - 1]!).toBe(true);
      expect(commits[i]! - commits[i - 1]!).toBeGreaterThan(1n);
    }
    for (const e of all) expect(e.event!.position!.prepare).toBe(e.event!.position!.commit);
    // $all reads from a position include it; backwards from END starts at the last record.
    const third = all[2]!.event!.position!;
    expect((await collect(client.readAll({ fromPosition: third, maxCount: 1 })))[0]?.event?.id).toBe(all[2]!.event!.id);
    expect((await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))[0]?.event?.id).toBe(all[all.length - 1]!.event!.id);
    expect((await collect(client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 1 })))[0]?.event?.id).toBe(all[0]!.event!.id);
  });

  it('soft delete: reads are not found, revisions continue on recreation; tombstone: StreamDeletedError', async () => {
    const stream = fresh();
    await client.appendToStream(stream, [event(0), event(1)]);
    await client.deleteStream(stream, { expectedRevision: 1n });
    expect(await rejection(collect(client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    expect(await rejection(client.appendToStream(stream, event(2), { expectedRevision: STREAM_EXISTS }))).toBeInstanceOf(WrongExpectedVersionError);
    expect((await client.appendToStream(stream, event(2), { expectedRevision: NO_STREAM })).nextExpectedRevision).toBe(2n);
    expect((await collect(client.readStream(stream))).map((e) => e.event?.revision)).toEqual([2n]);

    const gone = fresh();
    await client.appendToStream(gone, event(0));
    await client.tombstoneStream(gone);
    expect(await rejection(collect(client.readStream(gone)))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client.appendToStream(gone, event(1)))).toBeInstanceOf(StreamDeletedError);
  });

  it('round-trips stream metadata through the $$ metastream', async () => {
    const stream = fresh();
    await client.setStreamMetadata(stream, { maxCount: 5, owner: 'labor-relations' });
    const { metadata } = await client.getStreamMetadata(stream);
    expect(metadata).toMatchObject({ maxCount: 5, owner: 'labor-relations' });
    expect(double.streamMetadata(stream)).toMatchObject({ $maxCount: 5 });
  });

  it('subscribes to $all after a position (exclusive): confirmation, catch-up, caughtUp, live; filters and checkpoints', async () => {
    const stream = fresh();
    const before = await client.appendToStream(stream, [event(0)]);
    const seen: string[] = [];
    const checkpoints: bigint[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: before.position!,
      filter: excludeSystemEvents({ maxSearchWindow: 1, checkpointReached: async (_s, position) => void checkpoints.push(position.commit) }),
    });
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const live = new Promise<void>((resolve) =>
      subscription.on('data', (e: ResolvedEvent) => {
        seen.push(`${e.event?.type}:${String((e.event?.data as { n?: number }).n)}`);
        if (seen.length === 2) resolve();
      }),
    );
    await client.appendToStream(stream, [event(1)]);
    await caughtUp;
    await client.appendToStream(stream, [event(2)]);
    await live;
    await subscription.unsubscribe();
    expect(seen).toEqual(['Tested:1', 'Tested:2']);
    expect(checkpoints.length).toBeGreaterThan(0);
  });
});
