import canonicalize from 'canonicalize';
import type { ValidatedEvent } from './chain.js';
import type { StoredEvent } from './envelope.js';
import { DuplicateEventId } from './errors.js';
import { NO_STREAM, type ExpectedVersion } from './expectedVersion.js';

const sameContent = (event: ValidatedEvent, stored: StoredEvent): boolean => {
  const { recordedAt: _recordedAt, ...storedMetadata } = stored.metadata;
  return (
    event.type === stored.type &&
    event.schemaVersion === stored.schemaVersion &&
    canonicalize(event.data) === canonicalize(stored.data) &&
    canonicalize(event.metadata) === canonicalize(storedMetadata)
  );
};

/**
 * Decide what an append whose event ids were seen before means. `existing[i]` is the stored event with the
 * id of `events[i]`, if any. Returns `undefined` when none exists (a normal append), the stored events when
 * the whole batch is a faithful retry of an earlier append with the same expected version, and throws
 * `DuplicateEventId` for anything in between.
 */
export const resolveRetriedAppend = (
  streamId: string,
  expected: ExpectedVersion,
  events: readonly ValidatedEvent[],
  existing: readonly (StoredEvent | undefined)[],
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
  if (!faithful) {
    const clash = events.find((_, i) => existing[i] !== undefined) ?? events[0];
    throw new DuplicateEventId(clash?.eventId ?? '(unknown)', streamId);
  }
  return existing as readonly StoredEvent[];
};
