/**
 * Store benchmark: the same workloads on every store in one run, printed as one JSON document.
 *
 *   npx -y pnpm@9.15.9 bench                 # in-memory and PGlite
 *   PG_URL=postgres://… npx -y pnpm@9.15.9 bench   # and PostgreSQL (a throwaway schema, dropped after)
 *
 * Workloads (bench/storeWorkloads.ts): the command path, with and without the state cache (load + fold + decide + append one event on a
 * 20-event stream), a 100-event batch append, and rehydrating a 20,000-event stream.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import type { EventStore } from '@laborcase/core';
import { createInMemoryEventStore, createPGliteEventStore, createPostgresEventStore } from '@laborcase/adapters';
import { toyRegistry } from '@laborcase/core/adapter-kit';
import { withPgClient } from './pgClient.js';
import { runStoreWorkloads } from './storeWorkloads.js';

const clock = () => new Date();

const benchmark = async (open: () => Promise<EventStore>, cleanUp: () => Promise<void> = async () => {}) => {
  const store = await open();
  try {
    return await runStoreWorkloads(store);
  } finally {
    await store.close();
    await cleanUp();
  }
};

const results: Record<string, unknown> = {};
results['memory'] = { store: 'in-memory', results: await benchmark(async () => createInMemoryEventStore({ registry: toyRegistry, clock })) };

const dataDir = await mkdtemp(join(tmpdir(), 'laborcase-bench-'));
results['pglite'] = {
  store: 'PGlite on a local folder',
  results: await benchmark(
    () => createPGliteEventStore({ dataDir, registry: toyRegistry, clock }),
    () => rm(dataDir, { recursive: true, force: true }),
  ),
};

const url = process.env['PG_URL'];
if (url === undefined || url === '') {
  results['postgres'] = { skipped: 'PG_URL is not set (e.g. `source .ci/postgres.sh && start_postgres`)' };
} else {
  const schema = `bench_${uuid().replace(/-/g, '').slice(0, 12)}`;
  const [settings] = (await withPgClient(url, (query) =>
    query(`SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync`),
  )) as [{ version: string; fsync: string }];
  results['postgres'] = {
    store: `PostgreSQL ${settings.version} via node-postgres on loopback (fsync=${settings.fsync})`,
    results: await benchmark(
      () => createPostgresEventStore({ connectionString: url, registry: toyRegistry, clock, schema }),
      () => withPgClient(url, (query) => query(`DROP SCHEMA "${schema}" CASCADE`)).then(() => undefined),
    ),
  };
}

console.log(JSON.stringify({ benchmark: 'event-stores', node: process.version, at: new Date().toISOString(), results }, null, 2));
