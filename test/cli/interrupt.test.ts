/**
 * A real Ctrl-C: `laborcase rebuild open-cases` runs as the bin in a child process over a generated district
 * history big enough to still be running, gets SIGINT once its progress shows it under way, and must exit 130
 * with one line, leave the live read model (the previous version) serving, and let a rerun complete.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEventImporter, type StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createPGliteClient, openSqlStore } from '@laborcase/adapters/sql';
import { createDomainRegistry } from '@laborcase/domain';
import { createSqlReadModelStore, rebuildProjection, targetOf } from '@laborcase/projections';
import { openCasesProjection } from '@laborcase/projections/labor';
import { createSimulatedClock, generateDistrictHistory } from '../../bench/generator/index.js';
import { runBin, spawnBin } from './bin.js';

const registry = createDomainRegistry();
/** The version live before the interrupted rebuild: the same projection one version earlier. */
const previous = { ...openCasesProjection, version: openCasesProjection.version - 1 };

let dir: string;
let dataDir: string;

/** Open the folder as the CLI does (SQL client, event store, read-model store), run `work`, close. */
const withFolder = async <T>(work: (opened: { store: Awaited<ReturnType<typeof openSqlStore>>; readModels: Awaited<ReturnType<typeof createSqlReadModelStore>> }) => Promise<T>): Promise<T> => {
  const client = await createPGliteClient({ dataDir });
  const store = await openSqlStore(client, { registry });
  const readModels = await createSqlReadModelStore({ client });
  try {
    return await work({ store, readModels });
  } finally {
    await readModels.close();
    await store.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'laborcase-interrupt-'));
  dataDir = join(dir, 'pglite');
  const clock = createSimulatedClock();
  const generated = createInMemoryEventStore({ registry, clock: clock.now });
  await generateDistrictHistory({ store: generated, seed: 17, schoolYears: 1, scale: 2, clock, registry, progress: () => undefined });
  await withFolder(async ({ store, readModels }) => {
    if (!isEventImporter(store)) throw new Error('the SQL store imports');
    let page: StoredEvent[] = [];
    for await (const event of generated.readAll()) {
      page.push(event);
      if (page.length === 2000) {
        await store.importEvents(page);
        page = [];
      }
    }
    await store.importEvents(page);
    await rebuildProjection({ eventStore: store, registry, store: readModels, projection: previous });
  });
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('Ctrl-C during rebuild: exit 130, one line, the previous version still live, and a rerun completes', async () => {
  const child = spawnBin('--data-dir', dataDir, 'rebuild', 'open-cases', '--batch-size', '1', '--progress', 'lines');
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  const underWay = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/open-cases: \d+\/\d+ events/.test(stderr)) resolve();
    });
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await Promise.race([underWay, exited]);
  expect(child.exitCode).toBeNull(); // still running when the signal is sent
  child.kill('SIGINT');
  const [code] = await exited;
  expect(code).toBe(130);
  expect(stdout).toBe('');
  const lines = stderr.trim().split('\n');
  expect(lines.filter((line) => line.startsWith('laborcase:'))).toEqual([
    'laborcase: rebuild of open-cases cancelled: the live read model is unchanged; run it again to rebuild',
  ]);
  expect(lines.every((line) => line.startsWith('laborcase:') || /^open-cases: \d+\/\d+ events/.test(line))).toBe(true);

  await withFolder(async ({ readModels }) => {
    expect(await readModels.activeVersion(openCasesProjection.name)).toBe(previous.version);
    expect((await readModels.rows(targetOf(previous), 'cases')).length).toBeGreaterThan(0);
    expect(await readModels.checkpoint(targetOf(openCasesProjection))).toBeUndefined();
  });

  const rerun = await runBin('--data-dir', dataDir, 'rebuild', 'open-cases');
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toMatch(new RegExp(`^rebuilt open_cases v${openCasesProjection.version}: \\d+ event\\(s\\) in \\d+ ms \\(\\d+ events/s\\), now live\\n$`));
  await withFolder(async ({ readModels }) => expect(await readModels.activeVersion(openCasesProjection.name)).toBe(openCasesProjection.version));
}, 300_000);
