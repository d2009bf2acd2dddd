/**
 * The SQL append path (issue 14): one round trip when the remembered head is right, a correct answer when it is
 * not (another writer appended, an acknowledgement was lost), and data written under migration 1 still served.
 * On PGlite, which runs the same SQL as PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { v4 as uuid } from 'uuid';
import {
  ANY,
  DuplicateEventId,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersion,
  sealEvents,
  verifyStream,
  type EventStore,
  type ExpectedVersion,
} from '@laborcase/core';
import { answered, collect, filed, rejection, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import { createPGliteClient } from '../pglite/pgliteClient.js';
import type { SqlClient, SqlExecutor } from './client.js';
import { openSqlStore } from './openSqlStore.js';
import { MIGRATIONS, migrate, splitStatements } from './schema.js';

const clock = () => new Date('2026-03-02T09:00:00.000Z');

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
}, 120_000);
afterAll(async () => {
  await db.close();
});

const schemaName = (): string => `append_${uuid().replace(/-/g, '').slice(0, 12)}`;

/** A client over the shared database that counts round trips (a transaction is BEGIN and COMMIT more). */
const countingClient = async (): Promise<{ client: SqlClient; trips: () => number; reset: () => void }> => {
  const inner = await createPGliteClient({ db });
  let trips = 0;
  const counted = (executor: SqlExecutor): SqlExecutor => ({
    query: (text, params, options) => {
      trips += 1;
      return executor.query(text, params, options);
    },
  });
  const client: SqlClient = {
    dialect: inner.dialect,
    ...counted(inner),
    transaction: (work) => {
      trips += 2;
      return inner.transaction((tx) => work(counted(tx)));
    },
    close: () => inner.close(),
  };
  return { client, trips: () => trips, reset: () => void (trips = 0) };
};

const openStore = async (schema: string, client?: SqlClient): Promise<EventStore> =>
  openSqlStore(client ?? (await createPGliteClient({ db })), { registry: toyRegistry, clock, schema });

describe('round trips', () => {
  it('an append after a head the store wrote or read to the end is one call; a miss adds one head read', async () => {
    const schema = schemaName();
    const { client, trips, reset } = await countingClient();
    const store = await openStore(schema, client);
    const streamId = `s-${uuid()}`;

    reset();
    await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
    expect(trips()).toBe(1);
    reset();
    await store.append(streamId, [answered()], { expectedVersion: 2 });
    await store.append(streamId, [answered()], { expectedVersion: ANY });
    await store.append(streamId, [answered()], { expectedVersion: STREAM_EXISTS });
    expect(trips()).toBe(3);

    // Another store (a fresh process): the command path reads the stream to its end, then appends in one call.
    const { client: otherClient, trips: otherTrips, reset: otherReset } = await countingClient();
    const other = await openStore(schema, otherClient);
    const events = await collect(other.readStream(streamId));
    otherReset();
    await other.append(streamId, [answered()], { expectedVersion: events.length - 1 });
    expect(otherTrips()).toBe(1);
    // Nothing remembered: the head is read first.
    otherReset();
    await other.append(`s-${uuid()}`, [filed()], { expectedVersion: ANY });
    expect(otherTrips()).toBe(2);
    await Promise.all([store.close(), other.close()]);
  });
});

