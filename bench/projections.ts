/**
 * Projection benchmark, printed as one JSON document:
 *
 *   npx tsx --conditions=@laborcase/source bench/projections.ts            # memory and PGlite
 *   PG_URL=postgres://… npx tsx --conditions=@laborcase/source bench/projections.ts   # and PostgreSQL
 *   BENCH_EVENTS=200000 …                                                  # a smaller log (default 1,000,000)
 *   BENCH_ONLY=memory,asOf …                                               # some of memory, memoryDistinctStrings, memoryAwaiting, pglite, postgres, asOf
 *
 * - rebuild: `rebuildProjection` of a two-table projection (`cases`: one row per case, updated by every event;
 *   `case_events`: one row per event) over a generated log of case streams (opened, moved, moved, closed), with
 *   one correction per 1,000 events. Its handlers are synchronous (`update`, writes not awaited); `memoryAwaiting`
 *   rebuilds the same tables in memory with `async` handlers that read the row, then await each write. The log
 *   (bench/caseLog.ts, a stream's events sharing its id strings) is served by an in-process, read-only event store
 *   over an array (`ArrayEventStore`), so the figure is the projection side: decoding, corrections, handlers, row
 *   validation, writes and checkpoints, not the event store's reads. `memoryDistinctStrings` rebuilds into memory
 *   from the same log with fresh id strings in every event, as events read from a database have them.
 * - asOf: `buildAsOf` over 100,000 of those events, as effective on a mid-log business date and as known at a
 *   mid-log instant.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import { type EventStore, type StoredEvent } from '@laborcase/core';
import { buildAsOf, createInMemoryReadModelStore, createSqlReadModelStore, defineProjection, rebuildProjection, type ReadModelStore } from '@laborcase/projections';
import { caseRegistry, type CaseEvent } from '@laborcase/projections/testkit';
import { ArrayEventStore } from './arrayEventStore.js';
import { caseLog } from './caseLog.js';
import { clusterCpuSeconds } from './serverCpu.js';

const registry = caseRegistry();
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const AS_OF_EVENTS = 100_000;
const BATCH = Number(process.env['BENCH_BATCH'] ?? 5_000);
/** Unsent rows of a table the SQL store sends without waiting (its `flushRows`; default: the store's). */
const FLUSH_ROWS = process.env['BENCH_FLUSH_ROWS'] === undefined ? {} : { flushRows: Number(process.env['BENCH_FLUSH_ROWS']) };
const ONLY = process.env['BENCH_ONLY']?.split(',').map((part) => part.trim());
const wanted = (part: string): boolean => ONLY === undefined || ONLY.includes(part);

