/**
 * Read-model rebuild benchmark, printed as one JSON document: every labor read model rebuilt over the same
 * generated district history (bench/generator, cached by `generatedLog.ts`), into memory, PGlite (a temp folder)
 * and PostgreSQL when `PG_URL` is set.
 *
 *   npx -y pnpm@9.15.9 -s bench:read-models                       # 1,000,000 events, memory and PGlite
 *   PG_URL=postgres://… npx -y pnpm@9.15.9 -s bench:read-models   # and PostgreSQL
 *   BENCH_EVENTS=100000 BENCH_STORES=memory …                     # a smaller log, some stores
 *
 * Environment: BENCH_EVENTS (event target, default 1,000,000), BENCH_SEED (1), BENCH_YEARS (10), BENCH_BATCH (events
 * per transaction, 5,000), BENCH_STORES (memory,pglite,postgres), BENCH_CACHE_DIR (/tmp/laborcase-bench), BENCH_LIMIT
 * (rebuild over the log's first N events only; 0, the default, for all).
 *
 * Per store, every projection is rebuilt over the same log (one `rebuildProjection` each; `rebuildAll` says in
 * which order): `eventsPerSecond` is events in the log × projections ÷ wall time; each projection also reports
 * the events it applied (of the types it reads) and its own time; `eventsPerCpuSecond` divides the same events by
 * this process's CPU time (a database server's is not in it), the fairer figure on a shared machine, whose load
 * average is reported before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import type { EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { createInMemoryReadModelStore, createSqlReadModelStore, rebuildProjection, type AnyProjection, type ReadModelStore } from '@laborcase/projections';
import { LABOR_READ_MODELS } from '@laborcase/projections/labor';
import { ArrayEventStore } from './arrayEventStore.js';
import { DEFAULT_CACHE_DIR, loadGeneratedLog } from './generatedLog.js';
import { clusterCpuSeconds } from './serverCpu.js';

const STORES = ['memory', 'pglite', 'postgres'] as const;
type StoreName = (typeof STORES)[number];

const integer = (name: string, fallback: number, min: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
};

const storesWanted = (): StoreName[] => {
  const raw = process.env['BENCH_STORES'];
  if (raw === undefined || raw === '') return [...STORES];
  const names = raw.split(',').map((s) => s.trim());
  for (const name of names) if (!(STORES as readonly string[]).includes(name)) throw new RangeError(`BENCH_STORES: unknown store ${JSON.stringify(name)} (memory, pglite, postgres)`);
  return names as StoreName[];
};

const key = { seed: integer('BENCH_SEED', 1, 0), schoolYears: integer('BENCH_YEARS', 10, 1), events: integer('BENCH_EVENTS', 1_000_000, 1) };
const batchSize = integer('BENCH_BATCH', 5_000, 1);
// A prefix of the log (its first N events) is a log too: for a store too slow for the whole of it.
const limit = integer('BENCH_LIMIT', 0, 0);
const stores = storesWanted();
const projections: AnyProjection[] = LABOR_READ_MODELS.map((model) => model.projection as unknown as AnyProjection);
const registry = createDomainRegistry();

const LEASE_TTL_MS = 30 * 60_000;
const seconds = (ms: number): number => Math.round(ms / 10) / 100;

const rebuildOne = async (store: ReadModelStore, eventStore: EventStore, logEvents: number, projection: AnyProjection) => {
  const started = performance.now();
  // The lease is renewed between batches: on a loaded machine a large batch can outlast the default 60 s.
  const result = await rebuildProjection({ eventStore, registry, store, projection, batchSize, count: false, leaseTtlMs: LEASE_TTL_MS });
  const ms = performance.now() - started;
  return { projection: projection.name, applied: result.events, seconds: seconds(ms), logEventsPerSecond: Math.round(logEvents / (ms / 1_000)) };
};

/**
 * Every projection rebuilt into `store`: side by side on a server with a connection each (PostgreSQL), else one
 * after another (memory and PGlite run on this one thread, and PGlite has one connection, so nothing overlaps).
 */
const rebuildAll = async (store: ReadModelStore, eventStore: EventStore, logEvents: number, sideBySide: boolean) => {
  const loadBefore = loadavg()[0] as number;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const perProjection = [];
  if (sideBySide) perProjection.push(...(await Promise.all(projections.map((projection) => rebuildOne(store, eventStore, logEvents, projection)))));
  else for (const projection of projections) perProjection.push(await rebuildOne(store, eventStore, logEvents, projection));
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // This process only: a database server's own CPU time is not in it.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    projections: projections.length,
    mode: sideBySide ? 'side by side' : 'one after another',
    batchSize,
    seconds: seconds(wall),
    eventsPerSecond: Math.round((logEvents * projections.length) / (wall / 1_000)),
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    eventsPerCpuSecond: Math.round((logEvents * projections.length) / cpuSeconds),
    // The machine's 1-minute load average before and after: on a shared machine, how much of a core this run had.
    loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round((loadavg()[0] as number) * 100) / 100 },
    perProjection,
  };
};

const log = await loadGeneratedLog(key, { dir: process.env['BENCH_CACHE_DIR'] ?? DEFAULT_CACHE_DIR });
const logEvents = limit > 0 ? log.events.slice(0, limit) : log.events;
const eventStore = new ArrayEventStore(logEvents);
const events = logEvents.length;
const report: Record<string, unknown> = {
  bench: 'read-model rebuilds',
  node: process.version,
  log: { ...key, events, ...(limit > 0 ? { prefixOf: log.events.length } : {}), file: log.file, cached: log.cached, loadSeconds: log.loadSeconds },
  projections: projections.map((p) => p.name),
};

for (const name of stores) {
  if (name === 'memory') report['memory'] = await rebuildAll(createInMemoryReadModelStore(), eventStore, events, false);
  else if (name === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'laborcase-read-models-'));
    const client = await createPGliteClient({ dataDir });
    try {
      report['pglite'] = await rebuildAll(await createSqlReadModelStore({ client, schema: 'bench_read_models' }), eventStore, events, false);
    } finally {
      await client.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    const url = process.env['PG_URL'];
    if (url === undefined || url === '') {
      report['postgres'] = { skipped: 'PG_URL is not set' };
      continue;
    }
    // One connection per projection, so the rebuilds run side by side on the server.
    const client = createPgClient({ connectionString: url, poolSize: projections.length + 1, statementTimeoutMs: 600_000 });
    const schema = `bench_read_models_${Date.now().toString(36)}`;
    try {
      const [settings] = await client.query<{ fsync: string; synchronous_commit: string }>(`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`);
      // Asked through a live backend each time: the one that answered before may have left the pool by the end.
      const serverCpu = async (): Promise<number | undefined> => {
        const [backend] = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        return backend === undefined ? undefined : clusterCpuSeconds(Number(backend.pid));
      };
      const serverBefore = await serverCpu();
      const rebuilt = await rebuildAll(await createSqlReadModelStore({ client, schema }), eventStore, events, true);
      const serverAfter = await serverCpu();
      // On a local server, its CPU time too: client and server CPU seconds together are what the rebuilds cost.
      const server =
        serverBefore === undefined || serverAfter === undefined
          ? {}
          : {
              serverCpuSeconds: Math.round((serverAfter - serverBefore) * 100) / 100,
              eventsPerCpuSecondWithServer: Math.round((events * projections.length) / (rebuilt.cpuSeconds + serverAfter - serverBefore)),
            };
      report['postgres'] = { ...settings, ...rebuilt, ...server };
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.close();
    }
  }
}

console.log(JSON.stringify(report, null, 2));
