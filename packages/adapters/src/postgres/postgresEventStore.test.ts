/** Server-only behaviour of the PostgreSQL store: migrations racing, connection failures, timeouts, wake-ups. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { v4 as uuid } from 'uuid';
import { ANY, DuplicateEventId, NO_STREAM, StoreFailure, StoreUnavailable, type EventStore } from '@laborcase/core';
import { toyRegistry, collect, rejection, filed } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../../../../test/support/postgres.js';
import { createPostgresEventStore } from './createPostgresEventStore.js';
import { createPgClient } from './pgClient.js';
import { openSqlStore } from '../sql/openSqlStore.js';
import type { QueryOptions, SqlClient } from '../sql/client.js';

const clock = () => new Date('2026-03-02T09:00:00.000Z');

describeWithPostgres('PostgreSQL store: server behaviour', (schemaFor) => {
  const url = PG_URL as string;
  let admin: pg.Pool;
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await admin.end();
  });

  /** A second connection LISTENing on the store's channel for `schema`, and the channels it has heard. */
  const listenTo = async (schema: string): Promise<{ heard: string[]; listener: pg.Client }> => {
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    listener.on('notification', (message) => heard.push(message.channel));
    await listener.query(`LISTEN "laborcase_${schema}"`);
    return { heard, listener };
  };

  const eventCount = async (schema: string): Promise<number> =>
    Number((await admin.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events`)).rows[0]?.n);

  it('applies migrations exactly once when several processes start at the same moment', async () => {
    const schema = schemaFor('migrate');
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => createPostgresEventStore({ connectionString: url, registry: toyRegistry, clock, schema, poolSize: 1 })),
    );
    const applied = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`);
    expect(applied.rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const indexes = await admin.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' ORDER BY indexname`,
      [schema],
    );
    // Four B-trees per event (migration 8): the position is the primary key and serves global order.
    expect(indexes.rows.map((r) => r.indexname)).toEqual(['events_event_id_key', 'events_pkey', 'events_stream_version_key', 'events_type_order_idx']);
    expect(indexes.rows.find((r) => r.indexname === 'events_pkey')?.indexdef).toMatch(/UNIQUE INDEX events_pkey ON .* USING btree \(tx_id, seq\)$/);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('identical retries racing each other are answered as one append, written once', async () => {
    const schema = schemaFor('retry');
    const store = await createPostgresEventStore({ connectionString: url, registry: toyRegistry, clock, schema, poolSize: 8 });
    const streamId = `s-${uuid()}`;
    const batch = [filed(), filed('other')];
    const results = await Promise.all(Array.from({ length: 8 }, () => store.append(streamId, batch, { expectedVersion: NO_STREAM })));
    for (const result of results) expect(result).toEqual(results[0]);
    expect(await eventCount(schema)).toBe(2);
    expect(await store.streamVersion(streamId)).toBe(1);
    await store.close();
  });

  it('one event id raced into two streams: the loser waits on the unique index, then gets DuplicateEventId, nothing of it written', async () => {
    const schema = schemaFor('dupe');
    const [a, b] = [`a-${uuid()}`, `b-${uuid()}`];
    // Hold the first append's transaction open so the second inserts the same id before the first commits.
    const hooks = { beforeCommit: async (streamId: string) => void (streamId === a && (await new Promise((r) => setTimeout(r, 300)))) };
    const store = await openSqlStore(createPgClient({ connectionString: url, poolSize: 4 }), { registry: toyRegistry, clock, schema, hooks });
    const event = filed();
    const first = store.append(a, [event], { expectedVersion: NO_STREAM });
    await new Promise((r) => setTimeout(r, 100));
    const second = rejection(store.append(b, [event], { expectedVersion: NO_STREAM }));
    expect((await first).nextExpectedVersion).toBe(0);
    expect(await second).toBeInstanceOf(DuplicateEventId);
    expect(await eventCount(schema)).toBe(1);
    expect(await store.streamVersion(b)).toBe(NO_STREAM);
    await store.close();
  });

  it('a store over a pool that was ended rejects with StoreUnavailable, keeps the driver error as cause, writes nothing', async () => {
    const schema = schemaFor('closedpool');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const store = await createPostgresEventStore({ pool, registry: toyRegistry, clock, schema });
    await pool.end();
    const error = await rejection(store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM }));
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as StoreUnavailable).cause).toBeInstanceOf(Error);
    expect(await rejection(store.headPosition())).toBeInstanceOf(StoreUnavailable);
    expect(await eventCount(schema)).toBe(0);
    await store.close();
  });

  it('an unreachable server is StoreUnavailable at start-up', async () => {
    const error = await rejection(
      createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', registry: toyRegistry, clock, schema: schemaFor('nowhere') }),
    );
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as StoreUnavailable).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a statement over the timeout fails as StoreFailure (cause: SQLSTATE 57014) and rolls the append back', async () => {
    const schema = schemaFor('timeout');
    const store = await openSqlStore(createPgClient({ connectionString: url, statementTimeoutMs: 200 }), {
      registry: toyRegistry,
      clock,
      schema,
      hooks: { beforeCommit: async (_streamId, tx) => void (await tx.query('SELECT pg_sleep(1)')) },
    });
    const streamId = `s-${uuid()}`;
    const error = await rejection(store.append(streamId, [filed()], { expectedVersion: ANY }));
    expect(error).toBeInstanceOf(StoreFailure);
    expect((error as StoreFailure).cause).toMatchObject({ code: '57014' });
    expect(await store.streamVersion(streamId)).toBe(NO_STREAM);
    expect(await eventCount(schema)).toBe(0);
    await store.close();
  });

  it('wakes a waiter in another process through LISTEN/NOTIFY, well before its polling interval', async () => {
    const schema = schemaFor('notify');
    const options = { connectionString: url, registry: toyRegistry, clock, schema, pollMs: 60_000 };
    const writer: EventStore = await createPostgresEventStore(options);
    const reader: EventStore = await createPostgresEventStore(options);
    const head = await reader.headPosition();
    expect(await reader.waitForEvents(head, { timeoutMs: 100 })).toBe(false); // also starts listening
    const started = Date.now();
    const waiting = reader.waitForEvents(head, { timeoutMs: 20_000 });
    await writer.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM });
    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await collect(reader.readAll({ after: head }))).toHaveLength(1);
    await Promise.all([writer.close(), reader.close()]);
  });

  it("sends its NOTIFY after the append's commit, not inside it, and one for a burst rather than one per append", async () => {
    const schema = schemaFor('notifyafter');
    const base = createPgClient({ connectionString: url, poolSize: 4 });
    const log: string[] = [];
    const client: SqlClient = {
      ...base,
      query: async <Row extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]> => {
        const rows = await base.query<Row>(text, params, options);
        if (text.includes('append_events')) log.push(`append ${JSON.stringify(params?.[2] ?? null)}`);
        return rows;
      },
      notify: async (channel) => {
        log.push('notify');
        await base.notify?.(channel);
      },
    };
    const store = await openSqlStore(client, { registry: toyRegistry, clock, schema });
    const { heard, listener } = await listenTo(schema);
    await store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM });
    expect(log).toEqual(['append null', 'notify']);
    log.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM })));
    await store.close();
    expect(log.filter((entry) => entry.startsWith('append'))).toEqual(Array.from({ length: 20 }, () => 'append null'));
    expect(log.filter((entry) => entry === 'notify').length).toBeLessThan(20);
    expect(log[log.length - 1]).toBe('notify');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(new Set(heard)).toEqual(new Set([`laborcase_${schema}`]));
    await listener.end();
  });

  it('a PostgreSQL client without notify (one written before it existed) still wakes listeners: from inside the append', async () => {
    const schema = schemaFor('notifyold');
    const { notify: _unused, ...withoutNotify } = createPgClient({ connectionString: url, poolSize: 2 });
    const store = await openSqlStore(withoutNotify, { registry: toyRegistry, clock, schema });
    const { heard, listener } = await listenTo(schema);
    await store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([`laborcase_${schema}`]);
    await Promise.all([store.close(), listener.end()]);
  });

  it('close waits for an append in flight, then releases the pool', async () => {
    const schema = schemaFor('shutdown');
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const store = await openSqlStore(createPgClient({ connectionString: url }), {
      registry: toyRegistry,
      clock,
      schema,
      hooks: {
        beforeCommit: async () => {
          entered();
          await new Promise((resolve) => setTimeout(resolve, 150));
        },
      },
    });
    const appending = store.append(`s-${uuid()}`, [filed()], { expectedVersion: NO_STREAM });
    await inside;
    await store.close();
    expect((await appending).nextExpectedVersion).toBe(0);
    expect(await eventCount(schema)).toBe(1);
    expect(await rejection(store.streamVersion('x'))).toBeInstanceOf(StoreUnavailable);
  });
});
