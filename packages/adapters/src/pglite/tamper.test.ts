/**
 * Issue 10, item 12 (the store's part): tampering the SQL tables that an append can notice at no cost (one
 * indexed look-up under the stream lock) is refused as `StreamCorrupted` naming the stream and the version,
 * instead of a `StoreFailure` 23505 or a new event sealed onto a forged hash. Full re-hashing stays in `verifyStream`.
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { v4 as uuid } from 'uuid';
import { ANY, NO_STREAM, StreamCorrupted, verifyStream, type EventStore } from '@laborcase/core';
import { collect, filed, rejection, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import { createPGliteClient } from './pgliteClient.js';
import { openSqlStore } from '../sql/openSqlStore.js';

let db: PGlite;
let store: EventStore;
beforeEach(async () => {
  db = await PGlite.create();
  store = await openSqlStore(await createPGliteClient({ db }), { registry: toyRegistry, schema: 'tamper' });
});
afterEach(async () => {
  await store.close();
  await db.close();
});

const seeded = async (): Promise<string> => {
  const streamId = `s-${uuid()}`;
  await store.append(streamId, toyStream(6), { expectedVersion: NO_STREAM });
  return streamId;
};

const refused = async (streamId: string, version: number): Promise<void> => {
  const before = await collect(store.readStream(streamId));
  const error = await rejection(store.append(streamId, [filed()], { expectedVersion: ANY }));
  expect(error).toBeInstanceOf(StreamCorrupted);
  expect(error).toMatchObject({ code: 'StreamCorrupted', streamId, version });
  expect(await collect(store.readStream(streamId))).toEqual(before);
};

/** Edit rows as a superuser would, with the append-only triggers (migration 3) switched off for the statement. */
const asSuperuser = async (sql: string, params: unknown[]): Promise<void> => {
  await db.query('SET session_replication_role = replica');
  try {
    await db.query(sql, params);
  } finally {
    await db.query('SET session_replication_role = DEFAULT');
  }
};

it('the append-only guard refuses UPDATE, DELETE and TRUNCATE of events, and DELETE of streams', async () => {
  const streamId = await seeded();
  const before = await collect(store.readStream(streamId));
  for (const sql of [
    `UPDATE tamper.events SET type = 'Forged' WHERE stream_id = $1`,
    'DELETE FROM tamper.events WHERE stream_id = $1',
    'DELETE FROM tamper.streams WHERE stream_id = $1',
  ])
    await expect(db.query(sql, [streamId])).rejects.toThrow(/append-only/);
  await expect(db.query('TRUNCATE tamper.events CASCADE')).rejects.toThrow(/append-only/);
  expect(await collect(store.readStream(streamId))).toEqual(before);
});

it('a deleted last event: the head row says 5, the last event is 4', async () => {
  const streamId = await seeded();
  await asSuperuser('DELETE FROM tamper.events WHERE stream_id = $1 AND stream_version = 5', [streamId]);
  await refused(streamId, 5);
});

it('an overwritten last_hash: the next honest append is refused, not sealed onto the forged hash', async () => {
  const streamId = await seeded();
  await db.query(`UPDATE tamper.streams SET last_hash = repeat('f', 64) WHERE stream_id = $1`, [streamId]);
  await refused(streamId, 5);
});

it('a lowered streams.version: refused as StreamCorrupted, not StoreFailure 23505', async () => {
  const streamId = await seeded();
  await db.query('UPDATE tamper.streams SET version = 3 WHERE stream_id = $1', [streamId]);
  await refused(streamId, 3);
});

it('an untampered stream appends as before and verifies', async () => {
  const streamId = await seeded();
  await store.append(streamId, [filed()], { expectedVersion: 5 });
  expect(verifyStream(await collect(store.readStream(streamId))).ok).toBe(true);
});
