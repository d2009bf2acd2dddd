/**
 * Issue 10, "done when": backends terminated at random moments (at least 50 terminations) while 8 writers append
 * and a follower reads the global log. The process never dies, no acknowledged append is lost, the follower sees
 * every event exactly once, every stream verifies. Bounded: the writers stop once the terminations are done.
 *
 * Only this file's backends are terminated (their `application_name` is unique).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { v4 as uuid } from 'uuid';
import { ANY, START, StoreUnavailable, verifyStream, type EventStore, type GlobalPosition, type NewEvent } from '@laborcase/core';
import { collect, filed, toyRegistry } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../../../../test/support/postgres.js';
import { createPgClient } from './pgClient.js';
import { openSqlStore } from '../sql/openSqlStore.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINATIONS = 50;
const WRITERS = 8;

describeWithPostgres('PostgreSQL store under backend terminations', (schemaFor) => {
  const url = PG_URL as string;
  let admin: pg.Pool;
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await admin.end();
  });

  it(`${WRITERS} writers and a follower survive ${TERMINATIONS} terminations: nothing acknowledged lost, every event seen once`, async () => {
    const schema = schemaFor('faultload');
    const applicationName = `laborcase-fault-${uuid().slice(0, 8)}`;
    const pools: pg.Pool[] = [];
    const open = async (hold: boolean): Promise<EventStore> => {
      const pool = new pg.Pool({ connectionString: url, max: 10, application_name: applicationName, connectionTimeoutMillis: 5_000 });
      pool.on('error', () => {});
      pools.push(pool);
      return openSqlStore(createPgClient({ pool }), {
        registry: toyRegistry,
        schema,
        pollMs: 200,
        // Widen the window between statements where a termination used to end the process.
        ...(hold ? { hooks: { beforeCommit: async () => sleep(Math.random() * 6) } } : {}),
      });
    };
    const writerStore = await open(true);
    const followerStore = await open(false);

    const unexpected: unknown[] = [];
    let unavailable = 0;
    const noteFailure = (error: unknown): void => {
      if (error instanceof StoreUnavailable) unavailable += 1;
      else unexpected.push(error);
    };

    let stop = false;
    const acknowledged = new Set<string>();
    const streams = Array.from({ length: WRITERS }, (_, i) => `fault-${i}-${uuid()}`);
    const writer = async (streamId: string): Promise<void> => {
      while (!stop) {
        const batch: NewEvent[] = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => filed());
        // An append cut off by a termination is ambiguous (it may have committed): retry the same ids until answered.
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            const result = await writerStore.append(streamId, batch, { expectedVersion: ANY });
            for (const event of result.events) acknowledged.add(event.eventId);
            break;
          } catch (error) {
            noteFailure(error);
            await sleep(10);
          }
        }
      }
    };

    const seen = new Map<string, number>();
    let followerDone = false;
    const follower = async (): Promise<void> => {
      let after: GlobalPosition = START;
      while (!followerDone) {
        try {
          for await (const event of followerStore.readAll({ after })) {
            seen.set(event.eventId, (seen.get(event.eventId) ?? 0) + 1);
            after = event.globalPosition;
          }
          await followerStore.waitForEvents(after, { timeoutMs: 300 });
        } catch (error) {
          noteFailure(error);
          await sleep(10);
        }
      }
    };

    const started = Date.now();
    const writing = streams.map(writer);
    const following = follower();
    let terminations = 0;
    while (terminations < TERMINATIONS && Date.now() - started < 120_000) {
      await sleep(20 + Math.random() * 40);
      const { rows } = await admin.query<{ n: string }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      if (Number(rows[0]?.n ?? 0) > 0) terminations += 1;
    }
    stop = true;
    await Promise.all(writing);

    // Let the follower catch up with everything acknowledged (the log's horizon may lag behind other sessions).
    const deadline = Date.now() + 60_000;
    while ([...acknowledged].some((id) => !seen.has(id)) && Date.now() < deadline) await sleep(100);
    followerDone = true;
    await following;

    expect(terminations).toBeGreaterThanOrEqual(TERMINATIONS);
    expect(unexpected).toEqual([]);
    expect(unavailable).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThan(0);

    const all = await collect(writerStore.readAll());
    const stored = new Set(all.map((e) => e.eventId));
    expect(all).toHaveLength(stored.size);
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    // Exactly once: every stored event seen, none twice.
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    for (const id of stored) expect(seen.has(id)).toBe(true);
    for (const streamId of streams) {
      const events = await collect(writerStore.readStream(streamId));
      expect(verifyStream(events).ok).toBe(true);
    }
    process.stdout.write(
      `fault load: ${terminations} terminations, ${acknowledged.size} events acknowledged, ${all.length} stored, ${unavailable} StoreUnavailable answers, ${Date.now() - started} ms\n`,
    );
    await writerStore.close();
    await followerStore.close();
    await Promise.all(pools.map((p) => p.end()));
  }, 240_000);
});
