/**
 * The event a projection sees: decoded, upcast, **with corrections applied**. The rules, in the order the log
 * is read:
 *
 * 1. An ordinary event of a handled type is handed to its handler as recorded (nothing can have corrected it
 *    yet: a correction always comes later in the log than what it corrects).
 * 2. An `EventCorrected` or `EventRetracted` in stream S re-projects S: the projection forgets S
 *    (`forgetStream`, or its `streamColumn` rows), then the effective events of S up to and including the
 *    correction — `effectiveEvents` from `@laborcase/core`, exactly what `loadStream` folds — are handed to
 *    the handlers in stream order. So a retracted event's rows disappear, a corrected event's rows are those
 *    of its replacement, and a retracted correction restores the original.
 * 3. The handler sees the original's id, position and metadata (`effectiveOn`, `recordedAt`) with the
 *    replacement's type and data, and `correctedBy` naming the corrections in force.
 * 4. Types without a handler and corrections that cannot be applied (reported by `effectiveEvents`) change nothing.
 *
 * This makes the read model a function of each stream's effective history, provided rows are projected per
 * stream (keyed by something of the stream, or aggregated at query time): a projection that mixes streams
 * into one row must give a `forgetStream` that can undo one stream's share.
 */
import {
  effectiveEvents,
  isCorrectionType,
  comparePositions,
  type CodecRegistry,
  type DecodedEvent,
  type DecodedRecord,
  type GlobalPosition,
  type Replacement,
  type StoredEvent,
} from '@laborcase/core';
import { handlerOf, type AnyHandler, type ProjectedEvent, type AnyProjection, type RowWriter } from './definition.js';
import { WRITTEN } from './store.js';
import type { Row, RowChanges } from './tables.js';

/** A stream's stored events up to and including `upTo` (the runner reads them from the event store). */
export type StreamHistory = (streamId: string, upTo: GlobalPosition) => Promise<readonly StoredEvent[]>;

/** A record that could not be projected: quarantined, or its handler threw. */
export class PoisonEvent extends Error {
  constructor(
    readonly record: StoredEvent,
    readonly reason: 'quarantined' | 'handler-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PoisonEvent';
  }
}

const upcastReplacement = (registry: CodecRegistry) => (replacement: Replacement): { type: string; data: unknown } | undefined => {
  const version = replacement.schemaVersion ?? registry.currentVersion(replacement.type);
  if (version === undefined) return undefined;
  const decoded = registry.decodeData(replacement.type, version, replacement.data);
  return decoded.ok ? { type: replacement.type, data: decoded.data } : undefined;
};

const toProjected = (record: StoredEvent, type: string, data: unknown, correctedBy: readonly string[]): ProjectedEvent => ({
  eventId: record.eventId,
  streamId: record.streamId,
  streamVersion: record.streamVersion,
  globalPosition: record.globalPosition,
  type,
  data,
  metadata: record.metadata,
  correctedBy,
});

export const handlerFailed = (projection: AnyProjection, type: string, record: StoredEvent, error: unknown): PoisonEvent =>
  new PoisonEvent(record, 'handler-failed', `${projection.name} v${projection.version}: handler ${type} threw: ${String(error)}`, { cause: error });

const ignore = (): void => undefined;

/**
 * The writer handlers are given: the transaction's, keeping every promise it returns for a write other than the
 * shared settled one (`WRITTEN`, a write accepted on the spot), so that what a handler did not await (a
 * synchronous handler awaits nothing) is awaited before the next event and fails that handler if it rejects.
 */
export class WatchedRows implements RowWriter {
  private unsettled: Promise<unknown>[] | undefined;

  constructor(private readonly rows: RowWriter) {}

  /** `rows` watched (itself when it is watched already). */
  static of(rows: RowWriter): WatchedRows {
    return rows instanceof WatchedRows ? rows : new WatchedRows(rows);
  }

