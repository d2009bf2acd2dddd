/**
 * Applying a batch of the global log to one projection version: rows and checkpoint in one read-model
 * transaction, with the poison-event policy. Shared by the runner, rebuilds and the test kit.
 */
import { comparePositions, isCorrectionType, type CodecRegistry, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import type { AnyProjection } from './definition.js';
import type { LeaseHold, ModelTarget, ReadModelStore, ReadModelTransaction, TransactionOptions } from './store.js';
import { handlerFailed, isOrdinary, PoisonEvent, startRecord, WatchedRows, type StreamHistory } from './view.js';

/** What to do with an event that cannot be projected: dead-letter it and go on, or dead-letter it and stop before it. */
export type PoisonPolicy = 'skip' | 'stop';

export interface BatchContext {
  readonly projection: AnyProjection;
  readonly target: ModelTarget;
  readonly registry: CodecRegistry;
  readonly store: ReadModelStore;
  readonly history: StreamHistory;
  readonly policy: PoisonPolicy;
  readonly clock: () => Date;
  readonly leaseOwner?: string;
  /** With `leaseOwner`: hold the lease(s) through each batch transaction, however long it runs (see `TransactionOptions`). */
  readonly holdLease?: LeaseHold;
}

export type BatchOutcome =
  | { readonly kind: 'applied'; readonly checkpoint: GlobalPosition }
  | { readonly kind: 'stopped'; readonly poison: PoisonEvent; readonly checkpoint: GlobalPosition | undefined };

/** A stream's stored events up to `upTo`, read from the event store. */
export const historyFrom = (eventStore: EventStore): StreamHistory => async (streamId, upTo) => {
  const events: StoredEvent[] = [];
  for await (const event of eventStore.readStream(streamId)) {
    if (comparePositions(event.globalPosition, upTo) > 0) break;
    events.push(event);
  }
  return events;
};

/**
 * The histories a batch's corrections need, read before its transaction opens: on a one-connection database
 * (PGlite) a read of the event store from inside the read-model transaction would wait for that transaction.
 */
export const prefetchHistories = async (history: StreamHistory, records: readonly StoredEvent[]): Promise<StreamHistory> => {
  const latest = new Map<string, GlobalPosition>();
  for (const record of records) if (isCorrectionType(record.type)) latest.set(record.streamId, record.globalPosition);
  const cache = new Map<string, readonly StoredEvent[]>();
  for (const [streamId, upTo] of latest) cache.set(streamId, await history(streamId, upTo));
  return async (streamId, upTo) => {
    const cached = cache.get(streamId);
    if (cached === undefined) return history(streamId, upTo);
    return cached.filter((event) => comparePositions(event.globalPosition, upTo) <= 0);
  };
};

class FailedAt extends Error {
  constructor(
    readonly index: number,
    readonly poison: PoisonEvent,
  ) {
    super(poison.message);
  }
}

const YIELD_EVERY = 250;

const applyAll = async (context: BatchContext, tx: ReadModelTransaction, records: readonly StoredEvent[], history: StreamHistory): Promise<void> => {
  // A redelivered event (at or before the checkpoint, read in this same transaction) is never applied again.
  const checkpoint = await tx.checkpoint();
  // Records are in log order: once one is past the checkpoint, so are the rest.
  let from = 0;
  while (checkpoint !== undefined && from < records.length && comparePositions((records[from] as StoredEvent).globalPosition, checkpoint) <= 0) from++;
  const rows = WatchedRows.of(tx);
  for (let index = from; index < records.length; index++) {
    const record = records[index] as StoredEvent;
    // Handlers on an in-memory view run on microtasks only: let I/O callbacks in now and then, so that writes
    // a SQL store sent in the background complete and the next ones go out while this batch goes on.
    if ((index - from) % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    const decoded = context.registry.decode(record);
    let pending: Promise<void> | undefined;
    try {
      pending = startRecord(context.projection, context.registry, decoded, rows, history);
    } catch (error) {
      if (error instanceof PoisonEvent) throw new FailedAt(index, error);
      throw error;
    }
    if (pending === undefined) continue;
    try {
      // Inline, not `finishHandler`: an async handler would pay a second promise per event.
      await pending;
      const writes = rows.settle();
      if (writes !== undefined) await writes;
    } catch (error) {
      rows.discard();
      // An ordinary event's promise is its handler's own (or its pending writes'): whatever it rejects with is the handler failing.
      if (isOrdinary(decoded)) throw new FailedAt(index, handlerFailed(context.projection, decoded.type, record, error));
      if (error instanceof PoisonEvent) throw new FailedAt(index, error);
      throw error;
    }
  }
};

const deadLetterOf = (poison: PoisonEvent, clock: () => Date) => ({
  eventId: poison.record.eventId,
  streamId: poison.record.streamId,
  eventType: poison.record.type,
  globalPosition: poison.record.globalPosition,
  reason: poison.reason,
  error: poison.message,
  recordedAt: clock().toISOString(),
});

const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined): GlobalPosition | undefined =>
  a === undefined ? b : b === undefined ? a : comparePositions(a, b) >= 0 ? a : b;

/**
 * Apply `records` (in log order) and move the checkpoint to the last of them, or to `seenUpTo` when that is
 * later (events of types the projection ignores), all in one transaction. A poison event is dead-lettered:
 * under `skip` the batch is re-applied up to it, it is recorded and the checkpoint passes it (the rest of the
 * batch is left for the next call); under `stop` the checkpoint stays just before it.
 */
export const applyBatch = async (context: BatchContext, records: readonly StoredEvent[], seenUpTo?: GlobalPosition): Promise<BatchOutcome> => {
  const txOptions: TransactionOptions =
    context.leaseOwner === undefined ? {} : { leaseOwner: context.leaseOwner, ...(context.holdLease === undefined ? {} : { holdLease: context.holdLease }) };
  const last = records[records.length - 1]?.globalPosition;
  const history = await prefetchHistories(context.history, records);
  try {
    const checkpoint = later(last, seenUpTo);
    if (checkpoint === undefined) throw new RangeError('applyBatch needs records or a position');
    await context.store.transaction(
      context.target,
      async (tx) => {
        await applyAll(context, tx, records, history);
        // The checkpoint never moves back (a redelivered, older batch leaves it where it is).
        await tx.setCheckpoint(later(checkpoint, await tx.checkpoint()) as GlobalPosition);
      },
      txOptions,
    );
    return { kind: 'applied', checkpoint };
  } catch (error) {
    if (!(error instanceof FailedAt)) throw error;
    const { index, poison } = error;
    const before = records.slice(0, index);
    const checkpoint = context.policy === 'skip' ? poison.record.globalPosition : before[before.length - 1]?.globalPosition;
    await context.store.transaction(
      context.target,
      async (tx) => {
        await applyAll(context, tx, before, history);
        await tx.addDeadLetter(deadLetterOf(poison, context.clock));
        if (checkpoint !== undefined) await tx.setCheckpoint(checkpoint);
      },
      txOptions,
    );
    const current = checkpoint ?? (await context.store.checkpoint(context.target));
    return context.policy === 'skip' ? { kind: 'applied', checkpoint: current as GlobalPosition } : { kind: 'stopped', poison, checkpoint: current };
  }
};