describe('a stale remembered head', () => {
  it('another writer appended: an exact expected version is refused with the real version, ANY seals after the real head', async () => {
    const schema = schemaName();
    const [a, b] = [await openStore(schema), await openStore(schema)];
    const streamId = `s-${uuid()}`;
    await a.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
    await b.append(streamId, [answered()], { expectedVersion: 2 });

    const refused = await rejection(a.append(streamId, [answered()], { expectedVersion: 2 }));
    expect(refused).toBeInstanceOf(WrongExpectedVersion);
    expect(refused).toMatchObject({ streamId, expected: 2, actual: 3 });
    expect(await a.streamVersion(streamId)).toBe(3);

    await b.append(streamId, [answered()], { expectedVersion: 3 });
    const appended = await a.append(streamId, [answered()], { expectedVersion: ANY });
    expect(appended.nextExpectedVersion).toBe(5);
    const stored = await collect(a.readStream(streamId));
    expect(stored.map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verifyStream(stored).ok).toBe(true);
    expect(appended.events).toEqual(stored.slice(5));
    await Promise.all([a.close(), b.close()]);
  });

  it('NO_STREAM on a stream another writer created is refused; STREAM_EXISTS after it appends', async () => {
    const schema = schemaName();
    const [a, b] = [await openStore(schema), await openStore(schema)];
    const streamId = `s-${uuid()}`;
    await b.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    expect(await rejection(a.append(streamId, [filed()], { expectedVersion: NO_STREAM }))).toMatchObject({ code: 'WrongExpectedVersion', actual: 0 });
    await a.append(streamId, [answered()], { expectedVersion: STREAM_EXISTS });
    expect(verifyStream(await collect(b.readStream(streamId))).ok).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('any interleaving of two writers with stale heads keeps one unbroken chain and answers every append truthfully', async () => {
    const schema = schemaName();
    const [a, b] = [await openStore(schema), await openStore(schema)];
    const expectation = fc.constantFrom<'own' | 'any' | 'exists' | 'none'>('own', 'any', 'exists', 'none');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ writer: fc.boolean(), expect: expectation, size: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 }), async (steps) => {
        const streamId = `s-${uuid()}`;
        const seen = new Map<EventStore, number>([
          [a, -1],
          [b, -1],
        ]);
        let version = -1;
        for (const step of steps) {
          const store = step.writer ? a : b;
          const own = seen.get(store) as number;
          const expected: ExpectedVersion =
            step.expect === 'any' ? ANY : step.expect === 'exists' ? STREAM_EXISTS : step.expect === 'none' ? NO_STREAM : own < 0 ? NO_STREAM : own;
          const holds = expected === ANY || (expected === STREAM_EXISTS ? version >= 0 : expected === NO_STREAM ? version < 0 : expected === version);
          const result = await store.append(streamId, toyStream(step.size), { expectedVersion: expected }).catch((error: unknown) => error);
          if (holds) {
            expect(result).toMatchObject({ nextExpectedVersion: version + step.size });
            version += step.size;
            seen.set(store, version);
          } else {
            expect(result).toBeInstanceOf(WrongExpectedVersion);
          }
        }
        const stored = await collect(a.readStream(streamId));
        expect(stored).toHaveLength(version + 1);
        expect(verifyStream(stored).ok).toBe(true);
      }),
      { numRuns: 25 },
    );
    await Promise.all([a.close(), b.close()]);
  }, 120_000);
});

