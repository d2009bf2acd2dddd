/**
 * Where a report reads its rows from, and the stamp saying what they were built from:
 *
 * - **live**: the projection's tables in a read-model store kept up by a runner or a rebuild; the stamp is the
 *   projection's checkpoint (the last event it has seen) and that event's chain hash;
 * - **as of** one or both axes (`effectiveOn`, `knownAt`): the projection built on demand with `buildAsOf`;
 *   the stamp is the last event of the log inside both axes.
 *
 * With neither a store nor an axis, the projection is built from the whole log in memory.
 */
import { START, comparePositions, type CodecRegistry, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { buildAsOf } from '../asOf.js';
import type { AnyProjection, EventShape, Projection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { targetOf } from '../runner.js';
import type { ReadModelStore } from '../store.js';
import type { Row } from '../tables.js';
import type { ReportStamp } from './stamp.js';

export interface ReportAxes {
  /** Business date `YYYY-MM-DD`: only events effective on or before it. */
  readonly effectiveOn?: string;
  /** ISO-8601 instant: only events and corrections recorded at or before it. */
  readonly knownAt?: string;
}

export interface ReportOptions {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  /** The live read models (a runner's or a rebuild's store). Ignored when an as-of axis is given. */
  readonly store?: ReadModelStore;
  readonly asOf?: ReportAxes;
  /** The caller's clock: the stamp's `generatedAt` (reports never read the wall clock themselves). */
  readonly clock: () => Date;
}

/** A projection's rows, read once per report, and the stamp of what they hold. */
export interface ReportRows<TableName extends string> {
  rows(table: TableName): Promise<readonly Row[]>;
  readonly stamp: ReportStamp;
}

const isRecordedBy = (record: StoredEvent, knownAt: number | undefined): boolean => knownAt === undefined || Date.parse(record.metadata.recordedAt) <= knownAt;

/** The last event of the log at or before `upTo` (any position when omitted) inside both axes. */
const lastEventWithin = async (eventStore: EventStore, axes: ReportAxes, upTo?: GlobalPosition): Promise<StoredEvent | undefined> => {
  const knownAt = axes.knownAt === undefined ? undefined : Date.parse(axes.knownAt);
  let last: StoredEvent | undefined;
  for await (const record of eventStore.readAll()) {
    if (upTo !== undefined && comparePositions(record.globalPosition, upTo) > 0) break;
    if (!isRecordedBy(record, knownAt)) continue;
    if (axes.effectiveOn !== undefined && record.metadata.effectiveOn > axes.effectiveOn) continue;
    last = record;
  }
  return last;
};

const checkOptions = (options: ReportOptions): void => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  for (const field of ['eventStore', 'registry'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new InvalidProjection(field, 'is required');
  }
  if (options.store !== undefined && (typeof options.store !== 'object' || options.store === null)) throw new InvalidProjection('store', 'must be a read-model store');
  if (options.asOf !== undefined && (typeof options.asOf !== 'object' || options.asOf === null)) throw new InvalidProjection('asOf', 'must be an object with effectiveOn and/or knownAt');
  if (typeof options.clock !== 'function') throw new InvalidProjection('clock', 'is required: a function returning the current Date');
};

const generatedAt = (clock: () => Date): string => {
  const now = clock();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new InvalidProjection('clock', 'must return a valid Date');
  return now.toISOString();
};

/** The rows of `projection` for a report, live or as of the axes, and their stamp. */
export const reportRows = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  options: ReportOptions,
): Promise<ReportRows<TableName>> => {
  checkOptions(options);
  const axes: ReportAxes = options.asOf ?? {};
  const when = generatedAt(options.clock);
  const asOfAxis = axes.effectiveOn !== undefined || axes.knownAt !== undefined;
  if (!asOfAxis && options.store !== undefined) {
    const store = options.store;
    const target = targetOf(projection as unknown as AnyProjection);
    const checkpoint = await store.checkpoint(target);
    const last = checkpoint === undefined ? undefined : await lastEventWithin(options.eventStore, {}, checkpoint);
    return {
      rows: (table) => store.rows(target, table),
      stamp: { position: last?.globalPosition ?? START, headHash: last?.hash ?? null, asEffectiveOn: null, asKnownAt: null, generatedAt: when },
    };
  }
  // buildAsOf validates the axes (and names the offending field) before anything is read.
  const model = await buildAsOf({
    eventStore: options.eventStore,
    registry: options.registry,
    projection,
    ...(axes.effectiveOn === undefined ? {} : { effectiveOn: axes.effectiveOn }),
    ...(axes.knownAt === undefined ? {} : { knownAt: axes.knownAt }),
  });
  const last = await lastEventWithin(options.eventStore, axes);
  return {
    rows: (table) => model.rows(table),
    stamp: {
      position: last?.globalPosition ?? START,
      headHash: last?.hash ?? null,
      asEffectiveOn: axes.effectiveOn ?? null,
      asKnownAt: axes.knownAt ?? null,
      generatedAt: when,
    },
  };
};
