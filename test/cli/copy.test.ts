/**
 * `laborcase copy`, run as the bin in a child process, on case G-26-004's log (the ECPS workflow, seeded into a
 * PGlite folder): PGlite → PGlite always, PGlite → PostgreSQL when PG_URL is set. Both logs are read back through
 * the stores and compared event by event; an interrupted copy (the target holding a prefix) resumes to the same
 * log; a target with another history is refused in one line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHash, isEventImporter, type EventStore, type StoredEvent } from '@laborcase/core';
import { generateNoteKey } from '@laborcase/core/transparency';
import { createPGliteEventStore, createPostgresEventStore } from '@laborcase/adapters';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { createDomainRegistry } from '@laborcase/domain';
import { EventStoreDbDouble } from '../eventstoredb/double.js';
import { describeWithPostgres, PG_URL } from '../support/postgres.js';
import { runBin, spawnBin } from './bin.js';
import { seedG26_004 } from './seed.js';

const registry = createDomainRegistry();

let dir: string;
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'laborcase-copy-'));
  source = join(dir, 'source');
  await seedG26_004(source);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withStore = async <T>(open: () => Promise<EventStore>, work: (store: EventStore) => Promise<T>): Promise<T> => {
  const store = await open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};

const pglite = (dataDir: string) => () => createPGliteEventStore({ registry, dataDir });

const readLog = (open: () => Promise<EventStore>): Promise<StoredEvent[]> =>
  withStore(open, async (store) => {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  });

/** What a copy must keep of each event, in log order (positions are each store's own). */
const kept = (events: readonly StoredEvent[]) => events.map(({ globalPosition: _position, ...event }) => event);

const importInto = (open: () => Promise<EventStore>, events: readonly StoredEvent[]) =>
  withStore(open, async (store) => {
    if (!isEventImporter(store)) throw new Error('the store cannot import');
    return store.importEvents(events);
  });

const rootsOf = (stdout: string): string[] => [...stdout.matchAll(/root ([0-9a-f]{64})/g)].map((m) => m[1]!);

describe('laborcase copy, PGlite to PGlite', () => {
  it('keeps every event id, recordedAt, version and hash in the source order, prints equal roots, and a checkpoint signed on the source holds for the copy', async () => {
    const target = join(dir, 'whole');
    const ran = await runBin('copy', '--from', source, '--to', target);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const sourceLog = await readLog(pglite(source));
    expect(sourceLog.length).toBeGreaterThan(20);
    expect(ran.stdout).toMatch(new RegExp(`^copied ${sourceLog.length} event\\(s\\) from PGlite in .*source to PGlite in .*whole`));
    expect(ran.stdout).toMatch(/verified: same events, same hashes, same order\n$/);
    const [sourceRoot, targetRoot] = rootsOf(ran.stdout);
    expect(targetRoot).toBe(sourceRoot);
    expect(kept(await readLog(pglite(target)))).toEqual(kept(sourceLog));

    // A checkpoint signed on the source holds for the copy: same events, same order, same root.
    const log = generateNoteKey('ecps.example/labor-relations', 'log');
    writeFileSync(join(dir, 'log.key'), log.signerKey);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ origin: 'ecps.example/labor-relations', log: log.verifierKey, quorum: 0 }));
    const checkpoint = join(dir, 'source.cp');
    expect((await runBin('--data-dir', source, 'checkpoint', 'sign', '--key', join(dir, 'log.key'), '--out', checkpoint)).code).toBe(0);
    const verified = await runBin('--data-dir', target, 'verify', '--checkpoint', checkpoint, '--keys', join(dir, 'keys.json'));
    expect(verified.stdout).toContain(`log consistent with the checkpoint: ${sourceLog.length} events`);
    expect(verified.code).toBe(0);
  }, 120_000);

  it('resumes an interrupted copy: a target holding a prefix gets the rest, and ends with the same log', async () => {
    const target = join(dir, 'resumed');
    const sourceLog = await readLog(pglite(source));
    await importInto(pglite(target), sourceLog.slice(0, 11));
    const ran = await runBin('copy', '--from', source, '--to', target, '--page-size', '5');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`copied ${sourceLog.length - 11} event(s)`);
    expect(ran.stdout).toContain('(11 already there, skipped)');
    expect(kept(await readLog(pglite(target)))).toEqual(kept(sourceLog));
    const again = await runBin('copy', '--from', source, '--to', target);
    expect(again.stdout).toMatch(/^copied 0 event\(s\)/);
  }, 120_000);

  it('refuses a target whose history differs, in one line naming the stream and version, exit 1, target unchanged', async () => {
    const target = join(dir, 'diverged');
    const [first] = await readLog(pglite(source));
    // The same event id, recorded with other metadata: a valid chain of its own, another history.
    const other = { ...first!, metadata: { ...first!.metadata, correlationId: 'another-history' } };
    await importInto(pglite(target), [{ ...other, hash: chainHash(other.prevHash, other) }]);
    const before = kept(await readLog(pglite(target)));
    const ran = await runBin('copy', '--from', source, '--to', target);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(new RegExp(`^laborcase: copy refused: the target's history diverges from the source's at event #1: the target has stream ${first!.streamId} version 0 .*\\n$`));
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(kept(await readLog(pglite(target)))).toEqual(before);
  }, 120_000);

  it('names a malformed option, or a source folder that does not exist, in one line (exit 2)', async () => {
    const ran = await runBin('copy', '--from', source, '--to', join(dir, 'never'), '--page-size', 'lots');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^laborcase: --page-size: .*\n$/);
    const missing = await runBin('copy', '--from', join(dir, 'no-such-folder'), '--to', join(dir, 'never'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^laborcase: --from: no PGlite folder at .*no-such-folder .*\n$/);
  }, 60_000);
});

