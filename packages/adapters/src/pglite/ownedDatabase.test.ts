/** A PGlite store on a database the caller opened: the structural `PGliteDatabase` type takes a real PGlite. */
import { expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, verifyStream } from '@laborcase/core';
import { collect, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import { createPGliteEventStore } from './createPGliteEventStore.js';
import type { PGliteDatabase } from './pgliteClient.js';

it('runs on an open PGlite instance the caller owns, and leaves it open on close', async () => {
  const db = await PGlite.create();
  const owned: PGliteDatabase = db;
  const store = await createPGliteEventStore({ db: owned, registry: toyRegistry, clock: () => new Date('2026-03-02T09:00:00.000Z'), schema: 'owned' });
  const streamId = `grievance-${uuid()}`;
  await store.append(streamId, toyStream(2), { expectedVersion: NO_STREAM });
  expect(verifyStream(await collect(store.readStream(streamId))).ok).toBe(true);
  await store.close();
  expect(db.closed).toBe(false);
  const counted = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM owned.events');
  expect(counted.rows[0]?.n).toBe('2');
  await db.close();
});