  get(table: string, key: Row): Promise<Row | undefined> {
    return this.rows.get(table, key);
  }
  find(table: string, filter?: Row): Promise<Row[]> {
    return this.rows.find(table, filter);
  }
  upsert(table: string, row: Row): Promise<void> {
    return this.watch(this.rows.upsert(table, row));
  }
  update(table: string, key: Row, changes: RowChanges): Promise<void> {
    return this.watch(this.rows.update(table, key, changes));
  }
  delete(table: string, key: Row): Promise<void> {
    return this.watch(this.rows.delete(table, key));
  }
  deleteWhere(table: string, filter: Row): Promise<number> {
    return this.watch(this.rows.deleteWhere(table, filter));
  }

  /** The writes kept since the last call, as one promise; undefined when there were none (the usual case). */
  settle(): Promise<void> | undefined {
    const unsettled = this.unsettled;
    if (unsettled === undefined) return undefined;
    this.unsettled = undefined;
    return Promise.all(unsettled).then(ignore);
  }

  /** Forget the writes kept: their handler failed anyway (they are never counted against the next one). */
  discard(): void {
    this.unsettled = undefined;
  }

  private watch<T>(pending: Promise<T>): Promise<T> {
    if (pending !== WRITTEN) {
      // Handled here: a rejection nobody awaits yet must not count as unhandled before `settle` collects it.
      pending.catch(ignore);
      (this.unsettled ??= []).push(pending);
    }
    return pending;
  }
}

/**
 * Call `handler`: undefined when it returned no promise and left no write pending (then it has been applied: the
 * common case of a rebuild into memory runs without a microtask per event). Else a synchronous handler's pending
 * writes, or an async handler's own promise, unwrapped (no second promise per event): a caller awaits it with
 * `finishHandler`, or awaits it and then `rows.settle()`. Throws what the handler throws.
 */
const begin = (handler: AnyHandler, event: ProjectedEvent, rows: WatchedRows): Promise<void> | undefined => {
  let pending: Promise<void> | void;
  try {
    pending = handler(event, rows);
  } catch (error) {
    rows.discard();
    throw error;
  }
  return pending === undefined ? rows.settle() : pending;
};

/** `begin` on `event`'s handler (undefined when it has none); a synchronous throw is a `PoisonEvent` already. */
const startHandler = (projection: AnyProjection, event: ProjectedEvent, rows: WatchedRows, record: StoredEvent): Promise<void> | undefined => {
  const handler = handlerOf(projection, event.type);
  if (handler === undefined) return undefined;
  try {
    return begin(handler, event, rows);
  } catch (error) {
    throw handlerFailed(projection, event.type, record, error);
  }
};

/** Wait for a started handler, then for the writes it left pending. */
export const finishHandler = async (pending: Promise<void>, rows: WatchedRows): Promise<void> => {
  try {
    await pending;
  } catch (error) {
    rows.discard();
    throw error;
  }
  const writes = rows.settle();
  if (writes !== undefined) await writes;
};

/**
 * Run a handler on `event` through watched `rows`: undefined when it is done (it returned no promise and left no
 * write pending), else a promise of it and its writes. Throws, or rejects with, what the handler failed with.
 */
export const callHandler = (handler: AnyHandler, event: ProjectedEvent, rows: WatchedRows): Promise<void> | undefined => {
  const pending = begin(handler, event, rows);
  return pending === undefined ? undefined : finishHandler(pending, rows);
};

/** Hand `event` to its handler and wait for it and its writes; a failure is a `PoisonEvent`. */
const runHandler = async (projection: AnyProjection, event: ProjectedEvent, rows: WatchedRows, record: StoredEvent): Promise<void> => {
  const pending = startHandler(projection, event, rows, record);
  if (pending === undefined) return;
  try {
    await finishHandler(pending, rows);
  } catch (error) {
    throw handlerFailed(projection, event.type, record, error);
  }
};

/**
 * The effective events of one stream's records (decoded), optionally filtered, as `ProjectedEvent`s in stream
 * order. Quarantined records are left out (they were dead-lettered when the log reached them).
 */
