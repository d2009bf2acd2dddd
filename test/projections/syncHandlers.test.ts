/**
 * Synchronous handlers: a handler that only writes need not await (`update` is a read-modify-write without the
 * read). The runtime awaits what a handler left pending before the next event, and a refused write fails that
 * handler (dead letter, as-of problem) instead of surfacing as an unhandled rejection.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { buildAsOf, createProjectionRunner, defineProjection, rebuildProjection, targetOf } from '@laborcase/projections';
import { caseEvents, caseRegistry, type CaseEvent } from '@laborcase/projections/testkit';
import { append, memoryStores, pgliteStores, testScope, type StoresFactory } from './support.js';

const registry = caseRegistry();
const TABLES = [
  { name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text', status: 'text' }, primaryKey: ['case_id'] },
  { name: 'case_events', columns: { event_id: 'text', stream_id: 'text', type: 'text' }, primaryKey: ['event_id'] },
] as const;
const STREAM_COLUMNS = { cases: 'stream_id', case_events: 'stream_id' } as const;

/** Every write left pending; the article `bad-date` makes the `case_events` write one the store refuses. */
const synchronous = (version: number) =>
  defineProjection<CaseEvent, 'cases' | 'case_events'>({
    name: 'sync_board',
    version,
    tables: TABLES,
    streamColumn: STREAM_COLUMNS,
    handlers: {
      CaseOpened(e, rows) {
        void rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article, status: 'open' });
        void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.data.article === 'bad-date' ? 17 : e.type });
      },
      CaseMoved(e, rows) {
        void rows.update('cases', { case_id: e.data.caseId }, { article: e.data.article });
        void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type });
      },
      CaseClosed(e, rows) {
        void rows.update('cases', { case_id: e.data.caseId }, { status: 'closed' });
        void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type });
      },
    },
  });

/** The same rows, written the async way (read, then write, each awaited). */
const awaiting = defineProjection<CaseEvent, 'cases' | 'case_events'>({
  name: 'sync_board',
  version: 99,
  tables: TABLES,
  streamColumn: STREAM_COLUMNS,
  handlers: {
    async CaseOpened(e, rows) {
      await rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article, status: 'open' });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type });
    },
    async CaseMoved(e, rows) {
      const row = await rows.get('cases', { case_id: e.data.caseId });
      if (row !== undefined) await rows.upsert('cases', { ...row, article: e.data.article });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type });
    },
    async CaseClosed(e, rows) {
      const row = await rows.get('cases', { case_id: e.data.caseId });
      if (row !== undefined) await rows.upsert('cases', { ...row, status: 'closed' });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type });
    },
  },
});

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
const { open, started, closeAll } = testScope(registry);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await closeAll();
  // Give a stray rejection the turn it needs to be reported.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe.each([
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
])('synchronous handlers on %s', (_name, factory: StoresFactory) => {
  it('project the rows the awaiting handlers do, across batches and through a correction and a retraction', async () => {
    const { eventStore, store } = await open(factory);
    const moved = caseEvents.moved('1', 'art-2');
    const closed = caseEvents.closed('2');
    await append(eventStore, 'case-1', caseEvents.opened('1', 'art-1'), moved);
    await append(eventStore, 'case-2', caseEvents.opened('2', 'art-5'), closed, caseEvents.moved('2', 'art-6'));
    await append(eventStore, 'case-1', caseEvents.corrected(moved.eventId, { type: 'CaseMoved', data: { caseId: '1', article: 'art-9' } }), caseEvents.closed('1'));
    await append(eventStore, 'case-2', caseEvents.retracted(closed.eventId));
    const sync = synchronous(1);
    await rebuildProjection({ eventStore, registry, store, projection: sync, batchSize: 3 });
    await rebuildProjection({ eventStore, registry, store, projection: awaiting, batchSize: 3, activate: false });
    for (const table of ['cases', 'case_events']) {
      expect(await store.rows(targetOf(sync), table)).toEqual(await store.rows(targetOf(awaiting), table));
    }
    expect(await store.rows(targetOf(sync), 'cases')).toEqual([
      { case_id: '1', stream_id: 'case-1', article: 'art-9', status: 'closed' },
      { case_id: '2', stream_id: 'case-2', article: 'art-6', status: 'open' },
    ]);
  });

  it('dead-letter a handler whose write the store refused, go on with the rest, and keep the letter while a retry still fails', async () => {
    const { eventStore, store } = await open(factory);
    const poison = caseEvents.opened('2', 'bad-date');
    await append(eventStore, 'case-1', caseEvents.opened('1', 'art-1'));
    await append(eventStore, 'case-2', poison);
    await append(eventStore, 'case-3', caseEvents.opened('3', 'art-3'));
    const runner = await started(createProjectionRunner({ eventStore, registry, store, projection: synchronous(1), batchSize: 10 }));
    await runner.whenCaughtUp();
    const target = targetOf(synchronous(1));
    expect((await store.rows(target, 'case_events')).map((r) => r['stream_id'])).toEqual(expect.arrayContaining(['case-1', 'case-3']));
    expect(await store.rows(target, 'case_events')).toHaveLength(2);
    const letters = await runner.deadLetters();
    expect(letters).toEqual([expect.objectContaining({ eventId: poison.eventId, reason: 'handler-failed' })]);
    expect(letters[0]?.error).toMatch(/type/);
    expect((await runner.retryDeadLetters()).remaining).toHaveLength(1);
  });

  it('count a refused write an async handler left pending as that handler failing', async () => {
    const { eventStore, store } = await open(factory);
    const careless = defineProjection<CaseEvent, 'cases'>({
      name: 'careless',
      version: 1,
      tables: [TABLES[0]],
      streamColumn: { cases: 'stream_id' },
      handlers: {
        async CaseOpened(e, rows) {
          void rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article === 'boom' ? 1 : e.data.article });
          await rows.get('cases', { case_id: 'other' });
        },
      },
    });
    const poison = caseEvents.opened('2', 'boom');
    await append(eventStore, 'case-1', caseEvents.opened('1', 'art-1'), poison);
    await append(eventStore, 'case-3', caseEvents.opened('3', 'art-3'));
    const runner = await started(createProjectionRunner({ eventStore, registry, store, projection: careless, batchSize: 10 }));
    await runner.whenCaughtUp();
    expect((await store.rows(targetOf(careless), 'cases')).map((r) => r['case_id'])).toEqual(['1', '3']);
    expect(await runner.deadLetters()).toEqual([expect.objectContaining({ eventId: poison.eventId, reason: 'handler-failed' })]);
  });
});

describe('synchronous handlers in an as-of build', () => {
  it('report a refused write as a problem of its event, and apply the rest', async () => {
    const { eventStore } = await open(memoryStores);
    const poison = caseEvents.opened('2', 'bad-date');
    await append(eventStore, 'case-1', caseEvents.opened('1', 'art-1'), caseEvents.moved('1', 'art-4'));
    await append(eventStore, 'case-2', poison);
    const model = await buildAsOf({ eventStore, registry, projection: synchronous(1) });
    expect(model.applied).toBe(2);
    expect(model.problems).toEqual([expect.objectContaining({ eventId: poison.eventId, reason: 'handler-failed' })]);
    expect(await model.rows('cases', { case_id: '1' })).toEqual([{ case_id: '1', stream_id: 'case-1', article: 'art-4', status: 'open' }]);
  });
});
