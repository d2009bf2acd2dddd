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
import { START, type CodecRegistry, type EventStore } from '@laborcase/core';
import { buildAsOf } from '../asOf.js';
import type { AnyProjection, EventShape, Projection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { targetOf } from '../runner.js';
import type { ReadModelStore } from '../store.js';
import type { Row } from '../tables.js';
import { stampFromLog, type ReportStamp } from './stamp.js';

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
  /** The table's rows, or those matching every column of `filter`. */
  rows(table: TableName, filter?: Row): Promise<Row[]>;
  readonly stamp: ReportStamp;
}

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

/** The rows of `projection` for a report, live or as of the axes, and their stamp (see the module comment). */
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
    const stamp =
      checkpoint === undefined
        ? { position: START, headHash: null, asEffectiveOn: null, asKnownAt: null, generatedAt: when }
        : await stampFromLog(options.eventStore, { upTo: checkpoint, generatedAt: when });
    return { rows: (table, filter) => store.rows(target, table, filter), stamp };
  }
  // buildAsOf validates the axes (and names the offending field) before anything is read.
  const model = await buildAsOf({
    eventStore: options.eventStore,
    registry: options.registry,
    projection,
    ...(axes.effectiveOn === undefined ? {} : { effectiveOn: axes.effectiveOn }),
    ...(axes.knownAt === undefined ? {} : { knownAt: axes.knownAt }),
  });
  const stamp = await stampFromLog(options.eventStore, {
    ...(axes.effectiveOn === undefined ? {} : { asEffectiveOn: axes.effectiveOn }),
    ...(axes.knownAt === undefined ? {} : { asKnownAt: axes.knownAt }),
    generatedAt: when,
  });
  return { rows: (table, filter) => model.rows(table, filter), stamp };
};

/** Every table of `projection` from `source`, read once each: for reports that join a projection's tables. */
export const allTables = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  source: ReportRows<TableName>,
): Promise<{ readonly [Table in TableName]: readonly Row[] }> => {
  const tables = {} as Record<TableName, readonly Row[]>;
  for (const table of projection.tables) tables[table.name] = await source.rows(table.name);
  return tables;
};
