/**
 * The read-model write path under random work, on every store: one transaction doing many writes (buffered,
 * coalesced per key, flushed in batches) leaves the same rows and answers as one transaction per write and as
 * a plain reference map; a transaction that throws leaves the rows, the checkpoint and the dead letters as
 * they were.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import { positionFromSegments } from '@laborcase/core';
import {
  createInMemoryReadModelStore,
  createSqlReadModelStore,
  type ModelTarget,
  type ReadModelSqlClient,
  type ReadModelStore,
  type ReadModelTransaction,
  type Row,
} from '@laborcase/projections';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const TABLES = [{ name: 'items', columns: { id: 'text', grp: 'text', n: 'integer', note: 'json' }, primaryKey: ['id'], indexes: [['grp']] }] as const;
const target = (version: number): ModelTarget => ({ name: 'write_path', version, tables: TABLES });

type Op =
  | { readonly kind: 'upsert'; readonly row: { readonly id: string; readonly grp: string; readonly n: number; readonly note: unknown } }
  | { readonly kind: 'update'; readonly id: string; readonly changes: { readonly grp?: string; readonly n?: number | null } }
  | { readonly kind: 'delete'; readonly id: string }
  | { readonly kind: 'deleteWhere'; readonly grp: string }
  | { readonly kind: 'get'; readonly id: string }
  | { readonly kind: 'find'; readonly grp: string };

// Few ids and groups, so writes hit the same keys again (coalescing) and the same groups (index buckets growing and shrinking).
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const grp = fc.constantFrom('x', 'y', 'z');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ id, grp, n: fc.integer({ min: -5, max: 5 }), note: fc.oneof(fc.constant(null), fc.record({ k: fc.nat(3) })) }).map((row) => ({ kind: 'upsert' as const, row })) },
  {
    weight: 3,
    // Moving a row to another group moves it in the group index too.
    arbitrary: fc.record({ id, changes: fc.record({ grp, n: fc.option(fc.integer({ min: -5, max: 5 })) }, { requiredKeys: [] }) }).map((u) => ({ kind: 'update' as const, ...u })),
  },
  { weight: 2, arbitrary: id.map((key) => ({ kind: 'delete' as const, id: key })) },
  { weight: 1, arbitrary: grp.map((g) => ({ kind: 'deleteWhere' as const, grp: g })) },
  { weight: 2, arbitrary: id.map((key) => ({ kind: 'get' as const, id: key })) },
  { weight: 1, arbitrary: grp.map((g) => ({ kind: 'find' as const, grp: g })) },
);

/** Run one operation; what it answered (reads and deleteWhere counts), for comparing stores. */
const run = async (tx: ReadModelTransaction, o: Op): Promise<unknown> => {
  switch (o.kind) {
    case 'upsert':
      return tx.upsert('items', o.row as unknown as Row);
    case 'update':
      return tx.update('items', { id: o.id }, o.changes);
    case 'delete':
      return tx.delete('items', { id: o.id });
    case 'deleteWhere':
      return tx.deleteWhere('items', { grp: o.grp });
    case 'get':
      return (await tx.get('items', { id: o.id })) ?? null;
    case 'find':
      return tx.find('items', { grp: o.grp });
  }
};

/** The same operations on a plain map: what every store must agree with. */
const reference = (ops: readonly Op[]): { readonly rows: Row[]; readonly answers: unknown[] } => {
  const rows = new Map<string, Row>();
  const answers = ops.map((o) => {
    switch (o.kind) {
      case 'upsert':
        rows.set(o.row.id, o.row as unknown as Row);
        return undefined;
      case 'update': {
        const row = rows.get(o.id);
        if (row !== undefined) rows.set(o.id, { ...row, ...o.changes });
        return undefined;
      }
      case 'delete':
        rows.delete(o.id);
        return undefined;
      case 'deleteWhere': {
        const doomed = [...rows.values()].filter((row) => row['grp'] === o.grp);
        for (const row of doomed) rows.delete(row['id'] as string);
        return doomed.length;
      }
      case 'get':
        return rows.get(o.id) ?? null;
      case 'find':
        return [...rows.values()].filter((row) => row['grp'] === o.grp).sort((p, q) => ((p['id'] as string) < (q['id'] as string) ? -1 : 1));
    }
  });
  return { rows: [...rows.values()].sort((p, q) => ((p['id'] as string) < (q['id'] as string) ? -1 : 1)), answers };
};

const fresh = async (store: ReadModelStore, version: number): Promise<ModelTarget> => {
  const t = target(version);
  await store.drop(t);
  await store.prepare(t);
  return t;
};