export const effectiveProjected = (
  registry: CodecRegistry,
  records: readonly StoredEvent[],
  keep: (original: StoredEvent) => boolean = () => true,
): ProjectedEvent[] => {
  const decoded = records.map((record) => registry.decode(record)).filter((d): d is DecodedEvent => d.kind === 'event');
  const byId = new Map(decoded.map((d) => [d.record.eventId, d.record]));
  const { events } = effectiveEvents(
    decoded.map((d) => ({ eventId: d.record.eventId, type: d.type, data: d.data })),
    { upcastReplacement: upcastReplacement(registry) },
  );
  const out: ProjectedEvent[] = [];
  for (const event of events) {
    const original = byId.get(event.eventId);
    if (original === undefined || !keep(original)) continue;
    out.push(toProjected(original, event.type, event.data, event.correctedBy));
  }
  return out;
};

/** An event handed to its handler as recorded (not quarantined, not a correction re-projecting its stream). */
export const isOrdinary = (decoded: DecodedRecord): decoded is DecodedEvent => decoded.kind === 'event' && !isCorrectionType(decoded.type);

/**
 * Start applying one record, for a loop over the log that awaits only what needs it: undefined when it has been
 * applied already (an ordinary event whose handler returned no promise), else a promise. For an ordinary event
 * that is the handler's own (no second promise per event): the caller gives a rejection to `handlerFailed`; for
 * the rest it rejects with `PoisonEvent` (or a failed read of the stream's history). Throws `PoisonEvent`.
 */
export const startRecord = (projection: AnyProjection, registry: CodecRegistry, decoded: DecodedRecord, rows: WatchedRows, history: StreamHistory): Promise<void> | undefined =>
  isOrdinary(decoded) ? startHandler(projection, toProjected(decoded.record, decoded.type, decoded.data, []), rows, decoded.record) : reproject(projection, registry, decoded, rows, history);

/** Apply one record of the global log to the read model, by the rules above. Throws `PoisonEvent`. */
export const applyRecord = async (
  projection: AnyProjection,
  registry: CodecRegistry,
  decoded: DecodedRecord,
  rows: RowWriter,
  history: StreamHistory,
): Promise<void> => {
  const watched = WatchedRows.of(rows);
  const pending = startRecord(projection, registry, decoded, watched, history);
  if (pending === undefined) return;
  if (!isOrdinary(decoded)) return pending;
  try {
    await finishHandler(pending, watched);
  } catch (error) {
    throw handlerFailed(projection, decoded.type, decoded.record, error);
  }
};

/** The rare records: a quarantined one (poison if the projection reads its type), or a correction re-projecting its stream. */
const reproject = async (projection: AnyProjection, registry: CodecRegistry, decoded: DecodedRecord, rows: WatchedRows, history: StreamHistory): Promise<void> => {
  const record = decoded.record;
  if (decoded.kind === 'quarantined') {
    // Only what the projection would read is poison: an unreadable event of a type it ignores is not its business.
    if (!projection.eventTypes.includes(record.type) && !isCorrectionType(record.type)) return;
    throw new PoisonEvent(record, 'quarantined', `${record.type} v${record.schemaVersion} cannot be read (${decoded.reason}): ${decoded.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  if (isCorrectionType(decoded.type)) {
    const stream = (await history(record.streamId, record.globalPosition)).filter((e) => comparePositions(e.globalPosition, record.globalPosition) <= 0);
    try {
      await finishHandler(projection.forget(record.streamId, rows), rows);
    } catch (error) {
      throw new PoisonEvent(record, 'handler-failed', `${projection.name} v${projection.version}: forgetStream threw: ${String(error)}`, { cause: error });
    }
    for (const event of effectiveProjected(registry, stream)) await runHandler(projection, event, rows, record);
  }
};

/** Event types the runner must read for a projection: its handled types plus corrections and retractions. */
export const typesToRead = (projection: AnyProjection): string[] => [...projection.eventTypes, 'EventCorrected', 'EventRetracted'];
