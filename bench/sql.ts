/**
 * SQL event store benchmark: `pnpm run bench:sql` (PostgreSQL too when PG_URL is set). Prints one JSON document.
 *
 *  - command: the command path through `commandHandler` (load the stream, fold it, decide, append one event)
 *  - batch100: one append of a 100-event batch to a new stream
 *  - rehydrate20k: `loadStream` (read + decode + fold) of one 20,000-event stream
 */
import { performance } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { createPGliteEventStore, createPostgresEventStore } from '@laborcase/adapters';
import { NO_STREAM, commandHandler, loadStream, type EventStore } from '@laborcase/domain';
import { toyDecider, toyRegistry, type ToyCommand } from '../examples/toy/grievance.js';
import { toyStream } from '../test/support/toyEvents.js';

const clock = () => new Date();
const context = { provenance: { actorId: 'bench', role: 'labor-relations-specialist' }, effectiveOn: '2026-03-02' };

interface Timing {
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly perSecond: number;
}

const summarise = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { runs: samples.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), meanMs: round(mean), perSecond: round(1000 / mean) };
};

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const benchCommandPath = async (store: EventStore, streams: number): Promise<Timing> => {
  const handle = commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuid });
  const commands: ToyCommand[] = [
    { type: 'File', grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2026-02-27' },
    { type: 'Answer', disposition: 'denied' },
    { type: 'Appeal' },
    { type: 'Answer', disposition: 'denied' },
  ];
  const samples: number[] = [];
  for (let s = 0; s < streams; s++) {
    const streamId = `bench-command-${uuid()}`;
    for (const command of commands) {
      samples.push(
        await time(async () => {
          const result = await handle(streamId, command, context);
          if (result._tag === 'Left') throw new Error(result.left.message);
        }),
      );
    }
  }
  return summarise(samples.slice(commands.length)); // the first stream warms up
};

const benchBatch = async (store: EventStore, runs: number): Promise<Timing> => {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const batch = toyStream(100);
    samples.push(await time(() => store.append(`bench-batch-${uuid()}`, batch, { expectedVersion: NO_STREAM })));
  }
  return summarise(samples.slice(2));
};

const benchRehydrate = async (store: EventStore, runs: number): Promise<Timing & { events: number; eventsPerSecond: number; writeMs: number }> => {
  const streamId = `bench-long-${uuid()}`;
  const all = toyStream(20_000);
  const writeMs = await time(async () => {
    for (let i = 0; i < all.length; i += 1_000) {
      await store.append(streamId, all.slice(i, i + 1_000), { expectedVersion: i === 0 ? NO_STREAM : i - 1 });
    }
  });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      await time(async () => {
        const loaded = await loadStream(store, toyRegistry, streamId, toyDecider.evolve, toyDecider.initialState);
        if (loaded.version !== 19_999) throw new Error(`expected version 19999, got ${String(loaded.version)}`);
      }),
    );
  }
  const timing = summarise(samples);
  return { ...timing, events: 20_000, eventsPerSecond: Math.round((20_000 * 1000) / timing.meanMs), writeMs: Math.round(writeMs) };
};

const benchStore = async (store: EventStore) => ({
  command: await benchCommandPath(store, 101),
  batch100: await benchBatch(store, 30),
  rehydrate20k: await benchRehydrate(store, 5),
});

const main = async (): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'laborcase-bench-'));
  const results: Record<string, unknown> = {};
  try {
    const pglite = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    try {
      results['pglite'] = { store: 'PGlite on a local folder', ...(await benchStore(pglite)) };
    } finally {
      await pglite.close();
    }
    const url = process.env['PG_URL'];
    if (url === undefined) {
      results['postgres'] = { skipped: 'PG_URL is not set (e.g. source .ci/postgres.sh && start_postgres)' };
    } else {
      const schema = `bench_${uuid().replace(/-/g, '').slice(0, 12)}`;
      const postgres = await createPostgresEventStore({ connectionString: url, registry: toyRegistry, clock, schema });
      try {
        const [{ version, fsync }] = (await postgresSettings(url)) as [{ version: string; fsync: string }];
        results['postgres'] = {
          store: `PostgreSQL ${version} over node-postgres on loopback (fsync=${fsync}; schema ${schema}, dropped after)`,
          ...(await benchStore(postgres)),
        };
      } finally {
        await postgres.close();
        await dropSchema(url, schema);
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ benchmark: 'sql-event-store', node: process.version, at: new Date().toISOString(), results }, null, 2));
};

const withClient = async <T>(url: string, work: (query: (sql: string) => Promise<object[]>) => Promise<T>): Promise<T> => {
  const { createPgClient } = await import('@laborcase/adapters');
  const client = createPgClient({ connectionString: url, poolSize: 1 });
  try {
    return await work((sql) => client.query(sql));
  } finally {
    await client.close();
  }
};
const postgresSettings = (url: string) =>
  withClient(url, (query) => query(`SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync`));
const dropSchema = (url: string, schema: string) => withClient(url, (query) => query(`DROP SCHEMA "${schema}" CASCADE`));

await main();
