/**
 * Smoke test of `pnpm bench:peer` at tiny sizes, memory only: the command runs both libraries and prints a report
 * with every field. Plus what keeps the comparison fair: both contenders append with the expected version.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { openEmmett } from '../../bench/peer/src/emmett.js';
import { laborcaseOver, openLaborcase, openLaborcaseCached, registry } from '../../bench/peer/src/laborcase.js';
import { commandAt } from '../../bench/peer/src/grievance.js';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import { historyEvents } from '../../bench/peer/src/grievance.js';
import { FULL_SIZES, InvalidSetting, parseOptions } from '../../bench/peer/src/options.js';
import { reportProblems, type PeerReport } from '../../bench/peer/src/report.js';
import { reportTable } from '../../bench/peer/src/table.js';
import { packageOf, summarizeProfile } from '../../bench/peer/src/profileSummary.js';
import { workspacePackages } from '../architecture/sources.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../bench/peer/src/main.ts', import.meta.url));

const runMain = (args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@laborcase/source', main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** A whole report at one round, for the shape check and the table. */
const workload = {
  unit: 'events/s',
  better: 'higher',
  laborcase: { median: 10, samples: [10] },
  laborcaseCached: { median: 30, samples: [30] },
  emmett: { median: 20, samples: [20] },
  ratio: 0.5,
  ratioCached: 1.5,
};
const whole = {
  benchmark: 'laborcase-vs-emmett',
  rounds: 1,
  eventDataBytes: 245,
  machine: {},
  versions: {},
  sizes: {},
  stores: { memory: { store: 'm', workloads: { commandSequential: workload, commandConcurrent: workload, batchAppend: workload, rehydrate: workload, peakRss: { ...workload, unit: 'MB' } } } },
  pgbench: { skipped: 'no' },
};

const TINY = ['--stores', 'memory', '--rounds', '1', '--streams', '16', '--workers', '4', '--batches', '2', '--batch-size', '20', '--long-stream', '300', '--rehydrations', '1'];