const describeWritePath = (name: string, open: () => Promise<ReadModelStore>, numRuns: number): void => {
  describe(`read-model write path: ${name}`, () => {
    it('many writes in one transaction leave the rows and answers of one transaction per write, and of a plain map', async () => {
      const store = await open();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 40, size: 'max' }), async (ops) => {
            const batched = await fresh(store, 1);
            const single = await fresh(store, 2);
            const batchedAnswers = await store.transaction(batched, async (tx) => {
              const answers: unknown[] = [];
              for (const o of ops) answers.push(await run(tx, o));
              return answers;
            });
            const singleAnswers: unknown[] = [];
            for (const o of ops) singleAnswers.push(await store.transaction(single, (tx) => run(tx, o)));
            const expected = reference(ops);
            expect(batchedAnswers).toEqual(expected.answers);
            expect(singleAnswers).toEqual(expected.answers);
            expect(await store.rows(batched, 'items')).toEqual(expected.rows);
            expect(await store.rows(single, 'items')).toEqual(expected.rows);
          }),
          { numRuns },
        );
      } finally {
        await store.close();
      }
    });

    it('a transaction that throws after any writes leaves rows, checkpoint and dead letters as they were', async () => {
      const store = await open();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { maxLength: 20 }), fc.array(op, { maxLength: 30 }), fc.boolean(), async (before, doomed, badRowLast) => {
            const t = await fresh(store, 3);
            await store.transaction(t, async (tx) => {
              for (const o of before) await run(tx, o);
              await tx.setCheckpoint(positionFromSegments(1n));
              await tx.addDeadLetter({ eventId: 'e-1', streamId: 's', eventType: 'T', globalPosition: positionFromSegments(1n), reason: 'handler-failed', error: 'x', recordedAt: '2026-01-01T00:00:00.000Z' });
            });
            const rowsBefore = await store.rows(t, 'items');
            const lettersBefore = await store.deadLetters(t);
            const failure = store.transaction(t, async (tx) => {
              for (const o of doomed) await run(tx, o);
              await tx.setCheckpoint(positionFromSegments(2n));
              await tx.addDeadLetter({ eventId: 'e-2', streamId: 's', eventType: 'T', globalPosition: positionFromSegments(2n), reason: 'handler-failed', error: 'y', recordedAt: '2026-01-01T00:00:00.000Z' });
              for (const letter of lettersBefore) await tx.removeDeadLetter(letter.id);
              // Either a row the store refuses or the work's own error ends it.
              if (badRowLast) await tx.upsert('items', { id: 'a', n: 1.5 });
              throw new Error('work failed');
            });
            await expect(failure).rejects.toThrow(badRowLast ? /items\.n/ : /work failed/);
            expect(await store.rows(t, 'items')).toEqual(rowsBefore);
            expect(await store.checkpoint(t)).toBe(positionFromSegments(1n));
            expect(await store.deadLetters(t)).toEqual(lettersBefore);
          }),
          { numRuns },
        );
      } finally {
        await store.close();
      }
    });
  });
};

// `flushRows: 2`: the SQL stores send writes to the server in the background all the time, between reads.
describeWritePath('memory', async () => createInMemoryReadModelStore(), 150);
describeWritePath('PGlite', async () => createSqlReadModelStore({ client: await createPGliteClient({}), closeClient: true, flushRows: 2 }), 12);
describeWithPostgres('write path on PostgreSQL', (schemaFor) => {
  describeWritePath(
    'PostgreSQL',
    async () => createSqlReadModelStore({ client: createPgClient({ connectionString: PG_URL as string, poolSize: 2 }), schema: schemaFor('rm_write_path'), closeClient: true, flushRows: 2 }),
    25,
  );
});

