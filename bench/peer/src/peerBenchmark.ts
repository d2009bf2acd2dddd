/**
 * The side-by-side run: for each round, each store, laborcase without and with its state cache, then Emmett
 * (A A' B A A' B …), each in a fresh child process on a fresh store (PostgreSQL: one schema per contender, dropped and
 * recreated, then a checkpoint, before each run). Then the `pgbench` ceiling on the same server, and one `PeerReport`.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { withPgClient } from '../../pgClient.js';
import { startCluster, type Cluster } from './cluster.js';
import { contendersOn, libraryOf, type ContenderName, type StoreKind, type StoreLocation } from './contender.js';
import { historyEvents, meanDataBytes } from './grievance.js';
import type { PeerOptions } from './options.js';
import { measurePgbench } from './pgbench.js';
import type { ChildResult, ChildSpec } from './protocol.js';
import { compareStore, pgbenchReport, type PeerReport, type StoreReport } from './report.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

const SCHEMAS: Readonly<Record<ContenderName, string>> = { laborcase: 'peer_laborcase', 'laborcase-cached': 'peer_laborcase_cached', emmett: 'peer_emmett' };

export type Log = (line: string) => void;

const profilingFlags = (cpuProfDir: string | undefined, spec: ChildSpec): string[] =>
  cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${spec.contender}-${spec.store}-${spec.run}.cpuprofile`];

const runChild = (spec: ChildSpec, cpuProfDir: string | undefined): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profilingFlags(cpuProfDir, spec), '--import', 'tsx', '--conditions=@laborcase/source', CHILD, JSON.stringify(spec)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${spec.contender} on ${spec.store} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as ChildResult);
      } catch {
        reject(new Error(`${spec.contender} on ${spec.store} printed no result:\n${stdout}`));
      }
    });
  });

/**
 * A fresh schema for the next run (Emmett creates its tables in whatever schema its connection's search_path
 * names, so that one is made here), then a checkpoint: no run pays for flushing what the one before it wrote.
 * CHECKPOINT needs a superuser (or pg_checkpoint); on a server given with PG_URL without it, runs go without.
 */
const resetSchema = (url: string, contender: ContenderName): Promise<void> =>
  withPgClient(url, async (query) => {
    await query(`DROP SCHEMA IF EXISTS ${SCHEMAS[contender]} CASCADE`);
    if (libraryOf(contender) === 'emmett') await query(`CREATE SCHEMA ${SCHEMAS[contender]}`);
    await query('CHECKPOINT').catch(() => undefined);
  });

const dropSchemas = (url: string): Promise<void> =>
  withPgClient(url, async (query) => {
    for (const schema of Object.values(SCHEMAS)) await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

const describePostgres = async (url: string, source: string): Promise<string> => {
  const [settings] = (await withPgClient(url, (query) =>
    query(`SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync`),
  )) as [{ version: string; fsync: string; sync: string }];
  return `PostgreSQL ${settings.version} on loopback, ${source} (fsync=${settings.fsync}, synchronous_commit=${settings.sync}); schemas ${Object.values(SCHEMAS).join(', ')}`;
};

const STORE_DESCRIPTIONS: Readonly<Record<Exclude<StoreKind, 'postgres'>, string>> = {
  memory: 'in-memory (laborcase createInMemoryEventStore, Emmett getInMemoryEventStore)',
  pglite: 'PGlite on a temp folder (laborcase only: Emmett has no PGlite store)',
};

const emmettVersion = async (): Promise<string> => {
  const manifest = await readFile(new URL('../node_modules/@event-driven-io/emmett/package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
};

const laborcaseVersion = async (): Promise<string> => {
  const manifest = await readFile(new URL('../../../packages/core/package.json', import.meta.url), 'utf8');
  return `${(JSON.parse(manifest) as { version: string }).version} (this checkout)`;
};

/** The 1-, 5- and 15-minute load averages: the machine is shared, so each report says how busy it was. */
const loadAverage = (): readonly number[] => loadavg().map((load) => Math.round(load * 100) / 100);

export const runPeerBenchmark = async (options: PeerOptions, log: Log): Promise<PeerReport> => {
  const loadAtStart = loadAverage();
  const wantsPostgres = options.stores.includes('postgres');
  let cluster: Cluster | undefined;
  let pgUrl = options.pgUrl;
  if (wantsPostgres && pgUrl === undefined) {
    log(`starting a throwaway PostgreSQL cluster (fsync on) on port ${options.pgPort}`);
    cluster = await startCluster(options.pgPort);
    pgUrl = cluster.url;
  }
  try {
    const results: ChildResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const store of options.stores) {
        for (const contender of contendersOn(store)) {
          const location: StoreLocation = store === 'postgres' ? { pgUrl: pgUrl as string, schema: SCHEMAS[contender] } : {};
          if (store === 'postgres') await resetSchema(pgUrl as string, contender);
          const result = await runChild({ contender, store, sizes: options.sizes, location, run: `r${round}` }, options.cpuProfDir);
          log(`round ${round}/${options.rounds} ${store} ${contender}: ${JSON.stringify(result.figures)} peak RSS ${result.peakRssMb} MB`);
          results.push(result);
        }
      }
    }
    const stores: Partial<Record<StoreKind, StoreReport>> = {};
    for (const store of options.stores) {
      const description = store === 'postgres' ? await describePostgres(pgUrl as string, cluster === undefined ? 'PG_URL' : 'throwaway cluster') : STORE_DESCRIPTIONS[store];
      stores[store] = compareStore(store, description, results);
    }
    let pgbench: PeerReport['pgbench'] = { skipped: wantsPostgres ? '--pgbench-seconds is 0' : 'postgres is not among --stores' };
    if (wantsPostgres && options.pgbenchSeconds > 0) {
      log(`pgbench: 1 client, then 8, ${options.pgbenchSeconds} s each`);
      pgbench = pgbenchReport(await measurePgbench(pgUrl as string, options.pgbenchSeconds), stores.postgres);
    }
    if (wantsPostgres) await dropSchemas(pgUrl as string);
    const cpuList = cpus();
    return {
      benchmark: 'laborcase-vs-emmett',
      at: new Date().toISOString(),
      node: process.version,
      machine: { cpus: cpuList.length, cpuModel: cpuList[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) },
      loadAverage: { start: loadAtStart, end: loadAverage() },
      versions: { laborcase: await laborcaseVersion(), emmett: await emmettVersion() },
      rounds: options.rounds,
      sizes: options.sizes,
      eventDataBytes: meanDataBytes(historyEvents('G-26-000123', 0, options.sizes.eventsPerStream)),
      stores,
      pgbench,
    };
  } finally {
    if (cluster !== undefined) {
      log('stopping the throwaway PostgreSQL cluster');
      await cluster.stop();
    }
  }
};
