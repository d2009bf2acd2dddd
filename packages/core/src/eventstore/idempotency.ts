import type { ValidatedEvent } from './chain.js';
import type { StoredEvent } from './envelope.js';
import { DuplicateEventId } from './errors.js';
import { NO_STREAM, type ExpectedVersion } from './expectedVersion.js';
import { canonicalJson } from './canonicalJson.js';

const sameContent = (event: ValidatedEvent, stored: StoredEvent): boolean => {
  const { recordedAt: _recordedAt, ...storedMetadata } = stored.metadata;
  return (
    event.type === stored.type &&
    event.schemaVersion === stored.schemaVersion &&
    canonicalJson(event.data) === canonicalJson(stored.data) &&
    canonicalJson(event.metadata) === canonicalJson(storedMetadata)
  );
};

/**
 * Decide what an append whose event ids were seen before means. A retry must repeat a whole earlier append:
 * repeating only part of one would report a stale version, so it is refused like any other reuse of ids. `existing[i]` is the stored event with the
 * id of `events[i]`, if any. Returns `undefined` when none exists (a normal append), the stored events when
 * the whole batch is a faithful retry of an earlier append with the same expected version, and throws
 * `DuplicateEventId` for anything in between.
 */
export interface RetryNeighbours {
  /** The stored events just before the first and just after the last event of the retried batch, if any. */
  readonly before?: StoredEvent | undefined;
  readonly after?: StoredEvent | undefined;
  /** Whether two stored events were written by the same append (one transaction, one batch). */
  readonly sameAppend: (a: StoredEvent, b: StoredEvent) => boolean;
}

export const resolveRetriedAppend = (
  streamId: string,
  expected: ExpectedVersion,
  events: readonly ValidatedEvent[],
  existing: readonly (StoredEvent | undefined)[],
  /** The stored events around the matched ones, so a retry that repeats only part of an append is refused. */
  neighbours?: RetryNeighbours,
): readonly StoredEvent[] | undefined => {
  if (existing.every((e) => e === undefined)) return undefined;
  // With STREAM_EXISTS or ANY the original position is not implied by the expected version.
  const firstVersion = expected === NO_STREAM ? 0 : typeof expected === 'number' ? expected + 1 : undefined;
  const faithful = events.every((event, i) => {
    const stored = existing[i];
    const first = existing[0];
    return (
      stored !== undefined &&
      first !== undefined &&
      stored.streamId === streamId &&
      stored.streamVersion === first.streamVersion + i &&
      (firstVersion === undefined || first.streamVersion === firstVersion) &&
      sameContent(event, stored)
    );
  });
  const stored = existing as readonly StoredEvent[];
  const wholeAppend = (): boolean => {
    const first = stored[0];
    const last = stored[stored.length - 1];
    if (neighbours === undefined || first === undefined || last === undefined) return true;
    const { before, after, sameAppend } = neighbours;
    return !(before !== undefined && sameAppend(before, first)) && !(after !== undefined && sameAppend(after, last));
  };
  if (!faithful || !wholeAppend()) {
    const clash = events.find((_, i) => existing[i] !== undefined) ?? events[0];
    throw new DuplicateEventId(clash?.eventId ?? '(unknown)', streamId);
  }
  return stored;
};