describe('a retry after a lost acknowledgement', () => {
  /** A client whose next `append_events` call commits, then fails as if the connection dropped before the answer. */
  const losingClient = async (): Promise<{ client: SqlClient; loseNext: () => void }> => {
    const inner = await createPGliteClient({ db });
    let lose = false;
    const client: SqlClient = {
      ...inner,
      dialect: inner.dialect,
      query: async (text, params, options) => {
        const rows = await inner.query(text, params, options);
        if (lose && text.includes('append_events')) {
          lose = false;
          throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
        }
        return rows as never;
      },
      transaction: (work) => inner.transaction(work),
      close: () => inner.close(),
    };
    return { client, loseNext: () => void (lose = true) };
  };

  for (const [kind, expected] of [
    ['an exact version', 2],
    ['ANY', ANY],
    ['STREAM_EXISTS', STREAM_EXISTS],
  ] as const) {
    it(`with ${kind}: answered with the stored events, written once, even after another writer appended`, async () => {
      const schema = schemaName();
      const { client, loseNext } = await losingClient();
      const store = await openStore(schema, client);
      const other = await openStore(schema);
      const streamId = `s-${uuid()}`;
      await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
      const batch = [answered(), answered(2)];
      loseNext();
      expect(await rejection(store.append(streamId, batch, { expectedVersion: expected }))).toMatchObject({ code: 'StoreUnavailable' });
      await other.append(streamId, [answered()], { expectedVersion: 4 });

      const retried = await store.append(streamId, batch, { expectedVersion: expected });
      const stored = await collect(store.readStream(streamId));
      expect(retried).toEqual({ nextExpectedVersion: 4, events: stored.slice(3, 5) });
      expect(stored).toHaveLength(6);
      expect(verifyStream(stored).ok).toBe(true);
      // Part of that batch, or the same ids with other content, is no retry.
      expect(await rejection(store.append(streamId, batch.slice(1), { expectedVersion: ANY }))).toBeInstanceOf(DuplicateEventId);
      await Promise.all([store.close(), other.close()]);
    });
  }

  it('NO_STREAM: the retry of a lost first append is answered, not refused as WrongExpectedVersion', async () => {
    const { client, loseNext } = await losingClient();
    const store = await openStore(schemaName(), client);
    const streamId = `s-${uuid()}`;
    const batch = toyStream(2);
    loseNext();
    await rejection(store.append(streamId, batch, { expectedVersion: NO_STREAM }));
    const retried = await store.append(streamId, batch, { expectedVersion: NO_STREAM });
    expect(retried).toEqual({ nextExpectedVersion: 1, events: await collect(store.readStream(streamId)) });
    await store.close();
  });
});

