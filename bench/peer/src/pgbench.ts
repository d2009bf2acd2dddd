/**
 * The server's own ceiling for the write the command path makes: `pgbench` with a custom script of one ~250-byte
 * JSONB single-row INSERT per transaction, 1 client and then 8, on the same server and in the same run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withPgClient } from '../../pgClient.js';
import { PG_BIN } from './cluster.js';
import { historyEventAt } from './grievance.js';

const run = promisify(execFile);

export interface PgbenchRun {
  readonly clients: number;
  readonly seconds: number;
  readonly tps: number;
}

export interface PgbenchCeiling {
  readonly script: string;
  readonly oneClient: PgbenchRun;
  readonly eightClients: PgbenchRun;
}

const SCHEMA = 'peer_pgbench';

/** pgbench's closing line, e.g. `tps = 2493.112 (without initial connection time)`. */
export const parseTps = (output: string): number => {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (match === null) throw new Error(`pgbench printed no tps line:\n${output}`);
  return Number(match[1]);
};

const pgbench = async (url: string, scriptFile: string, clients: number, seconds: number): Promise<PgbenchRun> => {
  // Two threads at most: the machine has two cores, shared with the server.
  const threads = Math.min(clients, 2);
  const { stdout } = await run(join(PG_BIN, 'pgbench'), ['-n', '-f', scriptFile, '-c', String(clients), '-j', String(threads), '-T', String(seconds), url], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return { clients, seconds, tps: Math.round(parseTps(stdout)) };
};

export const measurePgbench = async (url: string, seconds: number): Promise<PgbenchCeiling> => {
  const payload = JSON.stringify(historyEventAt('G-26-000123', 1).data).replace(/'/g, "''");
  const script = `INSERT INTO ${SCHEMA}.events (data) VALUES ('${payload}'::jsonb);`;
  const dir = await mkdtemp(join(tmpdir(), 'laborcase-peer-pgbench-'));
  const scriptFile = join(dir, 'insert.sql');
  await writeFile(scriptFile, `${script}\n`);
  await withPgClient(url, async (query) => {
    await query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await query(`CREATE SCHEMA ${SCHEMA}`);
    await query(`CREATE TABLE ${SCHEMA}.events (id bigserial PRIMARY KEY, data jsonb NOT NULL)`);
  });
  try {
    const oneClient = await pgbench(url, scriptFile, 1, seconds);
    const eightClients = await pgbench(url, scriptFile, 8, seconds);
    return { script, oneClient, eightClients };
  } finally {
    await withPgClient(url, (query) => query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
    await rm(dir, { recursive: true, force: true });
  }
};
