/**
 * Optimistic concurrency over HTTP: a client sends back the `ETag` it read as `If-Match`, and the command is
 * appended only if the case is still at that version. The services take no expected version, so the check is
 * made three times: before the command runs (a stale client is told at once, even if the command would record
 * nothing); when the command reads the case, through a store that refuses to hand out an event past that version
 * (the case moved on between the first check and the read: the command must not be decided, and perhaps refused
 * as a business rule, on a version the client never saw); and at the append itself, through the same store, which
 * refuses any append to the case's stream from another version. The last check is the store's own
 * expected-version check, so no write can slip in between.
 */
import { NO_STREAM, WrongExpectedVersion, type EventStore, type StoredEvent, type StreamVersion } from '@laborcase/core';
import { badRequest } from './problems.js';

/** The `ETag` of a case at `version`. */
export const etagOf = (version: StreamVersion): string => `"${String(version)}"`;

/** The version an `If-Match` header names; `undefined` when the header is absent. */
export const parseIfMatch = (header: string | string[] | undefined): StreamVersion | undefined => {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?(\d{1,15}|no_stream)"?\s*$/.exec(header) : null;
  if (match === null) throw badRequest('If-Match', 'must be the ETag of the case as read, e.g. "3"');
  return match[1] === NO_STREAM ? NO_STREAM : Number(match[1]);
};

/** The events of `events` up to `expected`; an event past it is the conflict, thrown instead of handed out. */
async function* readingUpTo(events: AsyncIterable<StoredEvent>, streamId: string, expected: StreamVersion): AsyncIterable<StoredEvent> {
  for await (const event of events) {
    if (expected === NO_STREAM || event.streamVersion > expected) throw new WrongExpectedVersion(streamId, expected, event.streamVersion);
    yield event;
  }
}

/**
 * `store`, except that for `streamId` a read stops with the conflict at an event past `expected`, and an append is
 * refused unless it is made at `expected`.
 */
export const appendingOnlyAt = (store: EventStore, streamId: string, expected: StreamVersion): EventStore => ({
  append: async (id, events, options) => {
    if (id === streamId && options.expectedVersion !== expected) throw new WrongExpectedVersion(streamId, expected, await store.streamVersion(streamId));
    return store.append(id, events, options);
  },
  readStream: (id, options) => (id === streamId ? readingUpTo(store.readStream(id, options), streamId, expected) : store.readStream(id, options)),
  streamVersion: (id) => store.streamVersion(id),
  readAll: (options) => store.readAll(options),
  headPosition: () => store.headPosition(),
  waitForEvents: (after, options) => store.waitForEvents(after, options),
  close: () => store.close(),
});

/** Throws the conflict when the stream is no longer at `expected`. */
export const requireVersion = async (store: EventStore, streamId: string, expected: StreamVersion): Promise<void> => {
  const actual = await store.streamVersion(streamId);
  if (actual !== expected) throw new WrongExpectedVersion(streamId, expected, actual);
};
