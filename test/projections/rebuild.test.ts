/** Blue/green rebuilds: built beside the live version, switched in one step, with progress, cancel and one at a time. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createProjectionRunner, defineProjection, ProjectionLocked, rebuildProjection, RebuildCancelled, targetOf, type RebuildProgress } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry, type CaseEvent } from '@laborcase/projections/testkit';
import { append, memoryStores, pgliteStores, type StoresFactory } from './support.js';

const registry = caseRegistry();
const v1 = caseBoard(1);
/** Version 2 counts the moves of each case: new tables, new handlers. */
const v2 = defineProjection<CaseEvent, 'cases'>({
  name: 'case_board',
  version: 2,
  tables: [{ name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text', moves: 'integer' }, primaryKey: ['case_id'] }],
  streamColumn: { cases: 'stream_id' },
  handlers: {
    CaseOpened: (e, rows) => rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article, moves: 0 }),
    async CaseMoved(e, rows) {
      const row = await rows.get('cases', { case_id: e.data.caseId });
      if (row !== undefined) await rows.upsert('cases', { ...row, article: e.data.article, moves: Number(row['moves']) + 1 });
    },
  },
});

/** Version 3 takes a few milliseconds per event: a batch of it outlasts a short lease. */
const slow = defineProjection<CaseEvent, 'cases'>({
  name: 'case_board',
  version: 3,
  tables: [{ name: 'cases', columns: { case_id: 'text', stream_id: 'text' }, primaryKey: ['case_id'] }],
  streamColumn: { cases: 'stream_id' },
  handlers: {
    async CaseOpened(e, rows) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      await rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId });
    },
  },
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each([
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
])('rebuild on %s', (_name, factory: StoresFactory) => {
  it('builds v2 beside the live v1, reports progress, then switches readers to it', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const { eventStore, store } = stores;
    for (let i = 0; i < 30; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'), caseEvents.moved(`${i}`, 'art-2'), caseEvents.moved(`${i}`, 'art-3'));
    const first = await rebuildProjection({ eventStore, registry, store, projection: v1, batchSize: 25 });
    expect(first).toMatchObject({ version: 1, events: 90, activated: true });
    const live = createProjectionRunner({ eventStore, registry, store, projection: v1 });
    await live.start();
    cleanups.push(() => live.stop());

    const progress: RebuildProgress[] = [];
    const rebuilt = await rebuildProjection({ eventStore, registry, store, projection: v2, batchSize: 20, onProgress: (p) => progress.push(p) });
    expect(rebuilt).toMatchObject({ version: 2, events: 90, activated: true });
    expect(progress.map((p) => p.done)).toEqual([20, 40, 60, 80, 90]);
    expect(progress.every((p) => p.total === 90 && p.rate > 0 && p.etaMs !== undefined)).toBe(true);
    expect(progress.at(-1)?.etaMs).toBe(0);
    expect(await store.activeVersion('case_board')).toBe(2);
    expect((await store.rows(targetOf(v2), 'cases')).every((r) => r['moves'] === 2 && r['article'] === 'art-3')).toBe(true);
    // v1 still has its rows (a reader that has not switched keeps working)
    expect(await store.rows(targetOf(v1), 'cases')).toHaveLength(30);
    if (stores.sql !== undefined) {
      const viaView = await stores.sql.query<{ n: string; moves: string }>(`SELECT count(*)::text AS n, min(moves)::text AS moves FROM ${stores.schema}.case_board__cases`);
      expect(viaView).toEqual([{ n: '30', moves: '2' }]);
    }
  });

  it('cancels: RebuildCancelled, the new tables dropped, the live version untouched', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const { eventStore, store } = stores;
    for (let i = 0; i < 10; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'));
    await rebuildProjection({ eventStore, registry, store, projection: v1 });
    const controller = new AbortController();
    const attempt = rebuildProjection({ eventStore, registry, store, projection: v2, batchSize: 3, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(attempt).rejects.toBeInstanceOf(RebuildCancelled);
    expect(await store.activeVersion('case_board')).toBe(1);
    await store.prepare(targetOf(v2));
    expect(await store.rows(targetOf(v2), 'cases')).toEqual([]);
    // and the lease is free again: a new rebuild runs
    await expect(rebuildProjection({ eventStore, registry, store, projection: v2 })).resolves.toMatchObject({ events: 10 });
  });

  it('keeps its lease through a batch that outlasts it, and a rival meanwhile is refused', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const { eventStore, store } = stores;
    for (let i = 0; i < 120; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'));
    const leaseTtlMs = 150;
    // One batch of 120 events at 3 ms or more each: well past the 150 ms lease.
    const long = rebuildProjection({ eventStore, registry, store, projection: slow, batchSize: 500, leaseTtlMs, count: false });
    await new Promise((resolve) => setTimeout(resolve, 2 * leaseTtlMs));
    const rival = rebuildProjection({ eventStore, registry, store, projection: slow, batchSize: 500, leaseTtlMs, count: false });
    await expect(rival).rejects.toBeInstanceOf(ProjectionLocked);
    await expect(long).resolves.toMatchObject({ version: 3, events: 120, activated: true });
    expect(await store.rows(targetOf(slow), 'cases')).toHaveLength(120);
  });

  it('refuses a second rebuild of the same projection at the same time, and a rebuild of the live version', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const { eventStore, store } = stores;
    for (let i = 0; i < 20; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'));
    const results = await Promise.allSettled([
      rebuildProjection({ eventStore, registry, store, projection: v1, batchSize: 2 }),
      rebuildProjection({ eventStore, registry, store, projection: v2, batchSize: 2 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(ProjectionLocked);
    const live = await store.activeVersion('case_board');
    await expect(rebuildProjection({ eventStore, registry, store, projection: live === 1 ? v1 : v2 })).rejects.toMatchObject({ code: 'InvalidProjection', field: 'version' });
  });
});
