/**
 * Where a PostgreSQL command costs its time: runs one of the peer workloads for laborcase alone against `PG_URL`
 * and prints, per event, the wall time, this process's CPU time and the cluster's CPU time (`serverCpu.ts`), the
 * load average, and the statements the server ran (`pg_stat_statements`, when the server has it loaded).
 * `bare-insert` is the floor the store is compared with: one single-row JSONB INSERT per autocommit statement
 * through the same driver, the same server, the same event.
 *
 *   PG_URL=postgres://… npx tsx --conditions=@laborcase/source bench/peer/src/pgBreakdown.ts \
 *     [cached|uncached|workers|batch|rehydrate|bare-insert] [--streams 500] [--schema brk]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPgClient } from '@laborcase/adapters/sql';
import { createPostgresEventStore } from '@laborcase/adapters';
import { clusterCpuSeconds } from '../../serverCpu.js';
import { commandAt, historyEvents } from './grievance.js';
import { laborcaseOver, registry } from './laborcase.js';

const WORKLOADS = ['cached', 'uncached', 'workers', 'batch', 'rehydrate', 'bare-insert'] as const;
type Workload = (typeof WORKLOADS)[number];

const argValue = (flag: string, fallback: string): string => {
  const at = process.argv.indexOf(flag);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
};

const url = process.env.PG_URL;
if (url === undefined) throw new Error('PG_URL is required');
const workload = (process.argv[2] ?? 'cached') as Workload;
if (!WORKLOADS.includes(workload)) throw new RangeError(`workload must be one of ${WORKLOADS.join(', ')}`);
const streams = Number(argValue('--streams', '500'));
const schema = argValue('--schema', 'brk');

const admin = createPgClient({ connectionString: url, poolSize: 1 });
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
const statStatements = (await admin.query<{ present: boolean }>(`SELECT count(*) > 0 AS present FROM pg_extension WHERE extname = 'pg_stat_statements'`))[0]?.present === true;

const store = await createPostgresEventStore({ connectionString: url, schema, registry });
const contender = laborcaseOver(store, workload !== 'uncached');
const event = historyEvents('g', 0, 1)[0]!;

/** The timed part; returns how many events it wrote or read. */
const run = async (prefix: string): Promise<number> => {
  switch (workload) {
    case 'cached':
    case 'uncached':
      for (let k = 0; k < 10; k++) for (let n = 0; n < streams; n++) await contender.handle(`${prefix}-${n}`, commandAt(`${prefix}-${n}`, k));
      return streams * 10;
    case 'workers': {
      const lanes = Array.from({ length: 8 }, (_, w) => Array.from({ length: streams / 8 }, (_, n) => `${prefix}-${w}-${n}`));
      await Promise.all(lanes.map(async (lane) => {
        for (let k = 0; k < 10; k++) for (const id of lane) await contender.handle(id, commandAt(id, k));
      }));
      return lanes.flat().length * 10;
    }
    case 'batch':
      for (let n = 0; n < streams / 5; n++) await contender.append(`${prefix}-${n}`, historyEvents(`${prefix}-${n}`, 0, 100), 0);
      return (streams / 5) * 100;
    case 'rehydrate': {
      const id = `${prefix}-long`;
      for (let written = 0; written < 20_000; written += 1000) await contender.append(id, historyEvents(id, written, 1000), written);
      if (statStatements) await admin.query('SELECT pg_stat_statements_reset()');
      return -1;
    }
    case 'bare-insert':
      for (let n = 0; n < streams * 10; n++) {
        await admin.query(`INSERT INTO ${schema}.bare (doc) VALUES ($1::jsonb)`, [JSON.stringify(event.data)], { prepare: true });
      }
      return streams * 10;
  }
};

if (workload === 'bare-insert') await admin.query(`CREATE TABLE ${schema}.bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc jsonb NOT NULL)`);
await run('warm'); // warms the pool, the prepared statements and the JIT on a first set of streams
if (workload === 'rehydrate') await run('timed');
await admin.query('CHECKPOINT');
if (statStatements) await admin.query('SELECT pg_stat_statements_reset()');

/** The cluster's CPU seconds, through a backend alive now (the pool may have closed an idle one). */
const serverCpu = async (): Promise<number | undefined> => {
  const [row] = await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return row === undefined ? undefined : clusterCpuSeconds(row.pid);
};
const load = loadavg()[0];
const server0 = await serverCpu();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let events: number;
if (workload === 'rehydrate') {
  for (let i = 0; i < 5; i++) await contender.rehydrate('timed-long');
  events = 5 * 20_000;
} else events = await run('timed');
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const server1 = await serverCpu();

const perEventUs = (seconds: number): number => Math.round(((seconds * 1e6) / events) * 10) / 10;
const statements = statStatements
  ? await admin.query<{ query: string; calls: string; mean_ms: string; total_ms: string }>(
      `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls::text,
              round(mean_exec_time::numeric, 4)::text AS mean_ms, round(total_exec_time::numeric, 1)::text AS total_ms
       FROM pg_stat_statements WHERE calls >= ${Math.max(1, Math.floor(events / 100))} ORDER BY total_exec_time DESC LIMIT 12`,
    )
  : [];
console.log(
  JSON.stringify(
    {
      workload,
      events,
      loadAverage: [load, loadavg()[0]],
      eventsPerSecond: Math.round((events * 1000) / ms),
      wallUsPerEvent: Math.round((ms * 1000 * 10) / events) / 10,
      clientCpuUsPerEvent: perEventUs((cpu.user + cpu.system) / 1e6),
      serverCpuUsPerEvent: server0 === undefined || server1 === undefined ? null : perEventUs(server1 - server0),
      statements,
    },
    null,
    1,
  ),
);
await store.close();
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
await admin.close();
