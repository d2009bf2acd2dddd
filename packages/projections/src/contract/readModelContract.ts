/**
 * The read-model store contract: every rule of `ReadModelStore`, checked the same way on every store. A store's
 * test file calls `describeReadModelContract(name, factory, { describe, it, beforeAll, afterAll })`; it runs on
 * any runner with those four functions (jest, vitest, node:test) and asserts with `node:assert/strict`.
 * Each test uses its own projection name, so the factory may hand out a shared store.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { positionFromSegments } from '@laborcase/core';
import { InvalidProjection, InvalidRow, LeaseLost } from '../errors.js';
import type { ModelTarget, ReadModelStore } from '../store.js';
import { runLeaseKey } from '../store.js';
import type { Row, TableSpec } from '../tables.js';

export interface ReadModelTestApi {
  readonly describe: (name: string, body: () => void) => unknown;
  readonly it: (name: string, body: () => Promise<void>) => unknown;
  readonly beforeAll: (hook: () => Promise<void>) => unknown;
  readonly afterAll: (hook: () => Promise<void>) => unknown;
}

export type ReadModelStoreFactory = () => Promise<ReadModelStore>;

const everyType: TableSpec = {
  name: 'values',
  columns: { id: 'text', n: 'integer', x: 'number', flag: 'boolean', on: 'date', at: 'timestamp', doc: 'json', note: 'text' },
  primaryKey: ['id'],
  indexes: [['flag', 'on']],
};
const pairs: TableSpec = { name: 'pairs', columns: { a: 'text', b: 'integer', v: 'text' }, primaryKey: ['a', 'b'] };

let counter = 0;
const target = (version = 1, name = `ct_${randomUUID().replace(/-/g, '').slice(0, 10)}_${++counter}`): ModelTarget => ({ name, version, tables: [everyType, pairs] });
const pos = (n: number) => positionFromSegments(BigInt(n), BigInt(n));

const sample: Row = {
  id: 'r1',
  n: 9_007_199_254_740_991,
  x: 0.1 + 0.2,
  flag: true,
  on: '2026-02-28',
  at: '2026-01-27T14:30:00.123Z',
  doc: { b: [1, 'two', null, { deep: true }], a: 'ü€😀' },
  note: "it's \"quoted\" ; DROP TABLE x; --",
};

const rejectsWith = async (attempt: () => Promise<unknown>, check: (error: unknown) => boolean, what: string): Promise<void> => {
  let caught: unknown;
  try {
    await attempt();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `${what}: expected a rejection`);
  assert.ok(check(caught), `${what}: unexpected error ${String(caught)}`);
};

export const describeReadModelContract = (name: string, factory: ReadModelStoreFactory, test: ReadModelTestApi): void => {
  const { describe, it, beforeAll, afterAll } = test;
  describe(`read-model store contract: ${name}`, () => {
    let store: ReadModelStore;
    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store.close();
    });
    const fresh = async (version = 1, named?: string): Promise<ModelTarget> => {
      const t = target(version, named);
      await store.prepare(t);
      return t;
    };

    it('prepares idempotently, starts empty with no checkpoint', async () => {
      const t = await fresh();
      await store.prepare(t);
      assert.deepEqual(await store.rows(t, 'values'), []);
      assert.equal(await store.checkpoint(t), undefined);
      assert.deepEqual(await store.deadLetters(t), []);
    });

    it('round-trips every column type exactly, and nulls', async () => {
      const t = await fresh();
      await store.transaction(t, async (tx) => {
        await tx.upsert('values', sample);
        await tx.upsert('values', { id: 'r2' });
      });
      const [first, second] = await store.rows(t, 'values');
      assert.deepEqual(first, sample);
      assert.deepEqual(second, { id: 'r2', n: null, x: null, flag: null, on: null, at: null, doc: null, note: null });
      await store.transaction(t, async (tx) => assert.deepEqual(await tx.get('values', { id: 'r1' }), sample));
    });

    it('upsert replaces by primary key; delete and deleteWhere remove; find filters in key order', async () => {
      const t = await fresh();
      await store.transaction(t, async (tx) => {
        for (const [a, b] of [['y', 2], ['x', 10], ['x', 2], ['y', 1]] as const) await tx.upsert('pairs', { a, b, v: `${a}${b}` });
        await tx.upsert('pairs', { a: 'x', b: 2, v: 'replaced' });
        assert.deepEqual((await tx.find('pairs')).map((r) => [r['a'], r['b']]), [['x', 2], ['x', 10], ['y', 1], ['y', 2]]);
        assert.deepEqual(await tx.find('pairs', { a: 'x', b: 2 }), [{ a: 'x', b: 2, v: 'replaced' }]);
        await tx.delete('pairs', { a: 'y', b: 1 });
        await tx.delete('pairs', { a: 'nope', b: 1 });
        assert.equal(await tx.get('pairs', { a: 'y', b: 1 }), undefined);
        assert.equal(await tx.deleteWhere('pairs', { a: 'x' }), 2);
        assert.equal(await tx.deleteWhere('pairs', { v: null }), 0);
      });
      assert.deepEqual(await store.rows(t, 'pairs'), [{ a: 'y', b: 2, v: 'y2' }]);
      assert.deepEqual(await store.rows(t, 'pairs', { a: 'y' }), [{ a: 'y', b: 2, v: 'y2' }]);
    });

    it('update sets the named columns of an existing row (null clears, undefined leaves) and does nothing without one', async () => {
      const t = await fresh();
      // Committed earlier: the transaction below has not seen these rows.
      await store.transaction(t, async (tx) => {
        await tx.upsert('values', sample);
        await tx.upsert('pairs', { a: 'x', b: 1, v: 'one' });
      });
      await store.transaction(t, async (tx) => {
        await tx.update('values', { id: 'r1' }, { n: 2, note: null, flag: undefined, doc: { changed: [1] } });
        await tx.update('values', { id: 'absent' }, { n: 1 });
        assert.deepEqual(await tx.get('values', { id: 'r1' }), { ...sample, n: 2, note: null, doc: { changed: [1] } });
        // Written in this transaction, then updated twice; deleted, then updated (nothing comes back).
        await tx.upsert('pairs', { a: 'y', b: 1, v: 'new' });
        await tx.update('pairs', { a: 'y', b: 1 }, { v: 'updated' });
        await tx.update('pairs', { a: 'y', b: 1 }, { v: 'updated twice' });
        await tx.delete('pairs', { a: 'x', b: 1 });
        await tx.update('pairs', { a: 'x', b: 1 }, { v: 'ghost' });
      });
      assert.deepEqual(await store.rows(t, 'values'), [{ ...sample, n: 2, note: null, doc: { changed: [1] } }]);
      assert.deepEqual(await store.rows(t, 'pairs'), [{ a: 'y', b: 1, v: 'updated twice' }]);
      // After a deleteWhere the transaction knows nothing of the table's rows: an update still finds the survivors.
      await store.transaction(t, async (tx) => {
        await tx.upsert('pairs', { a: 'z', b: 1, v: 'z' });
        await tx.deleteWhere('pairs', { v: 'z' });
        await tx.update('pairs', { a: 'y', b: 1 }, { v: 'after deleteWhere' });
        await tx.update('pairs', { a: 'z', b: 1 }, { v: 'deleted' });
        assert.deepEqual(await tx.find('pairs'), [{ a: 'y', b: 1, v: 'after deleteWhere' }]);
      });
      assert.deepEqual(await store.rows(t, 'pairs'), [{ a: 'y', b: 1, v: 'after deleteWhere' }]);
    });

    it('update keeps its own copy of a JSON value, and refuses bad changes by rejecting, naming the field, writing nothing', async () => {
      const t = await fresh();
      await store.transaction(t, (tx) => tx.upsert('values', sample));
      const doc = { list: [1, 2] };
      await store.transaction(t, async (tx) => {
        await tx.update('values', { id: 'r1' }, { doc });
        doc.list.push(3);
      });
      assert.deepEqual((await store.rows(t, 'values'))[0]?.['doc'], { list: [1, 2] });
      const cases: [string, unknown, unknown, string][] = [
        ['key column', { id: 'r1' }, { id: 'r2' }, 'id'],
        ['undeclared column', { id: 'r1' }, { nope: 1 }, 'nope'],
        ['inherited name', { id: 'r1' }, JSON.parse('{"__proto__": 1}'), '__proto__'],
        ['integer', { id: 'r1' }, { n: 1.5 }, 'n'],
        ['date', { id: 'r1' }, { on: '2026-02-30' }, 'on'],
        ['NUL in text', { id: 'r1' }, { note: 'a\u0000b' }, 'note'],
        ['changes not an object', { id: 'r1' }, [1], 'changes'],
        ['partial key', { a: 'x' }, { v: 'v' }, 'b'],
      ];
      for (const [what, key, changes, field] of cases) {
        const table = field === 'b' ? 'pairs' : 'values';
        await rejectsWith(
          () =>
            store.transaction(t, async (tx) => {
              await tx.update('values', { id: 'r1' }, { note: 'written before the bad update' });
              let pending: Promise<void> | undefined;
              assert.doesNotThrow(() => {
                pending = tx.update(table, key as Row, changes as Row);
              }, what);
              await pending;
            }),
          (e) => e instanceof InvalidRow && e.table === table && e.field === field,
          what,
        );
      }
      assert.deepEqual(await store.rows(t, 'values'), [{ ...sample, doc: { list: [1, 2] } }]);
    });

    it('upserts over rows committed earlier among new ones: each key ends with its last row, none twice', async () => {
      const t = await fresh();
      await store.transaction(t, async (tx) => {
        for (const b of [1, 2, 3]) await tx.upsert('pairs', { a: 'old', b, v: `first ${b}` });
      });
      // New keys around an existing one, twice: a store that sends new-looking rows as plain inserts must fall back.
      for (const round of [1, 2]) {
        await store.transaction(t, async (tx) => {
          await tx.upsert('pairs', { a: `new${round}`, b: 1, v: 'new' });
          await tx.upsert('pairs', { a: 'old', b: 2, v: `round ${round} \\ "q" {x},NULL` });
          await tx.upsert('pairs', { a: `new${round}`, b: 2, v: 'new' });
        });
      }
      assert.deepEqual(
        (await store.rows(t, 'pairs')).map((r) => `${String(r['a'])}${String(r['b'])}:${String(r['v'])}`),
        ['new11:new', 'new12:new', 'new21:new', 'new22:new', 'old1:first 1', 'old2:round 2 \\ "q" {x},NULL', 'old3:first 3'],
      );
    });

    it('checks the columns a rewrite changes, and refuses a bad one by rejecting (never throwing where it is called)', async () => {
      const t = await fresh();
      await store.transaction(t, (tx) => tx.upsert('values', sample));
      await store.transaction(t, async (tx) => {
        const row = (await tx.get('values', { id: 'r1' })) as Row;
        for (const [column, bad] of [['n', 1.5], ['note', 'a\u0000b'], ['on', '2026-02-30']] as const) {
          let pending: Promise<void> | undefined;
          assert.doesNotThrow(() => {
            pending = tx.upsert('values', { ...row, [column]: bad });
          }, column);
          await rejectsWith(() => pending as Promise<void>, (e) => e instanceof InvalidRow && e.field === column, `rewrite of ${column}`);
        }
        await tx.upsert('values', { ...row, n: 2 });
      });
      assert.deepEqual(await store.rows(t, 'values'), [{ ...sample, n: 2 }]);
    });

    it('hands out frozen rows (get, find, rows): a reader cannot change a stored row, nor the caller after writing it', async () => {
      const t = await fresh();
      const written = { a: 'k', b: 1, v: 'as written' };
      await store.transaction(t, async (tx) => {
        await tx.upsert('pairs', written);
        written.v = 'changed by the caller';
        const got = await tx.get('pairs', { a: 'k', b: 1 });
        assert.ok(Object.isFrozen(got), 'get');
        assert.equal(got?.['v'], 'as written');
        assert.ok((await tx.find('pairs', { a: 'k' })).every((row) => Object.isFrozen(row)), 'find');
      });
      const rows = await store.rows(t, 'pairs');
      assert.ok(rows.length === 1 && Object.isFrozen(rows[0]), 'rows');
      assert.equal(rows[0]?.['v'], 'as written');
    });

    it('refuses a bad row or key with InvalidRow naming the table and field, writing nothing', async () => {
      const t = await fresh();
      const cases: [string, Row, string][] = [
        ['unknown column', { id: 'a', nope: 1 }, 'nope'],
        ['integer', { id: 'a', n: 1.5 }, 'n'],
        ['number', { id: 'a', x: 'NaN' }, 'x'],
        ['date', { id: 'a', on: '2026-02-30' }, 'on'],
        ['timestamp', { id: 'a', at: '2026-01-27 14:30' }, 'at'],
        ['NUL in text', { id: 'a', note: 'a\u0000b' }, 'note'],
        ['null key', { id: null }, 'id'],
      ];
      for (const [what, row, field] of cases) {
        await rejectsWith(
          () => store.transaction(t, (tx) => tx.upsert('values', row)),
          (e) => e instanceof InvalidRow && e.table === 'values' && e.field === field,
          what,
        );
      }
      await rejectsWith(() => store.transaction(t, (tx) => tx.get('pairs', { a: 'x' })), (e) => e instanceof InvalidRow && e.field === 'b', 'partial key');
      await rejectsWith(() => store.transaction(t, (tx) => tx.find('nope', {})), (e) => e instanceof InvalidRow, 'unknown table');
      assert.deepEqual(await store.rows(t, 'values'), []);
    });

    it('commits rows, checkpoint and dead letters together, or none of them when the work throws', async () => {
      const t = await fresh();
      await store.transaction(t, async (tx) => {
        await tx.upsert('pairs', { a: 'kept', b: 1 });
        await tx.setCheckpoint(pos(1));
      });
      await rejectsWith(
        () =>
          store.transaction(t, async (tx) => {
            await tx.upsert('pairs', { a: 'lost', b: 1 });
            await tx.delete('pairs', { a: 'kept', b: 1 });
            await tx.setCheckpoint(pos(2));
            await tx.addDeadLetter({ eventId: 'e', streamId: 's', eventType: 'T', globalPosition: pos(2), reason: 'handler-failed', error: 'x', recordedAt: '2026-01-01T00:00:00.000Z' });
            assert.equal(await tx.checkpoint(), pos(2));
            throw new Error('boom');
          }),
        (e) => e instanceof Error && e.message === 'boom',
        'failing work',
      );
      assert.deepEqual(await store.rows(t, 'pairs'), [{ a: 'kept', b: 1, v: null }]);
      assert.equal(await store.checkpoint(t), pos(1));
      assert.deepEqual(await store.deadLetters(t), []);
    });

    it('keeps one dead letter per event, lists them in order and removes them', async () => {
      const t = await fresh();
      const letter = (eventId: string, error: string) => ({ eventId, streamId: 's-1', eventType: 'T', globalPosition: pos(3), reason: 'quarantined' as const, error, recordedAt: '2026-01-01T00:00:00.000Z' });
      await store.transaction(t, async (tx) => {
        await tx.addDeadLetter(letter('e1', 'first'));
        await tx.addDeadLetter(letter('e2', 'other'));
        await tx.addDeadLetter(letter('e1', 'again'));
      });
      const listed = await store.deadLetters(t);
      assert.deepEqual(listed.map((d) => [d.eventId, d.error, d.projection, d.version]).sort(), [['e1', 'again', t.name, 1], ['e2', 'other', t.name, 1]]);
      assert.equal(listed[0]?.globalPosition, pos(3));
      const e2 = listed.find((d) => d.eventId === 'e2');
      assert.ok(e2 !== undefined);
      assert.equal(await store.transaction(t, (tx) => tx.removeDeadLetter(e2.id)), true);
      assert.equal(await store.transaction(t, (tx) => tx.removeDeadLetter(e2.id)), false);
      assert.deepEqual((await store.deadLetters(t)).map((d) => d.eventId), ['e1']);
    });

    it('keeps versions apart; activate switches the active version; drop removes one version only', async () => {
      const v1 = await fresh(1);
      const v2 = await fresh(2, v1.name);
      await store.transaction(v1, (tx) => tx.upsert('pairs', { a: 'v1', b: 1 }));
      await store.transaction(v2, (tx) => tx.upsert('pairs', { a: 'v2', b: 1 }));
      assert.equal(await store.activeVersion(v1.name), undefined);
      await store.activate(v1);
      assert.equal(await store.activeVersion(v1.name), 1);
      await store.activate(v2);
      assert.equal(await store.activeVersion(v1.name), 2);
      assert.deepEqual((await store.rows(v1, 'pairs')).map((r) => r['a']), ['v1']);
      await store.drop(v1);
      assert.deepEqual((await store.rows(v2, 'pairs')).map((r) => r['a']), ['v2']);
      await store.prepare(v1);
      assert.deepEqual(await store.rows(v1, 'pairs'), []);
    });

    it('grants a lease to one owner at a time, renews it, lets it lapse and releases it', async () => {
      const key = `lease-${randomUUID()}`;
      assert.equal((await store.acquireLease(key, 'a', 60_000)).owner, 'a');
      assert.equal((await store.acquireLease(key, 'b', 60_000)).owner, 'a');
      assert.equal((await store.acquireLease(key, 'a', 60_000)).owner, 'a');
      await store.releaseLease(key, 'b');
      assert.equal((await store.acquireLease(key, 'b', 60_000)).owner, 'a');
      await store.releaseLease(key, 'a');
      assert.equal((await store.acquireLease(key, 'b', 1)).owner, 'b');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal((await store.acquireLease(key, 'c', 60_000)).owner, 'c');
    });

    it('fences a transaction on its lease: a runner without it commits nothing (LeaseLost)', async () => {
      const t = await fresh();
      const key = runLeaseKey(t.name, t.version);
      await store.acquireLease(key, 'holder', 60_000);
      await store.transaction(t, (tx) => tx.upsert('pairs', { a: 'ok', b: 1 }), { leaseOwner: 'holder' });
      await rejectsWith(
        () => store.transaction(t, (tx) => tx.upsert('pairs', { a: 'intruder', b: 1 }), { leaseOwner: 'intruder' }),
        (e) => e instanceof LeaseLost,
        'intruder',
      );
      assert.deepEqual((await store.rows(t, 'pairs')).map((r) => r['a']), ['ok']);
    });

    it('holds a lease through a transaction that outlasts it (holdLease): a rival is refused, the commit extends it', async () => {
      const t = await fresh();
      const key = runLeaseKey(t.name, t.version);
      const also = `also-${randomUUID()}`;
      await store.acquireLease(key, 'holder', 400);
      await store.acquireLease(also, 'holder', 400);
      let rivals: Promise<unknown[]> | undefined;
      await store.transaction(
        t,
        async (tx) => {
          await tx.upsert('pairs', { a: 'held', b: 1 });
          await new Promise((resolve) => setTimeout(resolve, 500));
          // Both leases have lapsed by the clock; the rivals' attempts are not awaited here (SQL: they wait for the commit).
          rivals = Promise.all([store.acquireLease(key, 'rival', 60_000), store.acquireLease(also, 'rival', 60_000)]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
        { leaseOwner: 'holder', holdLease: { ttlMs: 60_000, alsoHold: [also] } },
      );
      assert.deepEqual(((await rivals) as { owner: string }[]).map((lease) => lease.owner), ['holder', 'holder']);
      assert.deepEqual((await store.rows(t, 'pairs')).map((r) => r['a']), ['held']);
      // A lease another owner has taken, or one that has lapsed: LeaseLost before anything is written.
      await store.acquireLease(key, 'holder', 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await rejectsWith(
        () => store.transaction(t, (tx) => tx.upsert('pairs', { a: 'lapsed', b: 1 }), { leaseOwner: 'holder', holdLease: { ttlMs: 60_000 } }),
        (e) => e instanceof LeaseLost,
        'lapsed',
      );
      await store.acquireLease(key, 'holder', 60_000);
      await store.releaseLease(also, 'holder');
      await store.acquireLease(also, 'rival', 60_000);
      await rejectsWith(
        () => store.transaction(t, (tx) => tx.upsert('pairs', { a: 'late', b: 1 }), { leaseOwner: 'holder', holdLease: { ttlMs: 60_000, alsoHold: [also] } }),
        (e) => e instanceof LeaseLost,
        'holder',
      );
      await rejectsWith(
        () => store.transaction(t, (tx) => tx.upsert('pairs', { a: 'bad', b: 1 }), { leaseOwner: 'holder', holdLease: { ttlMs: 0 } }),
        (e) => e instanceof InvalidProjection && e.field === 'holdLease.ttlMs',
        'ttlMs',
      );
      assert.deepEqual((await store.rows(t, 'pairs')).map((r) => r['a']), ['held']);
    });
  });
};
