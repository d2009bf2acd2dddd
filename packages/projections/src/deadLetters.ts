/**
 * Retrying dead letters. A dead letter's stream is re-projected, like after a correction: the projection
 * forgets the stream, then its effective events up to the checkpoint are applied again. That puts the
 * stream's rows where they would be had the event never failed, whatever came after it in the stream.
 * Letters whose stream re-projects cleanly are removed; the others stay, with the new error.
 */
import { comparePositions, type CodecRegistry, type EventStore } from '@laborcase/core';
import { historyFrom } from './batch.js';
import type { AnyProjection } from './definition.js';
import { PoisonEvent, applyRecord, callHandler, effectiveProjected, finishHandler, WatchedRows } from './view.js';
import type { DeadLetter, ModelTarget, ReadModelStore } from './store.js';
import { handlerOf } from './definition.js';

export interface RetryResult {
  readonly retried: number;
  readonly resolved: readonly DeadLetter[];
  readonly remaining: readonly DeadLetter[];
}

export interface RetryContext {
  readonly projection: AnyProjection;
  readonly target: ModelTarget;
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly store: ReadModelStore;
  readonly clock: () => Date;
  readonly leaseOwner?: string;
}

/** Re-project the streams of the given dead letters (all when `ids` is omitted). Callers hold the run lease. */
export const retryDeadLetters = async (context: RetryContext, ids?: readonly number[]): Promise<RetryResult> => {
  const { projection, target, store } = context;
  const all = await store.deadLetters(target);
  const chosen = ids === undefined ? all : all.filter((d) => ids.includes(d.id));
  const history = historyFrom(context.eventStore);
  const resolved: DeadLetter[] = [];
  const txOptions = context.leaseOwner === undefined ? {} : { leaseOwner: context.leaseOwner };
  const byStream = new Map<string, DeadLetter[]>();
  for (const letter of chosen) byStream.set(letter.streamId, [...(byStream.get(letter.streamId) ?? []), letter]);
  // The caller holds the run lease, so the checkpoint cannot move under us; the stream is read before the
  // transaction opens (on PGlite, one connection, a read inside it would wait for it).
  const checkpoint = await store.checkpoint(target);
  if (checkpoint === undefined) return { retried: 0, resolved: [], remaining: all };
  for (const [streamId, letters] of byStream) {
    const stream = await history(streamId, checkpoint);
    try {
      await store.transaction(
        target,
        async (tx) => {
          // A letter whose event is still unreadable stays: decoding it again says so.
          for (const letter of letters) {
            const record = stream.find((e) => e.eventId === letter.eventId);
            if (record !== undefined && comparePositions(record.globalPosition, checkpoint) <= 0) {
              const decoded = context.registry.decode(record);
              if (decoded.kind === 'quarantined') await applyRecord(projection, context.registry, decoded, tx, async () => stream);
            }
          }
          const rows = WatchedRows.of(tx);
          await finishHandler(projection.forget(streamId, rows), rows);
          for (const event of effectiveProjected(context.registry, stream)) {
            const handler = handlerOf(projection, event.type);
            if (handler === undefined) continue;
            const record = stream.find((e) => e.eventId === event.eventId);
            try {
              await callHandler(handler, event, rows);
            } catch (error) {
              throw new PoisonEvent(record ?? (stream[0] as never), 'handler-failed', `${projection.name} v${projection.version}: handler ${event.type} threw: ${String(error)}`, { cause: error });
            }
          }
          for (const letter of letters) await tx.removeDeadLetter(letter.id);
        },
        txOptions,
      );
      resolved.push(...letters);
    } catch (error) {
      if (!(error instanceof PoisonEvent)) throw error;
      await store.transaction(
        target,
        async (tx) => {
          for (const letter of letters) await tx.addDeadLetter({ ...letter, error: error.message, recordedAt: context.clock().toISOString() });
        },
        txOptions,
      );
    }
  }
  const remaining = await store.deadLetters(target);
  return { retried: chosen.length, resolved, remaining };
};
