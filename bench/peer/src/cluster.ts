/**
 * A throwaway PostgreSQL 15 cluster for one benchmark run, with fsync and synchronous_commit left on (the
 * durable settings the figures are about; the test cluster of `.ci/postgres.sh` turns fsync off). Lives in a temp
 * folder on loopback and is removed by `stop`.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

const POSTGRES_USER = 'postgres';

/** As root, PostgreSQL refuses to run: its tools run as the `postgres` user, as in `.ci/postgres.sh`. */
const asPostgres = async (tool: string, args: readonly string[]): Promise<void> => {
  const binary = join(PG_BIN, tool);
  if (process.getuid?.() === 0) await run('runuser', ['-u', POSTGRES_USER, '--', binary, ...args]);
  else await run(binary, [...args]);
};

const postgresIds = async (): Promise<{ uid: number; gid: number }> => {
  const [uid, gid] = await Promise.all([run('id', ['-u', POSTGRES_USER]), run('id', ['-g', POSTGRES_USER])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

export const startCluster = async (port: number): Promise<Cluster> => {
  const dir = await mkdtemp(join(tmpdir(), 'laborcase-peer-pg-'));
  const data = join(dir, 'data');
  try {
    if (process.getuid?.() === 0) {
      const { uid, gid } = await postgresIds();
      await chown(dir, uid, gid);
    }
    await asPostgres('initdb', ['-D', data, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8']);
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 -c fsync=on -c synchronous_commit=on`;
    await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://${POSTGRES_USER}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
};