describe('bench:peer', () => {
  it('given tiny sizes on memory, when it runs, then it prints a report with both libraries (ours with and without its state cache), medians and ratios for every workload', async () => {
    const { code, stdout, stderr } = await runMain(TINY);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as PeerReport;
    expect(reportProblems(report, ['memory'])).toEqual([]);
    expect(report.sizes.streams).toBe(16);
    expect(report.eventDataBytes).toBeGreaterThan(200);
    expect(report.eventDataBytes).toBeLessThan(300);
    expect(report.pgbench).toEqual({ skipped: 'postgres is not among --stores' });
  }, 120_000);

  it('given a report missing a figure, then the shape check names it', () => {
    expect(reportProblems(whole, ['memory'])).toEqual([]);
    const withoutEmmett = { ...whole, stores: { memory: { store: 'm', workloads: { ...whole.stores.memory.workloads, rehydrate: { ...workload, emmett: null, ratio: null } } } } };
    expect(reportProblems(withoutEmmett, ['memory'])).toEqual([
      'stores.memory.workloads.rehydrate.emmett is missing',
      'stores.memory.workloads.rehydrate.ratio is not a positive number',
    ]);
    const withoutCache = { ...whole, stores: { memory: { store: 'm', workloads: { ...whole.stores.memory.workloads, batchAppend: { ...workload, laborcaseCached: undefined, ratioCached: 0 } } } } };
    expect(reportProblems(withoutCache, ['memory'])).toEqual([
      'stores.memory.workloads.batchAppend.laborcaseCached is missing',
      'stores.memory.workloads.batchAppend.ratioCached is not a positive number',
    ]);
    expect(reportProblems({ ...whole, rounds: 2 }, ['memory'])).toContain('stores.memory.workloads.batchAppend.laborcase.samples is not 2 positive numbers');
    expect(reportProblems(whole, ['memory', 'pglite'])).toEqual(['stores.pglite is missing']);
  });

  it('renders a report as one table row per store and workload, Emmett blank where it has no store', () => {
    const ours = { ...workload, emmett: null, ratio: null, ratioCached: null };
    const pglite = { store: 'p', workloads: { commandSequential: ours, commandConcurrent: ours, batchAppend: ours, rehydrate: ours, peakRss: ours } };
    const table = reportTable([{ ...whole, sizes: FULL_SIZES, stores: { ...whole.stores, pglite } } as unknown as PeerReport]).split('\n');
    expect(table).toHaveLength(2 + 5 + 5);
    expect(table).toContain('| pglite | rehydrate 20,000 events | 10 ev/s | 30 ev/s | — | — | — |');
    expect(table).toContain('| memory | 100-event batch append | 10 ev/s | 30 ev/s | 20 ev/s | 0.5 | 1.5 |');
    expect(table).toContain('| memory | peak RSS | 10 MB | 30 MB | 20 MB | 0.5 | 1.5 |');
  });

  it('given a CPU profile, then the summary ranks self time by function and by package', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9, columnNumber: 4 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(garbage collector)', '') },
        { id: 2, callFrame: frame('append', 'file:///w/packages/adapters/src/memory/inMemoryEventStore.ts') },
        { id: 3, callFrame: frame('validate', 'file:///w/node_modules/.pnpm/io-ts@2.2.22/node_modules/io-ts/lib/index.js') },
      ],
      samples: [2, 2, 3, 1, 2],
      timeDeltas: [1000, 1000, 1000, 1000, 6000],
    };
    expect(summarizeProfile(profile, 2)).toEqual({
      totalMs: 10,
      functions: [
        { name: 'append packages/adapters/src/memory/inMemoryEventStore.ts:10:5', selfMs: 8, percent: 80 },
        { name: 'validate node_modules/io-ts/lib/index.js:10:5', selfMs: 1, percent: 10 },
      ],
      packages: [
        { name: '@laborcase/adapters', selfMs: 8, percent: 80 },
        { name: 'io-ts', selfMs: 1, percent: 10 },
      ],
    });
    expect(packageOf('file:///w/bench/peer/node_modules/@event-driven-io/emmett/dist/index.js')).toBe('@event-driven-io/emmett');
    expect(packageOf('node:internal/streams')).toBe('node');
  });

  it('given a bad flag, then the error names it and nothing runs', async () => {
    expect(() => parseOptions(['--streams', '0'], {})).toThrow(new InvalidSetting('--streams', 'must be an integer from 1 to 9007199254740991, got "0"'));
    expect(() => parseOptions(['--stores', 'memory,oracle'], {})).toThrow(InvalidSetting);
    expect(() => parseOptions(['--colour', 'red'], {})).toThrow(/--colour: unknown flag/);
    expect(() => parseOptions([], { PEER_EVENTS_PER_STREAM: '11' })).toThrow(/--events-per-stream/);
    expect(parseOptions(['--pg-url=postgres://u@h/db?options=-c%20a=b', '--streams=7'], { PEER_STREAMS: '9' })).toMatchObject({
      pgUrl: 'postgres://u@h/db?options=-c%20a=b',
      sizes: { streams: 7 },
    });
    const { code, stdout, stderr } = await runMain(['--rounds', 'three']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain('--rounds: must be an integer');
  }, 60_000);

  it('keeps Emmett out of every library package: only the private bench package depends on it', () => {
    for (const { manifest } of workspacePackages()) {
      const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies });
      expect({ name: manifest.name, peer: dependencies.filter((name) => name.startsWith('@event-driven-io/') || name === '@laborcase/bench-peer') }).toEqual({ name: manifest.name, peer: [] });
    }
  });

  it.each([
    ['laborcase', openLaborcase],
    ['laborcase with its state cache', openLaborcaseCached],
    ['emmett', openEmmett],
  ])('given %s on memory, when an append names the wrong expected version, then it is refused', async (_name, open) => {
    const contender = await open('memory', {});
    try {
      await contender.append('grievance-v-1', historyEvents('grievance-v-1', 0, 3), 0);
      await expect(contender.append('grievance-v-1', historyEvents('grievance-v-1', 3, 1), 2)).rejects.toThrow();
      await contender.append('grievance-v-1', historyEvents('grievance-v-1', 3, 1), 3);
      expect((await contender.rehydrate('grievance-v-1')).events).toBe(4);
    } finally {
      await contender.close();
    }
  });

  it.each([
    ['off', 10, false],
    ['on', 1, true],
  ])('given laborcase with the state cache %s, when 10 commands go to one stream, then the stream is read %i times', async (_label, reads, cached) => {
    const store = createInMemoryEventStore({ registry });
    let streamReads = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (...args: Parameters<EventStore['readStream']>) => {
        streamReads += 1;
        return store.readStream(...args);
      },
    });
    const contender = laborcaseOver(counting, cached);
    for (let k = 0; k < 10; k++) await contender.handle('grievance-c-1', commandAt('grievance-c-1', k));
    // Only the first command reads (the empty stream, a cache miss); the others decide on the cached state and append with its version.
    expect(streamReads).toBe(reads);
    expect((await contender.rehydrate('grievance-c-1')).events).toBe(10);
    await contender.close();
  });
});
