/**
 * What every labor report function shares: where it reads rows from, how its stamp is made and checked, and
 * the median its time figures use.
 */
import { START, comparePositions, isGlobalPosition, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import type { AnyProjection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { targetOf } from '../runner.js';
import type { ModelTarget, ReadModelStore } from '../store.js';
import { valueProblem, type Row } from '../tables.js';
import type { ReportStamp } from './stamp.js';

/**
 * Where a report reads its rows: a read-model store and the projection version in it (default: the projection's
 * own version). An `AsOfModel` from `buildAsOf` fits as it is.
 */
export interface ReportSource {
  readonly store: ReadModelStore;
  readonly target?: ModelTarget;
}

export type RowReader = (table: string, filter?: Row) => Promise<Row[]>;

/** Validate the source and stamp a report function was given; returns a reader of the projection's tables. */
export const openReport = (source: ReportSource, stamp: ReportStamp, projection: AnyProjection): RowReader => {
  if (typeof source !== 'object' || source === null) throw new InvalidProjection('source', 'must be { store, target? }');
  if (typeof source.store !== 'object' || source.store === null || typeof source.store.rows !== 'function') {
    throw new InvalidProjection('source.store', 'must be a read-model store');
  }
  if (source.target !== undefined && (typeof source.target !== 'object' || source.target === null)) throw new InvalidProjection('source.target', 'must be a model target, or left out');
  const target = source.target ?? targetOf(projection);
  if (target.name !== projection.name) throw new InvalidProjection('source.target', `is ${target.name}, this report reads ${projection.name}`);
  checkStamp(stamp);
  return (table, filter) => source.store.rows(target, table, filter);
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isInstant = (value: unknown): boolean => typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));

/** Throws `InvalidProjection` naming the first malformed field of `stamp`. */
export const checkStamp = (stamp: ReportStamp): ReportStamp => {
  if (typeof stamp !== 'object' || stamp === null) throw new InvalidProjection('stamp', 'must be a ReportStamp');
  if (!isGlobalPosition(stamp.position)) throw new InvalidProjection('stamp.position', `must be a global position, got ${JSON.stringify(stamp.position)}`);
  if (stamp.headHash !== null && (typeof stamp.headHash !== 'string' || stamp.headHash.length === 0)) {
    throw new InvalidProjection('stamp.headHash', 'must be the hash of the last event included, or null');
  }
  if (stamp.asEffectiveOn !== null && valueProblem('date', stamp.asEffectiveOn) !== undefined) {
    throw new InvalidProjection('stamp.asEffectiveOn', `must be a date YYYY-MM-DD or null, got ${JSON.stringify(stamp.asEffectiveOn)}`);
  }
  if (stamp.asKnownAt !== null && !isInstant(stamp.asKnownAt)) throw new InvalidProjection('stamp.asKnownAt', `must be an ISO-8601 instant or null, got ${JSON.stringify(stamp.asKnownAt)}`);
  if (!isInstant(stamp.generatedAt)) throw new InvalidProjection('stamp.generatedAt', `must be an ISO-8601 instant, got ${JSON.stringify(stamp.generatedAt)}`);
  return stamp;
};

export interface StampOptions {
  /** Business-date axis the report was built on (omit for "all"). */
  readonly asEffectiveOn?: string;
  /** Recording axis the report was built on (omit for "all"). */
  readonly asKnownAt?: string;
  /** Read no further than this position (e.g. a runner's checkpoint); default: the head of the log. */
  readonly upTo?: GlobalPosition;
  /** When the report is produced (the caller's clock). */
  readonly generatedAt: string;
}

/**
 * The stamp of a report built from `eventStore` on the given axes: the last event (up to `upTo`) that the axes
 * include, and its chain hash. Reads the log once from the start, which works on every adapter (the port has
 * no backwards read of the global log); a monthly report can afford it.
 */
export const stampFromLog = async (eventStore: EventStore, options: StampOptions): Promise<ReportStamp> => {
  if (typeof eventStore !== 'object' || eventStore === null || typeof eventStore.readAll !== 'function') throw new InvalidProjection('eventStore', 'must be an event store');
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  if (options.upTo !== undefined && !isGlobalPosition(options.upTo)) throw new InvalidProjection('options.upTo', `must be a global position, got ${JSON.stringify(options.upTo)}`);
  const axes = { asEffectiveOn: options.asEffectiveOn ?? null, asKnownAt: options.asKnownAt ?? null, generatedAt: options.generatedAt };
  checkStamp({ position: START, headHash: null, ...axes });
  const knownBy = axes.asKnownAt === null ? undefined : Date.parse(axes.asKnownAt);
  let last: StoredEvent | undefined;
  for await (const event of eventStore.readAll()) {
    if (options.upTo !== undefined && comparePositions(event.globalPosition, options.upTo) > 0) break;
    if (knownBy !== undefined && Date.parse(event.metadata.recordedAt) > knownBy) continue;
    if (axes.asEffectiveOn !== null && event.metadata.effectiveOn > axes.asEffectiveOn) continue;
    last = event;
  }
  return { position: last?.globalPosition ?? START, headHash: last?.hash ?? null, ...axes };
};

/** The median of `values` (the mean of the middle two for an even count), or null when there are none. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** `part / whole`, or null when the whole is zero (a rate of nothing is not 0 %). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