describe('a schema written before migration 2', () => {
  it('is migrated in place: its streams read back unchanged and the next append continues their chains', async () => {
    const schema = schemaName();
    const client = await createPGliteClient({ db });
    expect(await migrate(client, schema, MIGRATIONS.slice(0, 1))).toEqual([1]);
    // What the previous append wrote: the stream row at its head, the sealed events with their hashes.
    const streamId = `s-${uuid()}`;
    const sealed = sealEvents(streamId, { version: NO_STREAM, hash: '0'.repeat(64) }, toyStream(4).map((e) => ({ ...e, schemaVersion: 1 })), clock().toISOString());
    await client.transaction(async (tx) => {
      const last = sealed[sealed.length - 1]!;
      await tx.query(`INSERT INTO "${schema}".streams (stream_id, version, last_hash) VALUES ($1, $2, $3)`, [streamId, last.streamVersion, last.hash]);
      for (const e of sealed) {
        await tx.query(
          `INSERT INTO "${schema}".events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [e.eventId, e.streamId, e.streamVersion, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.prevHash, e.hash],
        );
      }
    });

    const store = await openSqlStore(client, { registry: toyRegistry, clock, schema });
    const before = await collect(store.readAll());
    expect(before.map(({ globalPosition: _, ...event }) => event)).toEqual(sealed);
    expect(await rejection(store.append(streamId, [answered()], { expectedVersion: 2 }))).toMatchObject({ code: 'WrongExpectedVersion', actual: 3 });
    const next = await store.append(streamId, [answered()], { expectedVersion: 3 });
    expect(next.events[0]?.prevHash).toBe(sealed[3]?.hash);
    const after = await collect(store.readStream(streamId));
    expect(after.slice(0, 4)).toEqual(before);
    expect(verifyStream(after).ok).toBe(true);
    await store.close();
  });
});

describe('splitStatements', () => {
  it('splits on semicolons outside $$ bodies and drops comment lines', () => {
    const sql = `-- a comment; with a semicolon
      CREATE TABLE t (a int);
      CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        -- inside; too
        PERFORM 1; RETURN 2;
      END
      $$;
      SELECT 1`;
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toBe('CREATE TABLE t (a int)');
    expect(statements[1]).toMatch(/^CREATE FUNCTION f\(\).*PERFORM 1; RETURN 2;\s+END\s+\$\$$/s);
    expect(statements[2]).toBe('SELECT 1');
  });
});

it('a batch sealed after a head that does not match is refused by the database, not stored on a broken chain', async () => {
  const schema = schemaName();
  const client = await createPGliteClient({ db });
  const store = await openStore(schema, client);
  const streamId = `s-${uuid()}`;
  await store.append(streamId, toyStream(2), { expectedVersion: NO_STREAM });
  const forged = sealEvents(streamId, { version: 1, hash: 'f'.repeat(64) }, [{ ...answered(), schemaVersion: 1 }], clock().toISOString());
  const [row] = await client.query<{ outcome: string; version: string }>(`SELECT outcome, version FROM "${schema}".append_events($1, $2::jsonb, NULL)`, [
    streamId,
    JSON.stringify(forged),
  ]);
  expect(row).toMatchObject({ outcome: 'moved', version: '1' });
  expect(verifyStream(await collect(store.readStream(streamId))).ok).toBe(true);
  expect(await rejection(store.append(streamId, [answered()], { expectedVersion: 5 }))).toMatchObject({ code: 'WrongExpectedVersion', actual: 1 });
  await store.close();
});

describe('events name a stream row (migration 5: checked per statement, not per event)', () => {
  it('an event inserted without its stream row is refused, and a stream row keeps its id', async () => {
    const schema = schemaName();
    const client = await createPGliteClient({ db });
    const store = await openStore(schema, client);
    const streamId = `s-${uuid()}`;
    await store.append(streamId, toyStream(2), { expectedVersion: NO_STREAM });
    const [orphan] = sealEvents(`orphan-${uuid()}`, { version: NO_STREAM, hash: '0'.repeat(64) }, [{ ...filed(), schemaVersion: 1 }], clock().toISOString());
    const insertOrphan = client.query(
      `INSERT INTO "${schema}".events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
       VALUES ($1, $2, 0, $3, 1, $4::jsonb, $5::jsonb, $6, $7)`,
      [orphan!.eventId, orphan!.streamId, orphan!.type, JSON.stringify(orphan!.data), JSON.stringify(orphan!.metadata), orphan!.prevHash, orphan!.hash],
    );
    await expect(insertOrphan).rejects.toThrow(/without its stream row/);
    await expect(client.query(`UPDATE "${schema}".streams SET stream_id = 'renamed' WHERE stream_id = $1`, [streamId])).rejects.toThrow(/append-only/);
    expect(await client.query(`SELECT count(*)::int AS n FROM "${schema}".events WHERE stream_id = $1`, [orphan!.streamId])).toEqual([{ n: 0 }]);
    expect((await collect(store.readStream(streamId))).map((e) => e.streamVersion)).toEqual([0, 1]);
    await store.close();
  });
});

describe('stream reads in keyset pages, the next one asked for ahead', () => {
  it('reads every event once, in order, either way, and a reader that stops early leaves nothing broken', async () => {
    const schema = schemaName();
    const client = await createPGliteClient({ db });
    const store = await openSqlStore(client, { registry: toyRegistry, clock, schema, pageSize: 3 });
    const streamId = `s-${uuid()}`;
    const appended = await store.append(streamId, toyStream(10), { expectedVersion: NO_STREAM });
    expect((await collect(store.readStream(streamId))).map((e) => e.globalPosition)).toEqual(appended.events.map((e) => e.globalPosition));
    expect((await collect(store.readStream(streamId, { fromVersion: 2, toVersion: 8 }))).map((e) => e.streamVersion)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect((await collect(store.readStream(streamId, { direction: 'backwards', maxCount: 7 }))).map((e) => e.streamVersion)).toEqual([9, 8, 7, 6, 5, 4, 3]);
    expect((await collect(store.readStream(streamId, { maxCount: 6 }))).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5]);
    const seen: number[] = [];
    for await (const event of store.readStream(streamId)) {
      seen.push(event.streamVersion);
      if (seen.length === 4) break;
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    await store.close();
  });
});