describe('laborcase copy, PGlite to EventStoreDB (the in-repo protocol double on loopback)', () => {
  const double = new EventStoreDbDouble({ advertiseBatchAppend: true });
  let connectionString: string;
  beforeAll(async () => {
    connectionString = await double.start();
  });
  afterAll(() => double.stop());

  it('keeps every event id, recordedAt, version and hash in the source order, with equal roots', async () => {
    const ran = await runBin('copy', '--from', source, '--to', connectionString);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const [sourceRoot, targetRoot] = rootsOf(ran.stdout);
    expect(targetRoot).toBe(sourceRoot);
    const target = await readLog(async () => createEventStoreDbEventStore({ connectionString, registry }));
    expect(kept(target)).toEqual(kept(await readLog(pglite(source))));
  }, 120_000);
});

describeWithPostgres('laborcase copy, PGlite to PostgreSQL', (schemaFor) => {
  const postgres = (schema: string) => () => createPostgresEventStore({ registry, connectionString: PG_URL!, schema });

  it('keeps every event id, recordedAt and hash; an interrupted copy resumes to the same log', async () => {
    const sourceLog = await readLog(pglite(source));
    const whole = schemaFor('copy_whole');
    const ran = await runBin('copy', '--from', source, '--to', PG_URL!, '--to-schema', whole);
    expect(ran.code).toBe(0);
    const [sourceRoot, targetRoot] = rootsOf(ran.stdout);
    expect(targetRoot).toBe(sourceRoot);
    expect(kept(await readLog(postgres(whole)))).toEqual(kept(sourceLog));

    const resumed = schemaFor('copy_resumed');
    await importInto(postgres(resumed), sourceLog.slice(0, 7));
    const rerun = await runBin('copy', '--from', source, '--to', PG_URL!, '--to-schema', resumed, '--page-size', '4');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('(7 already there, skipped)');
    expect(kept(await readLog(postgres(resumed)))).toEqual(kept(sourceLog));
  }, 180_000);

  it('a copy killed mid-way (SIGKILL, no clean-up) resumes to the same log', async () => {
    const sourceLog = await readLog(pglite(source));
    const killed = schemaFor('copy_killed');
    const child = spawnBin('copy', '--from', source, '--to', PG_URL!, '--to-schema', killed, '--page-size', '1', '--progress', 'lines');
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await new Promise<void>((underWay) => child.stderr.on('data', (chunk: Buffer) => /^copy: \d+\/\d+ events/m.test(chunk.toString()) && underWay()));
    child.kill('SIGKILL');
    expect(await exited).toEqual([null, 'SIGKILL']);
    const held = (await readLog(postgres(killed))).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(sourceLog.length);
    const rerun = await runBin('copy', '--from', source, '--to', PG_URL!, '--to-schema', killed);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`(${held} already there, skipped)`);
    expect(kept(await readLog(postgres(killed)))).toEqual(kept(sourceLog));
  }, 180_000);
});
