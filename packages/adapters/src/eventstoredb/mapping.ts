/**
 * The pure part of the EventStoreDB adapter: how the port's expected versions, positions, envelopes and errors
 * map onto `@eventstore/db-client` 6.x, with no I/O (unit-tested on its own).
 */
import {
  ANY,
  InvalidArgument,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StoreFailure,
  StoreUnavailable,
  WrongExpectedVersion,
  isGlobalPosition,
  positionFromSegments,
  positionSegments,
  EventStoreError,
  type ExpectedVersion,
  type GlobalPosition,
  type Provenance,
  type SealedEvent,
  type StoredEvent,
  type StreamVersion,
} from '@laborcase/core';

/** The client's expected-revision values (6.x `expectedRevision`; 1.x `streamState` takes the same values). */
export type EsdbExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A log position as the client reports it. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** The fields of a client `RecordedEvent` the adapter reads. */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly isJson: boolean;
  readonly position?: EsdbPosition | undefined;
}

/** Stream-name prefix of the event-id claims the adapter writes so that an event id is used by one stream only. */
export const CLAIM_STREAM_PREFIX = 'laborcase-event-id-';
export const CLAIM_EVENT_TYPE = 'laborcase.EventIdClaimed';
/** Marks the metadata of an event written by this adapter (format version). */
export const ENVELOPE_MARKER = 'laborcaseEnvelope';
export const ENVELOPE_FORMAT = 1;

export const claimStreamOf = (eventId: string): string => `${CLAIM_STREAM_PREFIX}${eventId}`;

/** Our expected version as the client's expected revision. Versions and revisions are both 0-based. */
export const toExpectedRevision = (expected: ExpectedVersion): EsdbExpectedRevision => {
  switch (expected) {
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    case ANY:
      return 'any';
    default:
      return BigInt(expected);
  }
};

/** The exact revision to append after, given the stream version the adapter read (the chain needs that exact predecessor). */
export const revisionAfter = (actual: StreamVersion): EsdbExpectedRevision => (actual === NO_STREAM ? 'no_stream' : BigInt(actual));

/** A client revision (or `"no_stream"`) as our stream version. */
export const toStreamVersion = (revision: bigint | 'no_stream' | string): StreamVersion => {
  if (revision === 'no_stream') return NO_STREAM;
  const value = typeof revision === 'bigint' ? revision : BigInt(revision);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new StoreFailure(`revision ${value} is outside the versions this store can represent`);
  return Number(value);
};

/** The largest unsigned 64-bit value: what a server reports for "no position". */
const NO_POSITION = 2n ** 64n - 1n;

/** An EventStoreDB log position as our opaque, string-ordered position: `commit:prepare`, fixed width. */
export const fromEsdbPosition = (position: EsdbPosition): GlobalPosition => positionFromSegments(position.commit, position.prepare);

/** Whether the client reported a usable position (servers report u64 max, or nothing, when they have none). */
export const hasPosition = (position: EsdbPosition | undefined): position is EsdbPosition =>
  position !== undefined && position.commit >= 0n && position.commit < NO_POSITION && position.prepare >= 0n && position.prepare < NO_POSITION;

/**
 * Our position as the client's: `START` for the start of the log, `commit:prepare` otherwise. A one-segment
 * position other than START comes from another store and is refused, naming `field`.
 */
export const toEsdbPosition = (position: GlobalPosition, field = 'after'): 'start' | EsdbPosition => {
  if (!isGlobalPosition(position)) throw new InvalidArgument(field, `is not a global position: ${JSON.stringify(position)}`);
  if (position === START) return 'start';
  const segments = positionSegments(position);
  if (segments.length !== 2) {
    throw new InvalidArgument(field, `is not an EventStoreDB position (commit:prepare): ${JSON.stringify(position)}`);
  }
  return { commit: segments[0]!, prepare: segments[1]! };
};

/** The JSON metadata the adapter stores with each event, next to the event's JSON data. */
export interface EsdbEnvelopeMetadata {
  readonly [ENVELOPE_MARKER]: typeof ENVELOPE_FORMAT;
  /** Read by the server's `$by_correlation_id` projection. */
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly schemaVersion: number;
  readonly provenance: Provenance;
  readonly effectiveOn: string;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
  /** The first event id of the append that wrote the event: tells a whole retried append from part of one. */
  readonly appendId: string;
}

export const toEsdbMetadata = (event: SealedEvent, appendId: string): EsdbEnvelopeMetadata => ({
  [ENVELOPE_MARKER]: ENVELOPE_FORMAT,
  $correlationId: event.metadata.correlationId,
  $causationId: event.metadata.causationId,
  schemaVersion: event.schemaVersion,
  provenance: event.metadata.provenance,
  effectiveOn: event.metadata.effectiveOn,
  recordedAt: event.metadata.recordedAt,
  prevHash: event.prevHash,
  hash: event.hash,
  appendId,
});

/** Events the server writes itself (`$`-typed, or in `$` streams): never part of our log. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an event in `$all` is one of ours: not a system event, not an id claim, and carrying our envelope. */
export const isLaborcaseEvent = (event: EsdbRecordedEvent): boolean =>
  !isSystemEvent(event) && !event.streamId.startsWith(CLAIM_STREAM_PREFIX) && isRecord(event.metadata) && event.metadata[ENVELOPE_MARKER] === ENVELOPE_FORMAT;