/** A client whose transactions fail every INSERT into `items` while `failing()` says so (a full disk, a dropped table). */
const withFailingInserts = (client: ReadModelSqlClient, failing: () => boolean): ReadModelSqlClient => ({
  dialect: client.dialect,
  query: (text, params) => client.query(text, params),
  close: () => client.close(),
  transaction: (work) =>
    client.transaction((tx) =>
      work({ query: (text, params) => (failing() && /^INSERT INTO \S+items"/.test(text) ? Promise.reject(new Error('no space left on device')) : tx.query(text, params)) }),
    ),
});

describe('read-model write path: a write sent in the background fails', () => {
  it('the transaction fails with that error and commits nothing; nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    let failing = false;
    const store = await createSqlReadModelStore({ client: withFailingInserts(await createPGliteClient({}), () => failing), closeClient: true, flushRows: 2 });
    try {
      const t = await fresh(store, 1);
      await store.transaction(t, (tx) => tx.upsert('items', { id: 'a', grp: 'x', n: 1 }));
      failing = true;
      for (const readAfterwards of [false, true]) {
        const attempt = store.transaction(t, async (tx) => {
          for (const key of ['b', 'c', 'd', 'e', 'f']) await tx.upsert('items', { id: key, grp: 'y', n: 2 });
          // A read queued behind the failed write gets its error; without one, the commit does.
          if (readAfterwards) await tx.get('items', { id: 'zz' });
          await tx.setCheckpoint(positionFromSegments(9n));
        });
        await expect(attempt).rejects.toThrow(/no space left on device/);
      }
      failing = false;
      expect(await store.rows(t, 'items')).toEqual([{ id: 'a', grp: 'x', n: 1, note: null }]);
      expect(await store.checkpoint(t)).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await store.close();
    }
  });
});

/** A client that records the statements its transactions send. */
const recording = (client: ReadModelSqlClient, sent: string[]): ReadModelSqlClient => ({
  dialect: client.dialect,
  query: (text, params) => client.query(text, params),
  close: () => client.close(),
  transaction: (work) => client.transaction((tx) => work({ query: (text, params) => (sent.push(text), tx.query(text, params)) })),
});

describe('read-model write path: new rows go as plain INSERTs, rows known to be there as upserts', () => {
  it('a rewrite after a get never falls back; a blind write over a stored row does, once, and the table is upserted from then on', async () => {
    const sent: string[] = [];
    const store = await createSqlReadModelStore({ client: recording(await createPGliteClient({}), sent), closeClient: true, flushRows: 2 });
    const fallbacks = () => sent.filter((text) => text.startsWith('ROLLBACK TO SAVEPOINT')).length;
    const inserts = () => sent.filter((text) => text.startsWith('INSERT INTO') && text.includes('items"'));
    try {
      const t = await fresh(store, 1);
      await store.transaction(t, async (tx) => {
        for (const key of ['a', 'b', 'c']) await tx.upsert('items', { id: key, grp: 'x', n: 1 });
      });
      expect(inserts().every((text) => !text.includes('ON CONFLICT'))).toBe(true);
      // Read-modify-write of stored rows among new ones, across flushes: each stored row goes as an upsert.
      await store.transaction(t, async (tx) => {
        for (const key of ['a', 'c']) {
          const row = (await tx.get('items', { id: key })) as Row;
          await tx.upsert('items', { ...row, n: 2 });
          await tx.upsert('items', { id: `${key}-new`, grp: 'y', n: 1 });
        }
        await tx.upsert('items', { id: 'a', grp: 'x', n: 3 });
      });
      expect(fallbacks()).toBe(0);
      // A write of a stored key the transaction knows nothing of: the plain INSERT fails, the chunk is upserted.
      await store.transaction(t, (tx) => tx.upsert('items', { id: 'b', grp: 'z', n: 9 }));
      expect(fallbacks()).toBe(1);
      sent.length = 0;
      await store.transaction(t, (tx) => tx.upsert('items', { id: 'd', grp: 'z', n: 1 }));
      expect(inserts().map((text) => text.includes('ON CONFLICT'))).toEqual([true]);
      expect((await store.rows(t, 'items')).map((row) => `${String(row['id'])}:${String(row['grp'])}${String(row['n'])}`)).toEqual([
        'a:x3',
        'a-new:y1',
        'b:z9',
        'c:x2',
        'c-new:y1',
        'd:z1',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('read-model write path: an idle connection gets writes before the buffer is full', () => {
  it('rows go to the server while the transaction goes on, from 500 unsent on, when nothing else is on its way', async () => {
    const sent: string[] = [];
    const store = await createSqlReadModelStore({ client: recording(await createPGliteClient({}), sent), closeClient: true });
    const writes = () => sent.filter((text) => text.startsWith('INSERT INTO') && text.includes('items"')).length;
    try {
      const t = await fresh(store, 1);
      const during: number[] = [];
      await store.transaction(t, async (tx) => {
        for (let i = 0; i < 1_200; i++) {
          await tx.upsert('items', { id: `k${i}`, grp: 'x', n: i });
          // Let the connection answer now and then, as the runtime's batches do.
          if (i % 50 === 49) await new Promise<void>((resolve) => setImmediate(resolve));
          if (i === 499 || i === 999) during.push(writes());
        }
      });
      // The 500th row sends the first 500, the 1,000th the next 500, the commit the rest. A full buffer alone (the
      // default 1,000 rows) would have sent nothing before the 1,000th.
      expect(during[0]).toBe(1);
      expect(during[1]).toBe(2);
      expect(writes()).toBe(3);
      expect(await store.rows(t, 'items')).toHaveLength(1_200);
    } finally {
      await store.close();
    }
  });
});
