/**
 * A generated district history (bench/generator), generated once per (seed, school years, scale) and cached as
 * JSON lines under a folder (default `/tmp/laborcase-bench/`), then reloaded for every measurement: generating
 * 1M events costs minutes of CPU, reading them back seconds.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { positionFromSegments, type StoredEvent } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { EVENTS_PER_YEAR_AT_SCALE_1, createSimulatedClock, generateDistrictHistory } from './generator/index.js';

export interface GeneratedLogKey {
  readonly seed: number;
  readonly schoolYears: number;
  /** An event target: the scale is derived from the measured events per school year. */
  readonly events: number;
}

export interface GeneratedLog {
  readonly events: readonly StoredEvent[];
  readonly file: string;
  /** True when the log came from the cache file; false when it was generated in this run. */
  readonly cached: boolean;
  readonly loadSeconds: number;
}

export const DEFAULT_CACHE_DIR = '/tmp/laborcase-bench';

const scaleFor = (key: GeneratedLogKey): number => key.events / (EVENTS_PER_YEAR_AT_SCALE_1 * key.schoolYears);

export const cacheFile = (key: GeneratedLogKey, dir: string = DEFAULT_CACHE_DIR): string =>
  join(dir, `district-seed${key.seed}-years${key.schoolYears}-scale${scaleFor(key).toFixed(4)}.jsonl`);

const validateKey = (key: GeneratedLogKey): void => {
  for (const field of ['seed', 'schoolYears', 'events'] as const) {
    const value = key[field];
    if (!Number.isSafeInteger(value) || value < (field === 'seed' ? 0 : 1)) throw new RangeError(`${field} must be a ${field === 'seed' ? 'non-negative' : 'positive'} integer, got ${String(value)}`);
  }
};

const readLog = async (file: string): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const event = JSON.parse(line) as StoredEvent;
    // ArrayEventStore serves position n + 1 from index n: a cache file that breaks that is not ours.
    if (event.globalPosition !== positionFromSegments(BigInt(events.length + 1))) throw new Error(`${file}: line ${events.length + 1} holds position ${event.globalPosition}`);
    events.push(event);
  }
  return events;
};

const generateInto = async (key: GeneratedLogKey, file: string, progress: (line: string) => void): Promise<void> => {
  const registry = createDomainRegistry();
  const clock = createSimulatedClock();
  const store = createInMemoryEventStore({ registry, clock: clock.now });
  const report = await generateDistrictHistory({ store, seed: key.seed, schoolYears: key.schoolYears, scale: scaleFor(key), clock, registry, progress });
  progress(`generated ${report.events} events in ${report.seconds} s; writing ${file}`);
  // Write beside the target and rename, so an interrupted run never leaves a truncated cache behind.
  const partial = `${file}.partial-${process.pid}`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  for await (const event of store.readAll()) {
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file);
  await store.close();
};

/** The log for `key`: from the cache file if there is one, else generated now and cached. */
export const loadGeneratedLog = async (key: GeneratedLogKey, options: { dir?: string; progress?: (line: string) => void } = {}): Promise<GeneratedLog> => {
  validateKey(key);
  const dir = options.dir ?? DEFAULT_CACHE_DIR;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const file = cacheFile(key, dir);
  const started = performance.now();
  const cached = existsSync(file);
  if (!cached) {
    mkdirSync(dir, { recursive: true });
    await generateInto(key, file, progress);
  }
  const events = await readLog(file);
  return { events, file, cached, loadSeconds: Math.round((performance.now() - started) / 10) / 100 };
};
