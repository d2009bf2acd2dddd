/**
 * Two-axis as-of builds: a projection built on demand into a throwaway store,
 *
 * - **as known at** R (an instant): only what had been recorded by R — events and corrections whose
 *   `recordedAt` ≤ R. A correction recorded after R is not applied; the original stands.
 * - **as effective on** D (a business date): of the events in force (with every correction known, whatever
 *   the correction's own date), only those whose `effectiveOn` ≤ D. A corrected event keeps its original's
 *   business date; a retracted one is gone, however early it was effective.
 *
 * Either axis may be omitted. The events are applied in log order, as a rebuild would, to a fresh in-memory
 * store by default. Unreadable events and failing handlers are skipped and reported, never thrown.
 */
import {
  comparePositions,
  isCorrectionType,
  readToArray,
  type CodecRegistry,
  type EventStore,
  type StoredEvent,
} from '@laborcase/core';
import type { AnyProjection, EventShape, ProjectedEvent, Projection } from './definition.js';
import { handlerOf } from './definition.js';
import { InvalidProjection } from './errors.js';
import { createInMemoryReadModelStore } from './memoryStore.js';
import { targetOf } from './runner.js';
import type { ModelTarget, ReadModelStore } from './store.js';
import { valueProblem, type Row } from './tables.js';
import { callHandler, effectiveProjected, typesToRead, WatchedRows } from './view.js';

export interface AsOfOptions<Events extends EventShape, TableName extends string> {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly projection: Projection<Events, TableName>;
  /** Business date `YYYY-MM-DD`: only events effective on or before it. */
  readonly effectiveOn?: string;
  /** ISO-8601 instant: only events and corrections recorded at or before it. */
  readonly knownAt?: string;
  /** Where to build (default: a fresh in-memory store). */
  readonly store?: ReadModelStore;
}

export interface AsOfProblem {
  readonly eventId: string;
  readonly streamId: string;
  readonly reason: 'quarantined' | 'handler-failed';
  readonly message: string;
}

export interface AsOfModel<TableName extends string> {
  readonly store: ReadModelStore;
  readonly target: ModelTarget;
  /** Rows of a table, filtered by equality, in key order. */
  rows(table: TableName, filter?: Row): Promise<Row[]>;
  /** Events handed to handlers. */
  readonly applied: number;
  readonly problems: readonly AsOfProblem[];
}

/** The events in force on the two axes, as handlers would see them, in log order. */
export const eventsAsOf = async (
  eventStore: EventStore,
  registry: CodecRegistry,
  projection: AnyProjection,
  axes: { readonly effectiveOn?: string; readonly knownAt?: string },
): Promise<{ readonly events: ProjectedEvent[]; readonly problems: AsOfProblem[] }> => {
  const knownAt = axes.knownAt === undefined ? undefined : Date.parse(axes.knownAt);
  const known = (record: StoredEvent): boolean => knownAt === undefined || Date.parse(record.metadata.recordedAt) <= knownAt;
  const effective = (record: StoredEvent): boolean => axes.effectiveOn === undefined || record.metadata.effectiveOn <= axes.effectiveOn;

  const plain: StoredEvent[] = [];
  const corrected = new Set<string>();
  for (const record of await readToArray(eventStore.readAll({ eventTypes: typesToRead(projection) }))) {
    if (!known(record)) continue;
    if (isCorrectionType(record.type)) corrected.add(record.streamId);
    else plain.push(record);
  }
  const events: ProjectedEvent[] = [];
  const problems: AsOfProblem[] = [];
  for (const record of plain) {
    if (corrected.has(record.streamId) || !effective(record)) continue;
    const decoded = registry.decode(record);
    if (decoded.kind === 'quarantined') {
      problems.push({ eventId: record.eventId, streamId: record.streamId, reason: 'quarantined', message: `${record.type} v${record.schemaVersion}: ${decoded.reason}` });
      continue;
    }
    events.push({ eventId: record.eventId, streamId: record.streamId, streamVersion: record.streamVersion, globalPosition: record.globalPosition, type: decoded.type, data: decoded.data, metadata: record.metadata, correctedBy: [] });
  }
  // Streams with corrections: their effective events, from every record known by R (any type: a correction may change one).
  for (const streamId of corrected) {
    const stream: StoredEvent[] = [];
    for await (const record of eventStore.readStream(streamId)) if (known(record)) stream.push(record);
    events.push(...effectiveProjected(registry, stream, effective).filter((e) => projection.eventTypes.includes(e.type)));
  }
  // The plain events are in log order already; only a corrected stream's events need merging in.
  if (corrected.size > 0) events.sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
  return { events, problems };
};

export const buildAsOf = async <Events extends EventShape, TableName extends string>(options: AsOfOptions<Events, TableName>): Promise<AsOfModel<TableName>> => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  for (const field of ['eventStore', 'registry', 'projection'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new InvalidProjection(field, 'is required');
  }
  if (options.effectiveOn !== undefined && valueProblem('date', options.effectiveOn) !== undefined) {
    throw new InvalidProjection('effectiveOn', `must be a date YYYY-MM-DD, got ${JSON.stringify(options.effectiveOn)}`);
  }
  if (options.knownAt !== undefined && (typeof options.knownAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(options.knownAt) || Number.isNaN(Date.parse(options.knownAt)))) {
    throw new InvalidProjection('knownAt', `must be an ISO-8601 instant, got ${JSON.stringify(options.knownAt)}`);
  }
  const projection = options.projection as unknown as AnyProjection;
  const store = options.store ?? createInMemoryReadModelStore();
  const target = targetOf(projection);
  await store.prepare(target);
  const axes = { ...(options.effectiveOn === undefined ? {} : { effectiveOn: options.effectiveOn }), ...(options.knownAt === undefined ? {} : { knownAt: options.knownAt }) };
  const { events, problems } = await eventsAsOf(options.eventStore, options.registry, projection, axes);
  let applied = 0;
  await store.transaction(target, async (tx) => {
    const rows = WatchedRows.of(tx);
    for (const event of events) {
      const handler = handlerOf(projection, event.type);
      if (handler === undefined) continue;
      try {
        // A handler that returns no promise and leaves no write pending has done its work: no microtask per event.
        const pending = callHandler(handler, event, rows);
        if (pending !== undefined) await pending;
        applied++;
      } catch (error) {
        problems.push({ eventId: event.eventId, streamId: event.streamId, reason: 'handler-failed', message: String(error) });
      }
    }
  });
  return { store, target, rows: (table, filter) => store.rows(target, table, filter), applied, problems };
};
