/**
 * Projection benchmark, printed as one JSON document:
 *
 *   npx tsx --conditions=@laborcase/source bench/projections.ts            # memory and PGlite
 *   PG_URL=postgres://… npx tsx --conditions=@laborcase/source bench/projections.ts   # and PostgreSQL
 *   BENCH_EVENTS=200000 …                                                  # a smaller log (default 1,000,000)
 *   BENCH_ONLY=memory,asOf …                                               # some of memory, memoryAwaiting, pglite, postgres, asOf
 *
 * - rebuild: `rebuildProjection` of a two-table projection (`cases`: one row per case, updated by every event;
 *   `case_events`: one row per event) over a generated log of case streams (opened, moved, moved, closed), with
 *   one correction per 1,000 events. Its handlers are synchronous (`update`, writes not awaited); `memoryAwaiting`
 *   rebuilds the same tables in memory with `async` handlers that read the row, then await each write. The log is served by an in-process, read-only event store over an array
 *   (`ArrayEventStore`, bench/arrayEventStore.ts), so the figure is the projection side: decoding, corrections, handlers, row
 *   validation, writes and checkpoints, not the event store's reads.
 * - asOf: `buildAsOf` over 100,000 of those events, as effective on a mid-log business date and as known at a
 *   mid-log instant.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import { positionFromSegments, type EventStore, type StoredEvent } from '@laborcase/core';
import { buildAsOf, createInMemoryReadModelStore, createSqlReadModelStore, defineProjection, rebuildProjection, type ReadModelStore } from '@laborcase/projections';
import { caseRegistry, type CaseEvent } from '@laborcase/projections/testkit';
import { ArrayEventStore } from './arrayEventStore.js';
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

const day = (n: number): string => new Date(Date.UTC(2025, 6, 1) + (n % 365) * 86_400_000).toISOString().slice(0, 10);

/** `count` events: case streams of four events each (opened, moved, moved, closed), a correction every 1,000th. */
const generate = (count: number): StoredEvent[] => {
  const events: StoredEvent[] = [];
  const base = Date.parse('2025-07-01T08:00:00.000Z');
  for (let c = 0; events.length < count; c++) {
    const caseId = `c${c}`;
    const streamId = `case-${caseId}`;
    const stream: { type: string; data: unknown }[] = [
      { type: 'CaseOpened', data: { caseId, article: `art-${c % 12}` } },
      { type: 'CaseMoved', data: { caseId, article: `art-${(c + 1) % 12}` } },
      { type: 'CaseMoved', data: { caseId, article: `art-${(c + 2) % 12}` } },
      { type: 'CaseClosed', data: { caseId } },
    ];
    if (c % 250 === 0) stream.push({ type: 'EventCorrected', data: { correctedEventId: `e-${events.length}`, reason: 'typo', replacement: { type: 'CaseOpened', data: { caseId, article: 'art-99' } } } });
    stream.forEach((event, version) => {
      const n = events.length;
      if (n >= count) return;
      events.push({
        eventId: `e-${n}`,
        streamId,
        streamVersion: version,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: { provenance: { actorId: 'bench', role: 'bench' }, correlationId: 'b', causationId: 'b', effectiveOn: day(Math.floor(n / 3_000)), recordedAt: new Date(base + n * 1_000).toISOString() },
        prevHash: '',
        hash: '',
        globalPosition: positionFromSegments(BigInt(n + 1)),
      });
    });
  }
  return events;
};


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

const log = generate(EVENTS);
const eventStore = new ArrayEventStore(log);
const results: Record<string, unknown> = {
  events: EVENTS,
  projection: 'two tables (cases, case_events), 4-event case streams, a correction per 1,000 events; synchronous handlers (memoryAwaiting: async ones, reading then awaiting each write)',
  // The machine may be shared: the load average (1, 5, 15 min) at the start says how much of it this run had.
  loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  cpus: availableParallelism(),
};

if (wanted('memory')) results['memory'] = await rebuild('memory', createInMemoryReadModelStore(), eventStore, BATCH);
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
  const asOfStore = new ArrayEventStore(log.slice(0, AS_OF_EVENTS));
  const middle = log[Math.floor(Math.min(AS_OF_EVENTS, log.length) / 2)] as StoredEvent;
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
    events: Math.min(AS_OF_EVENTS, log.length),
    applied,
    effectiveOn: middle.metadata.effectiveOn,
    knownAt: middle.metadata.recordedAt,
    ms: runs.map(round),
    bestMs: round(Math.min(...runs)),
    processCpuMs: cpuRuns.map(round),
  };
}

console.log(JSON.stringify(results, null, 2));
