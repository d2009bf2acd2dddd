/**
 * The stamp every labor report carries, its check, and the one place it is computed from the log
 * (`stampFromLog`, which `reportRows` calls for every report, live or as of either axis).
 */
import { START, comparePositions, isGlobalPosition, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { InvalidProjection } from '../errors.js';
import { valueProblem } from '../tables.js';

/** What a report was built from, so anyone can rebuild the same figures later. */
export interface ReportStamp {
  /** Global position of the last event included (START when the log was empty). */
  readonly position: GlobalPosition;
  /** Hash of that event (the chain hash of the last event included), or null for an empty log. */
  readonly headHash: string | null;
  /** Business-date axis: events effective on or before this date (YYYY-MM-DD), or null for "all". */
  readonly asEffectiveOn: string | null;
  /** Recording axis: events and corrections recorded at or before this instant (ISO), or null for "all". */
  readonly asKnownAt: string | null;
  /** When the report was produced (ISO instant, from the caller's clock). */
  readonly generatedAt: string;
}

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