/** A stored event read back, with the adapter's bookkeeping next to it. */
export interface DecodedEvent {
  readonly event: StoredEvent;
  readonly appendId: string;
}

/**
 * A recorded event as our stored event. Anything missing or mistyped is a `StoreFailure` naming the event and the
 * field (`metadata.provenance`, `globalPosition`…): the stream holds something this adapter did not write.
 */
export const fromRecordedEvent = (recorded: EsdbRecordedEvent, position: EsdbPosition | undefined = recorded.position): DecodedEvent => {
  const fail = (field: string, problem: string): never => {
    throw new StoreFailure(`event ${recorded.id} at ${recorded.streamId}@${recorded.revision}: ${field} ${problem}`);
  };
  if (!recorded.isJson) fail('data', 'is not JSON');
  const metadata = recorded.metadata;
  if (!isRecord(metadata) || metadata[ENVELOPE_MARKER] !== ENVELOPE_FORMAT) return fail(`metadata.${ENVELOPE_MARKER}`, `is not ${ENVELOPE_FORMAT}: not written by this adapter`);
  const text = (key: string): string => {
    const value = metadata[key];
    return typeof value === 'string' ? value : fail(`metadata.${key}`, 'is not a string');
  };
  const provenance = metadata['provenance'];
  if (!isRecord(provenance) || typeof provenance['actorId'] !== 'string' || typeof provenance['role'] !== 'string') {
    fail('metadata.provenance', 'is not a provenance');
  }
  const schemaVersion = metadata['schemaVersion'];
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion)) fail('metadata.schemaVersion', 'is not an integer');
  if (!hasPosition(position)) fail('globalPosition', 'was not reported by the server');
  const version = toStreamVersion(recorded.revision);
  return {
    appendId: text('appendId'),
    event: {
      eventId: recorded.id,
      streamId: recorded.streamId,
      streamVersion: version === NO_STREAM ? 0 : version,
      type: recorded.type,
      schemaVersion: schemaVersion as number,
      data: recorded.data,
      metadata: {
        provenance: provenance as unknown as Provenance,
        correlationId: text('$correlationId'),
        causationId: text('$causationId'),
        effectiveOn: text('effectiveOn'),
        recordedAt: text('recordedAt'),
      },
      prevHash: text('prevHash'),
      hash: text('hash'),
      globalPosition: fromEsdbPosition(position as EsdbPosition),
    },
  };
};

/** The `type` of the client's errors (`ErrorType` in 6.x and 1.x), read structurally. */
const errorType = (error: unknown): string | undefined => {
  if (!isRecord(error) && !(error instanceof Error)) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
};

const UNAVAILABLE = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'cancelled', 'not-leader']);

/**
 * gRPC status codes (grpc-js `status`) that mean "the node cannot be reached right now": CANCELLED, DEADLINE_EXCEEDED,
 * UNAVAILABLE. The client leaves some errors unconverted (its ServerFeatures probe on the first call), so the raw
 * `ServiceError` is read too.
 */
const UNAVAILABLE_GRPC_CODES = new Set([1, 4, 14]);
const grpcCode = (error: unknown): number | undefined => {
  const code = isRecord(error) || error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
};

/** The client's `WrongExpectedVersionError` fields, when `error` is one. */
export const wrongExpectedVersionOf = (error: unknown): { readonly actual: StreamVersion } | undefined => {
  if (errorType(error) !== 'wrong-expected-version') return undefined;
  const actual = (error as { actualVersion?: unknown }).actualVersion;
  return { actual: typeof actual === 'bigint' ? toStreamVersion(actual) : NO_STREAM };
};

/**
 * A client error as the port's typed error, keeping the original as `cause`: a conflict is `WrongExpectedVersion`
 * (when the caller's expectation is known), an unreachable, timed-out or non-leader node is `StoreUnavailable`,
 * a deleted stream and everything else `StoreFailure`. Our own errors pass through.
 */
export const translateError = (error: unknown, context: { readonly streamId?: string; readonly expected?: ExpectedVersion } = {}): EventStoreError => {
  if (error instanceof EventStoreError) return error;
  const type = errorType(error);
  const what = context.streamId === undefined ? 'EventStoreDB' : `EventStoreDB (stream "${context.streamId}")`;
  const conflict = wrongExpectedVersionOf(error);
  if (conflict !== undefined && context.streamId !== undefined && context.expected !== undefined) {
    return new WrongExpectedVersion(context.streamId, context.expected, conflict.actual, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = grpcCode(error);
  if ((type !== undefined && UNAVAILABLE.has(type)) || (type === undefined && code !== undefined && UNAVAILABLE_GRPC_CODES.has(code))) return new StoreUnavailable(`${what} is unavailable (${type}): ${message}`, { cause: error });
  if (type === 'stream-deleted') return new StoreFailure(`${what}: the stream is deleted (tombstoned): ${message}`, { cause: error });
  return new StoreFailure(`${what} failed${type === undefined ? (code === undefined ? '' : ` (gRPC status ${code})`) : ` (${type})`}: ${message}`, { cause: error });
};
