/**
 * Issue 10, item 1: a PostgreSQL connection dropped under a checked-out client (pg_terminate_backend, a restart,
 * a failover) gives the caller `StoreUnavailable`, never an unhandled 'error' event that ends the process; the
 * next call works on a fresh connection; nothing is half-written.
 *
 * Only this file's own backends are terminated: its pools carry a unique `application_name`.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { v4 as uuid } from 'uuid';
import { ANY, NO_STREAM, StoreUnavailable, verifyStream, type EventStore } from '@laborcase/core';
import { collect, filed, rejection, toyRegistry } from '@laborcase/core/adapter-kit';
import { createPgClient } from './pgClient.js';
import { openSqlStore } from '../sql/openSqlStore.js';
import { PG_URL, describeWithPostgres } from '../../../../test/support/postgres.js';

const clock = () => new Date('2026-03-02T09:00:00.000Z');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeWithPostgres('PostgreSQL store: connection loss', (schemaFor) => {
  const url = PG_URL as string;
  let admin: pg.Pool;
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await admin.end();
  });

  const terminate = async (applicationName: string): Promise<number> => {
    const { rows } = await admin.query<{ n: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return Number(rows[0]?.n ?? 0);
  };

  const openStore = async (schema: string, applicationName: string, holdMs: () => number): Promise<{ store: EventStore; pool: pg.Pool }> => {
    const pool = new pg.Pool({ connectionString: url, max: 6, application_name: applicationName, connectionTimeoutMillis: 5_000 });
    pool.on('error', () => {}); // the caller's pool: idle errors are its owner's business
    const store = await openSqlStore(createPgClient({ pool }), {
      registry: toyRegistry,
      clock,
      schema,
      // Hold each append's transaction open between statements, where a termination used to crash the process.
      hooks: { beforeCommit: async () => sleep(holdMs()) },
    });
    return { store, pool };
  };

  it('terminating backends between an append’s statements, during reads and during waits gives StoreUnavailable, and the process lives on', async () => {
    const schema = schemaFor('connloss');
    const applicationName = `laborcase-connloss-${uuid().slice(0, 8)}`;
    const { store, pool } = await openStore(schema, applicationName, () => 40);
    const streams = Array.from({ length: 4 }, () => `s-${uuid()}`);
    const acknowledged = new Set<string>();
    const failures: unknown[] = [];
    let unavailable = 0;
    let terminations = 0;
    for (let round = 0; round < 6; round++) {
      const head = await store.headPosition().catch(() => undefined);
      const calls: Promise<unknown>[] = [
        ...streams.map((streamId) =>
          store.append(streamId, [filed(`round ${round}`)], { expectedVersion: ANY }).then((result) => {
            acknowledged.add(result.events[0]!.eventId);
          }),
        ),
        collect(store.readAll({ maxCount: 5_000 })),
        ...(head === undefined ? [] : [store.waitForEvents(head, { timeoutMs: 2_000 })]),
      ];
      await sleep(15 + round * 3);
      terminations += await terminate(applicationName);
      for (const outcome of await Promise.allSettled(calls)) {
        if (outcome.status === 'fulfilled') continue;
        if (outcome.reason instanceof StoreUnavailable) unavailable += 1;
        else failures.push(outcome.reason);
      }
    }
    expect(failures).toEqual([]);
    expect(terminations).toBeGreaterThan(0);
    expect(unavailable).toBeGreaterThan(0);

    // The next call works on a fresh connection.
    const fresh = `s-${uuid()}`;
    expect((await store.append(fresh, [filed()], { expectedVersion: NO_STREAM })).nextExpectedVersion).toBe(0);

    // Nothing half-written: every stream verifies, has contiguous versions, and holds every acknowledged event.
    const stored = new Set<string>();
    for (const streamId of streams) {
      const events = await collect(store.readStream(streamId));
      expect(verifyStream(events).ok).toBe(true);
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i));
      expect(await store.streamVersion(streamId)).toBe(events.length === 0 ? NO_STREAM : events.length - 1);
      for (const event of events) stored.add(event.eventId);
    }
    for (const eventId of acknowledged) expect(stored.has(eventId)).toBe(true);
    await store.close();
    await pool.end();
  });

  it('a LISTEN connection terminated during a wait does not crash; the wait still ends, and later waits are woken', async () => {
    const schema = schemaFor('connlisten');
    const applicationName = `laborcase-connlisten-${uuid().slice(0, 8)}`;
    const { store, pool } = await openStore(schema, applicationName, () => 0);
    const head = await store.headPosition();
    const waiting = store.waitForEvents(head, { timeoutMs: 1_500 });
    await sleep(200);
    expect(await terminate(applicationName)).toBeGreaterThan(0);
    const outcome = await waiting.catch((error: unknown) => error);
    expect(outcome === false || outcome instanceof StoreUnavailable).toBe(true);
    const again = store.waitForEvents(head, { timeoutMs: 10_000 });
    await sleep(100);
    await store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM });
    expect(await again).toBe(true);
    await store.close();
    await pool.end();
  });

  it('an append whose connection is terminated before COMMIT rolls back completely, and its retry succeeds once', async () => {
    const schema = schemaFor('connretry');
    const applicationName = `laborcase-connretry-${uuid().slice(0, 8)}`;
    const { store, pool } = await openStore(schema, applicationName, () => 300);
    const streamId = `s-${uuid()}`;
    const batch = [filed('a'), filed('b'), filed('c')];
    const appending = rejection(store.append(streamId, batch, { expectedVersion: NO_STREAM }));
    await sleep(150);
    expect(await terminate(applicationName)).toBeGreaterThan(0);
    expect(await appending).toBeInstanceOf(StoreUnavailable);
    expect(await store.streamVersion(streamId)).toBe(NO_STREAM);
    const retried = await store.append(streamId, batch, { expectedVersion: NO_STREAM });
    expect(retried.nextExpectedVersion).toBe(2);
    expect(await collect(store.readStream(streamId))).toHaveLength(3);
    await store.close();
    await pool.end();
  });
});