const tables = [
  { name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text', status: 'text', opened_on: 'date' }, primaryKey: ['case_id'], indexes: [['article', 'status']] },
  { name: 'case_events', columns: { event_id: 'text', stream_id: 'text', type: 'text', effective_on: 'date' }, primaryKey: ['event_id'] },
] as const;
const streamColumn = { cases: 'stream_id', case_events: 'stream_id' } as const;

/** Handlers that only write: synchronous, a case's later events `update` its row. */
const projection = defineProjection<CaseEvent, 'cases' | 'case_events'>({
  name: 'bench_board',
  version: 1,
  tables,
  streamColumn,
  handlers: {
    CaseOpened(e, rows) {
      void rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article, status: 'open', opened_on: e.metadata.effectiveOn });
      void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
    CaseMoved(e, rows) {
      void rows.update('cases', { case_id: e.data.caseId }, { article: e.data.article });
      void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
    CaseClosed(e, rows) {
      void rows.update('cases', { case_id: e.data.caseId }, { status: 'closed' });
      void rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
  },
});

/** The same rows, written the `async` way: read the case's row, then await each write. */
const awaitingProjection = defineProjection<CaseEvent, 'cases' | 'case_events'>({
  name: 'bench_board_awaiting',
  version: 1,
  tables,
  streamColumn,
  handlers: {
    async CaseOpened(e, rows) {
      await rows.upsert('cases', { case_id: e.data.caseId, stream_id: e.streamId, article: e.data.article, status: 'open', opened_on: e.metadata.effectiveOn });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
    async CaseMoved(e, rows) {
      const row = await rows.get('cases', { case_id: e.data.caseId });
      if (row !== undefined) await rows.upsert('cases', { ...row, article: e.data.article });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
    async CaseClosed(e, rows) {
      const row = await rows.get('cases', { case_id: e.data.caseId });
      if (row !== undefined) await rows.upsert('cases', { ...row, status: 'closed' });
      await rows.upsert('case_events', { event_id: e.eventId, stream_id: e.streamId, type: e.type, effective_on: e.metadata.effectiveOn });
    },
  },
});

const round = (n: number): number => Math.round(n);

/** `BENCH_CPU_PROF=<dir>`: each timed part is CPU-profiled alone into `<dir>/<part>.cpuprofile` (summarise with bench/peer/src/profileSummary.ts). */
const PROFILE_DIR = process.env['BENCH_CPU_PROF'];
const profiled = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
  if (PROFILE_DIR === undefined || PROFILE_DIR === '') return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(PROFILE_DIR, `${part}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
};

/** Wall-clock seconds and this process's CPU seconds (the machine may be shared: CPU time shows our own cost). */
const rebuild = async (part: string, store: ReadModelStore, eventStore: EventStore, batchSize: number, serverCpu?: () => Promise<number | undefined>, built = projection) => {
  const serverBefore = await serverCpu?.();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await profiled(part, () => rebuildProjection({ eventStore, registry, store, projection: built, batchSize, count: false }));
  const seconds = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const serverAfter = await serverCpu?.();
  const serverCpuSeconds = serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore;
  return {
    events: result.events,
    batchSize,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: round(result.events / seconds),
    processCpuSeconds: Math.round(cpuSeconds * 100) / 100,
    eventsPerCpuSecond: round(result.events / cpuSeconds),
    // PostgreSQL on this machine: the cluster's CPU time over the rebuild, and events per CPU second of both.
    ...(serverCpuSeconds === undefined
      ? {}
      : { serverCpuSeconds: Math.round(serverCpuSeconds * 100) / 100, eventsPerCpuSecondWithServer: round(result.events / (cpuSeconds + serverCpuSeconds)) }),
  };
};

const eventStore = new ArrayEventStore(caseLog(EVENTS, { shareStrings: true }));
const results: Record<string, unknown> = {
  events: EVENTS,
  projection: 'two tables (cases, case_events), 4-event case streams, a correction per 1,000 events; synchronous handlers (memoryAwaiting: async ones, reading then awaiting each write)',
  // The machine may be shared: the load average (1, 5, 15 min) at the start says how much of it this run had.
  loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  cpus: availableParallelism(),
};

if (wanted('memory')) results['memory'] = await rebuild('memory', createInMemoryReadModelStore(), eventStore, BATCH);
if (wanted('memoryDistinctStrings')) {
  results['memoryDistinctStrings'] = await rebuild('memoryDistinctStrings', createInMemoryReadModelStore(), new ArrayEventStore(caseLog(EVENTS)), BATCH);
}
if (wanted('memoryAwaiting')) results['memoryAwaiting'] = await rebuild('memoryAwaiting', createInMemoryReadModelStore(), eventStore, BATCH, undefined, awaitingProjection);

if (wanted('pglite')) {
  const client = await createPGliteClient({});
  results['pglite'] = await rebuild('pglite', await createSqlReadModelStore({ client, schema: 'bench_rm', ...FLUSH_ROWS }), eventStore, BATCH);
  await client.close();
}

const url = process.env['PG_URL'];
if (wanted('postgres') && (url === undefined || url === '')) results['postgres'] = { skipped: 'PG_URL is not set' };
else if (wanted('postgres') && url !== undefined) {
  const client = createPgClient({ connectionString: url, poolSize: 2, statementTimeoutMs: 600_000 });
  const schema = `bench_rm_${Date.now().toString(36)}`;
  try {
    const [backend] = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const serverCpu = () => (backend === undefined ? Promise.resolve(undefined) : clusterCpuSeconds(Number(backend.pid)));
    results['postgres'] = await rebuild('postgres', await createSqlReadModelStore({ client, schema, ...FLUSH_ROWS }), eventStore, BATCH, serverCpu);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.close();
  }
}

if (wanted('asOf')) {
  const asOfLog = caseLog(Math.min(AS_OF_EVENTS, EVENTS), { shareStrings: true });
  const asOfStore = new ArrayEventStore(asOfLog);
  const middle = asOfLog[Math.floor(asOfLog.length / 2)] as StoredEvent;
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let applied = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const model = await profiled(`asOf-${i + 1}`, () => buildAsOf({ eventStore: asOfStore, registry, projection, effectiveOn: middle.metadata.effectiveOn, knownAt: middle.metadata.recordedAt }));
    runs.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuRuns.push((cpu.user + cpu.system) / 1_000);
    applied = model.applied;
  }
  results['asOf'] = {
    events: asOfLog.length,
    applied,
    effectiveOn: middle.metadata.effectiveOn,
    knownAt: middle.metadata.recordedAt,
    ms: runs.map(round),
    bestMs: round(Math.min(...runs)),
    processCpuMs: cpuRuns.map(round),
  };
}

console.log(JSON.stringify(results, null, 2));
