/**
 * The four timed workloads, run the same way on any contender. Every figure is events per second; each run is
 * checked afterwards (the folded state counts the events), so a contender that skips work cannot score.
 */
import { performance } from 'node:perf_hooks';
import { median } from '../../measure.js';
import type { Contender } from './contender.js';
import { commandAt, historyEvents } from './grievance.js';
import type { PeerSizes } from './options.js';

export interface WorkloadFigures {
  /** (a) one command at a time: read + fold + decide + append one event with the expected version. */
  readonly commandSequential: number;
  /** (b) the same, `workers` commands in flight on distinct streams. */
  readonly commandConcurrent: number;
  /** (c) `batchSize`-event appends to new streams. */
  readonly batchAppend: number;
  /** (d) read and fold the `longStream`-event stream (median of the timed runs). */
  readonly rehydrate: number;
}

const WARMUP_STREAMS = 50;
const WARMUP_BATCHES = 2;
const SEED_CHUNK = 1000;

const perSecond = (events: number, ms: number): number => Math.round((events * 1000) / Math.max(ms, 1e-3));

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

const streamIds = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, n) => `${prefix}-${n}`);

/** Command k to every stream, then command k + 1: each stream is re-read between two of its commands. */
const drive = async (contender: Contender, streams: readonly string[], commands: number): Promise<void> => {
  for (let k = 0; k < commands; k++) for (const streamId of streams) await contender.handle(streamId, commandAt(streamId, k));
};

const expectEvents = async (contender: Contender, streamId: string, expected: number): Promise<void> => {
  const state = await contender.rehydrate(streamId);
  if (state.events !== expected) throw new Error(`${streamId} folded ${state.events} events, expected ${expected}`);
};

const commandPath = async (contender: Contender, sizes: PeerSizes, prefix: string, workers: number): Promise<number> => {
  const streams = streamIds(prefix, sizes.streams);
  const lanes = Array.from({ length: workers }, (_, w) => streams.filter((_, n) => n % workers === w));
  const ms = await timed(() => Promise.all(lanes.map((lane) => drive(contender, lane, sizes.eventsPerStream))));
  for (const streamId of [streams[0], streams[streams.length - 1]] as string[]) await expectEvents(contender, streamId, sizes.eventsPerStream);
  return perSecond(sizes.streams * sizes.eventsPerStream, ms);
};

const batchAppend = async (contender: Contender, sizes: PeerSizes, prefix: string): Promise<number> => {
  for (const streamId of streamIds(`${prefix}-warm`, WARMUP_BATCHES)) await contender.append(streamId, historyEvents(streamId, 0, sizes.batchSize), 0);
  const streams = streamIds(prefix, sizes.batches);
  const ms = await timed(async () => {
    for (const streamId of streams) await contender.append(streamId, historyEvents(streamId, 0, sizes.batchSize), 0);
  });
  await expectEvents(contender, streams[streams.length - 1] as string, sizes.batchSize);
  return perSecond(sizes.batches * sizes.batchSize, ms);
};

const rehydrate = async (contender: Contender, sizes: PeerSizes, streamId: string): Promise<number> => {
  for (let written = 0; written < sizes.longStream; written += SEED_CHUNK) {
    await contender.append(streamId, historyEvents(streamId, written, Math.min(SEED_CHUNK, sizes.longStream - written)), written);
  }
  await expectEvents(contender, streamId, sizes.longStream);
  const samples: number[] = [];
  for (let i = 0; i < sizes.rehydrations; i++) samples.push(await timed(() => expectEvents(contender, streamId, sizes.longStream)));
  return perSecond(sizes.longStream, median(samples));
};

/**
 * The sizes of the code warm-up a memory child runs on a throwaway store before the measured one (`child.ts`):
 * every workload at full width, so each library's code paths are compiled as they will be measured, but a short
 * long stream and few batches, so the warm-up adds little to the peak RSS.
 */
export const warmUpSizes = (sizes: PeerSizes): PeerSizes => ({
  ...sizes,
  batches: Math.min(sizes.batches, 20),
  longStream: Math.min(sizes.longStream, 2000),
  rehydrations: 1,
});

export const runWorkloads = async (contender: Contender, sizes: PeerSizes, run: string): Promise<WorkloadFigures> => {
  await drive(contender, streamIds(`grievance-${run}w`, Math.min(WARMUP_STREAMS, sizes.streams)), sizes.eventsPerStream);
  const commandSequential = await commandPath(contender, sizes, `grievance-${run}s`, 1);
  const commandConcurrent = await commandPath(contender, sizes, `grievance-${run}c`, sizes.workers);
  return {
    commandSequential,
    commandConcurrent,
    batchAppend: await batchAppend(contender, sizes, `grievance-${run}b`),
    rehydrate: await rehydrate(contender, sizes, `grievance-${run}l`),
  };
};
