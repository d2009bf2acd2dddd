/**
 * The global log under real concurrency on a PostgreSQL server: many writers, a reader following the log
 * through another store instance (as another process would), and commits that land out of position order.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { createPostgresEventStore } from '@laborcase/adapters';
import { createPgClient, openSqlStore } from '@laborcase/adapters/sql';
import {
  ANY,
  NO_STREAM,
  WrongExpectedVersion,
  comparePositions,
  followAll,
  positionSegments,
  verifyStream,
  type AppendResult,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type StoredEvent,
} from '@laborcase/core';
import { toyRegistry, collect, answered, filed, sealEvents } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const WRITERS = 16;
const APPENDS_PER_WRITER = 1_000;
const STREAMS = 50;
/** Every this-many-th append holds its transaction open before COMMIT, so later ones overtake it. */
const SLOW_EVERY = 150;
const SLOW_MS = 40;

const clock = () => new Date('2026-03-02T09:00:00.000Z');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seqOf = (position: GlobalPosition): bigint => positionSegments(position)[1] ?? 0n;

/** Follow the global log from `after` until `enough()` holds after a wake-up, or the deadline passes. */
const follow = (store: EventStore, after: GlobalPosition) => {
  const seen: StoredEvent[] = [];
  const controller = new AbortController();
  const done = (async () => {
    for await (const event of followAll(store, { after, signal: controller.signal })) seen.push(event);
  })();
  return {
    seen,
    async stopWhen(enough: () => boolean, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!enough() && Date.now() < deadline) await sleep(20);
      controller.abort();
      await done;
    },
  };
};

