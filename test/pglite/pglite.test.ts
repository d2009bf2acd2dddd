/** PGlite-specific behaviour: a local data folder survives restarts, migrations run once, bad input writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { createPGliteEventStore } from '@laborcase/adapters';
import { MIGRATIONS, createPGliteClient, migrate } from '@laborcase/adapters/sql';
import { InvalidEvent, NO_STREAM, START, StoreUnavailable, WrongExpectedVersion, verifyStream } from '@laborcase/core';
import { toyRegistry, collect, rejection, filed, toyStream } from '@laborcase/core/adapter-kit';

const clock = () => new Date('2026-03-02T09:00:00.000Z');

describe('PGlite event store on a local folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laborcase-pglite-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps events, chain and positions across a restart, and resumes numbering after them', async () => {
    const streamId = `grievance-${uuid()}`;
    const first = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    const written = await first.append(streamId, toyStream(4), { expectedVersion: NO_STREAM });
    const head = await first.headPosition();
    await first.close();

    const second = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    const stored = await collect(second.readStream(streamId));
    expect(stored).toEqual(written.events);
    expect(verifyStream(stored).ok).toBe(true);
    expect(await second.headPosition()).toEqual(head);
    const more = await second.append(streamId, [filed()], { expectedVersion: 3 });
    expect(more.events[0]!.prevHash).toBe(stored[3]!.hash);
    expect((await collect(second.readAll({ after: START }))).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4]);
    await second.close();
  });

  it('rejects text jsonb cannot hold, oversize events and wrong versions with typed errors, writing none of them', async () => {
    const store = await createPGliteEventStore({ registry: toyRegistry, clock });
    const streamId = `grievance-${uuid()}`;
    await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    const head = await store.headPosition();
    const nul = filed('T. Lee\u0000');
    expect(await rejection(store.append(streamId, [nul], { expectedVersion: 0 }))).toMatchObject({ code: 'InvalidEvent', path: 'data.grievant' });
    const surrogate = filed('x', { metadata: { ...filed().metadata, correlationId: 'corr-\uD800' } });
    expect(await rejection(store.append(streamId, [filed(), surrogate], { expectedVersion: 0 }))).toMatchObject({
      code: 'InvalidEvent',
      index: 1,
    });
    // A backslash followed by "u0000" is ordinary text, not a NUL.
    await store.append(streamId, [filed('back\\u0000slash')], { expectedVersion: 0 });
    const [stored] = await collect(store.readStream(streamId, { fromVersion: 1 }));
    expect(stored?.data).toMatchObject({ grievant: 'back\\u0000slash' });
    await store.append(streamId, [], { expectedVersion: 1 });
    expect(await rejection(store.append(streamId, [filed('x'.repeat(1_100_000))], { expectedVersion: 1 }))).toBeInstanceOf(InvalidEvent);
    expect(await rejection(store.append(streamId, [filed()], { expectedVersion: 5 }))).toBeInstanceOf(WrongExpectedVersion);
    expect(await collect(store.readAll({ after: head }))).toHaveLength(1);
    expect(await store.streamVersion(streamId)).toBe(1);
    await store.close();
    expect(await rejection(store.append(streamId, [filed()], { expectedVersion: 1 }))).toBeInstanceOf(StoreUnavailable);
    expect(await rejection(collect(store.readAll()))).toBeInstanceOf(StoreUnavailable);
  });

  it('reads long streams and the log in pages, in order, with type filters', async () => {
    const store = await createPGliteEventStore({ registry: toyRegistry, clock, pageSize: 7 });
    const streamId = `grievance-${uuid()}`;
    await store.append(streamId, toyStream(40), { expectedVersion: NO_STREAM });
    const versions = (await collect(store.readStream(streamId))).map((e) => e.streamVersion);
    expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const backwards = (await collect(store.readStream(streamId, { direction: 'backwards', fromVersion: 30, maxCount: 17 }))).map((e) => e.streamVersion);
    expect(backwards).toEqual(Array.from({ length: 17 }, (_, i) => 30 - i));
    const appeals = await collect(store.readAll({ eventTypes: ['ToyGrievanceAppealed'] }));
    expect(appeals.map((e) => e.streamVersion)).toEqual(Array.from({ length: 19 }, (_, i) => 2 * (i + 1)));
    expect(await collect(store.readAll({ maxCount: 15 }))).toHaveLength(15);
    await store.close();
  });

  it('applies each versioned migration once, in order, and only the new ones on a later start', async () => {
    const client = await createPGliteClient({});
    expect(await migrate(client, 'app')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await migrate(client, 'app')).toEqual([]);
    const next = { version: 9, name: 'stream titles', up: (schema: string) => `ALTER TABLE ${schema}.streams ADD COLUMN title text` };
    expect(await migrate(client, 'app', [...MIGRATIONS, next])).toEqual([9]);
    expect(await migrate(client, 'app', [...MIGRATIONS, next])).toEqual([]);
    const rows = await client.query<{ version: number; name: string }>('SELECT version, name FROM app.schema_migrations ORDER BY version');
    expect(rows).toEqual([
      { version: 1, name: 'streams and events' },
      { version: 2, name: 'append in one round trip' },
      { version: 3, name: 'merkle tree over the log' },
      { version: 4, name: 'append-only guard' },
      { version: 5, name: 'stream reference checked per statement' },
      { version: 6, name: 'stream order agrees with global order' },
      { version: 7, name: 'append in one function, one look-up' },
      { version: 8, name: 'the global position is the primary key' },
      { version: 9, name: 'stream titles' },
    ]);
    await expect(migrate(client, 'Bad-Name')).rejects.toThrow(RangeError);
    await client.close();
  });
});