describeWithPostgres('PostgreSQL global log under concurrency', (schemaFor) => {
  const schema = schemaFor('concurrency');
  let slowCount = 0;
  let appendCount = 0;
  let writer: EventStore;
  let reader: EventStore;
  /** Streams whose commits the deterministic test holds back until `release` is called. */
  const gated = new Map<string, Promise<void>>();

  beforeAll(async () => {
    // The commit hook is plumbing the root factory does not take: open the store on a client directly.
    writer = await openSqlStore(createPgClient({ connectionString: PG_URL as string, poolSize: WRITERS }), {
      registry: toyRegistry,
      clock,
      schema,
      hooks: {
        beforeCommit: async (streamId) => {
          const gate = gated.get(streamId);
          if (gate !== undefined) return gate;
          appendCount += 1;
          if (appendCount % SLOW_EVERY === 0) {
            slowCount += 1;
            await sleep(SLOW_MS);
          }
        },
      },
    });
    reader = await createPostgresEventStore({ connectionString: PG_URL as string, registry: toyRegistry, clock, schema, poolSize: 2, pollMs: 200 });
  });
  afterAll(async () => {
    await writer.close();
    await reader.close();
  });

  it('a transaction holding a lower position that commits last is still read, in order, never skipped', async () => {
    const head = await reader.headPosition();
    const slowStream = `slow-${uuid()}`;
    let release!: () => void;
    gated.set(slowStream, new Promise<void>((resolve) => (release = resolve)));
    const slowAppend = writer.append(slowStream, [filed()], { expectedVersion: NO_STREAM });
    // Let the slow transaction insert (taking its xid and seq) and park before COMMIT.
    await sleep(200);
    const fast = await writer.append(`fast-${uuid()}`, [filed(), answered()], { expectedVersion: NO_STREAM });
    expect(await writer.streamVersion(fast.events[0]!.streamId)).toBe(1);

    // The fast events are committed but lie behind the open transaction's horizon: not yet in the log.
    expect(await collect(reader.readAll({ after: head }))).toEqual([]);
    expect(await reader.headPosition()).toEqual(head);
    expect(await reader.waitForEvents(head, { timeoutMs: 300 })).toBe(false);

    const waiting = reader.waitForEvents(head, { timeoutMs: 10_000 });
    release();
    const slow = await slowAppend;
    expect(await waiting).toBe(true);
    const log = await collect(reader.readAll({ after: head }));
    expect(log.map((e) => e.eventId)).toEqual([...slow.events, ...fast.events].map((e) => e.eventId));
    // The slow batch really held the lower sequence number: a reader ordering by it alone would skip it.
    expect(seqOf(slow.events[0]!.globalPosition)).toBeLessThan(seqOf(fast.events[0]!.globalPosition));
    expect(await reader.headPosition()).toEqual(fast.events[1]!.globalPosition);
    gated.delete(slowStream);
  });

  it('a transaction whose id predates a stream\'s last commit cannot append after it: the global log keeps stream order', async () => {
    const streamId = `order-${uuid()}`;
    await writer.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    // A transaction takes its id at its first write, possibly long before it reaches a stream's lock.
    const early = createPgClient({ connectionString: PG_URL as string, poolSize: 1 });
    let release!: () => void;
    let gotId!: () => void;
    const idTaken = new Promise<void>((resolve) => (gotId = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const outcome = early.transaction(async (tx) => {
      await tx.query('SELECT pg_current_xact_id()');
      gotId();
      await released;
      const head = (await collect(writer.readStream(streamId))).at(-1)!;
      const sealed = sealEvents(streamId, { version: head.streamVersion, hash: head.hash }, [{ ...answered(), eventId: uuid(), schemaVersion: 1 }], clock().toISOString());
      const [row] = await tx.query<{ outcome: string }>(`SELECT outcome FROM "${schema}".append_events($1, $2::jsonb, NULL)`, [streamId, JSON.stringify(sealed)]);
      return row?.outcome;
    });
    await idTaken;
    // A later transaction commits version 1 meanwhile.
    await writer.append(streamId, [answered()], { expectedVersion: 0 });
    release();
    expect(await outcome).toBe('reordered');
    await early.close();
    const log = (await collect(reader.readAll())).filter((e) => e.streamId === streamId);
    expect(log.map((e) => e.streamVersion)).toEqual([0, 1]);
  });

  it(`${WRITERS} writers × ${APPENDS_PER_WRITER} appends over ${STREAMS} streams: the follower sees every event once, in order`, async () => {
    const head = await reader.headPosition();
    const streams = Array.from({ length: STREAMS }, (_, i) => `load-${i}-${uuid()}`);
    const follower = follow(reader, head);
    const results: AppendResult[] = [];
    /** The order in which appends returned, against the order of their sequence numbers. */
    const completionSeqs: bigint[] = [];
    let conflicts = 0;

    const appendOne = async (w: number, i: number): Promise<void> => {
      const streamId = streams[(w * 31 + i * 7) % STREAMS]!;
      const batch: NewEvent[] = i % 10 === 0 ? [answered(), answered(2), answered(3)] : [answered()];
      if (i % 2 === 0) {
        results.push(await writer.append(streamId, batch, { expectedVersion: ANY }));
      } else {
        // Optimistic concurrency: read the version, append expecting it, retry on conflict.
        for (;;) {
          const version = await writer.streamVersion(streamId);
          try {
            results.push(await writer.append(streamId, batch, { expectedVersion: version }));
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedVersion)) throw error;
            conflicts += 1;
          }
        }
      }
      completionSeqs.push(seqOf(results[results.length - 1]!.events[0]!.globalPosition));
    };
    const started = Date.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < APPENDS_PER_WRITER; i++) await appendOne(w, i);
      }),
    );
    const written = results.flatMap((r) => r.events);
    await follower.stopWhen(() => follower.seen.length >= written.length, 30_000);
    const elapsed = Date.now() - started;

    // Commits really overtook each other: some append returned after one holding a higher sequence number.
    const overtaken = completionSeqs.filter((seq, i) => completionSeqs.slice(i + 1, i + 40).some((later) => later < seq)).length;
    expect(slowCount).toBeGreaterThan(50);
    expect(overtaken).toBeGreaterThan(0);

    // Every event exactly once, nothing lost, nothing invented.
    const seen = follower.seen;
    expect(seen).toHaveLength(written.length);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(written.length);
    expect(new Set(seen.map((e) => e.eventId))).toEqual(new Set(written.map((e) => e.eventId)));
    // Strictly increasing positions, and the same order a fresh full read gives (resumable, repeatable).
    for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1]!.globalPosition, seen[i]!.globalPosition)).toBe(-1);
    const reread = await collect(reader.readAll({ after: head }));
    expect(reread.map((e) => e.eventId)).toEqual(seen.map((e) => e.eventId));
    // Commit-consistent: each stream's events reach the follower in version order, with no gap.
    const byStream = new Map<string, number[]>();
    for (const event of seen) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.streamVersion]);
    expect(byStream.size).toBe(STREAMS);
    for (const streamId of streams) {
      const versions = byStream.get(streamId) ?? [];
      expect(versions).toEqual(versions.map((_, i) => i));
      const stored = await collect(reader.readStream(streamId));
      expect(stored.map((e) => e.eventId)).toEqual(seen.filter((e) => e.streamId === streamId).map((e) => e.eventId));
      expect(verifyStream(stored).ok).toBe(true);
      expect(await reader.streamVersion(streamId)).toBe(stored.length - 1);
    }
    console.info(
      `concurrency: ${results.length} appends, ${written.length} events, ${conflicts} retried conflicts, ${slowCount} slow commits, ` +
        `${overtaken} overtaken, ${elapsed} ms`,
    );
  }, 120_000);
});
