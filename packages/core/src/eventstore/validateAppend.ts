import { isLeft } from 'fp-ts/lib/Either.js';
import { canonicalSnapshotJson, snapshotJson } from './canonicalJson.js';
import type { CodecRegistry } from '../codecs/registry.js';
import { toFieldIssues } from '../codecs/issues.js';
import { Uuid, isStorableText } from '../codecs/primitives.js';
import type { ValidatedEvent } from './chain.js';
import type { EventMetadata } from './envelope.js';
import { NotPlainJson, snapshotTree } from './jsonSnapshot.js';
import { rememberDeepFrozen } from './deepFreeze.js';
import { show } from './show.js';
import { InvalidArgument, InvalidEvent, type FieldIssue } from './errors.js';
import { isExpectedVersion, type ExpectedVersion } from './expectedVersion.js';
import { NewEventMetadataCodec } from './metadataCodec.js';

export interface AppendLimits {
  /** Largest canonical size of one event's data and metadata, in bytes (default 1 MiB). */
  readonly maxEventBytes?: number;
  /** Most events in one append (default 10,000). */
  readonly maxBatchSize?: number;
  /**
   * Largest canonical size of a whole batch's data and metadata, in bytes (default 16 MiB, at most
   * `MAX_BATCH_BYTES`). The SQL stores write a batch as one jsonb value (PostgreSQL's limit is 256 MB, and
   * PGlite's memory grows by several times the batch); every store refuses a larger batch the same way.
   */
  readonly maxBatchBytes?: number;
}

/** The ceiling `maxBatchBytes` may be raised to: what every store can hold in one append. */
export const MAX_BATCH_BYTES = 128 * 1024 * 1024;

export const DEFAULT_LIMITS: Required<AppendLimits> = { maxEventBytes: 1024 * 1024, maxBatchSize: 10_000, maxBatchBytes: 16 * 1024 * 1024 };

const resolveLimits = (limits: unknown): Required<AppendLimits> => {
  if (limits === undefined) return DEFAULT_LIMITS;
  if (typeof limits !== 'object' || limits === null) throw new InvalidArgument('limits', `must be an object, got ${show(limits)}`);
  const effective = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof AppendLimits)[]) {
    const value = (limits as AppendLimits)[key];
    if (value === undefined) continue;
    if (!(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) throw new InvalidArgument(`limits.${key}`, `must be a positive integer, got ${show(value)}`);
    effective[key] = value;
  }
  if (effective.maxBatchBytes > MAX_BATCH_BYTES) throw new InvalidArgument('limits.maxBatchBytes', `must be at most ${MAX_BATCH_BYTES}`);
  return effective;
};

const MAX_STREAM_ID_LENGTH = 512;

// Every store refuses U+0000 and lone surrogates (see isStorableText), so an event or stream accepted by one store is
// accepted by all.
export { isStorableText };

export const validateStreamId = (streamId: unknown): string => {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidArgument('streamId', 'must be a non-empty string');
  }
  if (!isStorableText(streamId)) {
    throw new InvalidArgument('streamId', 'must not contain U+0000 or unpaired surrogates');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidArgument('streamId', `must be at most ${MAX_STREAM_ID_LENGTH} characters`);
  }
  return streamId;
};

export const validateExpectedVersion = (expected: unknown): ExpectedVersion => {
  if (!isExpectedVersion(expected)) {
    throw new InvalidArgument(
      'expectedVersion',
      `must be NO_STREAM, STREAM_EXISTS, ANY or a non-negative integer version, got ${show(expected)}`,
    );
  }
  return expected;
};

function fail(type: string, index: number, issues: readonly FieldIssue[], schemaVersion?: number): never {
  const [first, ...rest] = issues;
  throw new InvalidEvent(type, index, [first ?? { path: '(root)', message: 'invalid' }, ...rest], schemaVersion);
}

/** Read one property once; a throwing getter or Proxy trap is the caller's malformed event, not a crash. */
const readField = (event: object, key: string, typeName: string, index: number): unknown => {
  try {
    return (event as Record<string, unknown>)[key];
  } catch (error) {
    return fail(typeName, index, [{ path: key, message: `could not be read: ${String(error)}` }]);
  }
};

/** A frozen plain-JSON copy (`jsonSnapshot`) and its canonical text, or the event refused naming the path. */
const snapshotOf = (value: unknown, path: string, typeName: string, index: number, schemaVersion?: number): { snapshot: unknown; text: string } => {
  try {
    const { snapshot, canonicalOrder } = snapshotTree(value, path, true);
    return { snapshot, text: snapshotJson(snapshot, canonicalOrder) };
  } catch (error) {
    if (error instanceof NotPlainJson) fail(typeName, index, [error.issue], schemaVersion);
    throw error;
  }
};

/** Metadata as the caller gave it less `recordedAt`, which is the store's to set: members in the same order, frozen. */
const withoutRecordedAt = (metadata: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(metadata)) if (key !== 'recordedAt') out[key] = metadata[key];
  return Object.freeze(out);
};

/** `{"data":` + `,"metadata":` + `}`: the bytes around an event's two texts when its size is measured. */
const ENVELOPE_BYTES = 21;

/**
 * The metadata's canonical text, when the sealed metadata's text can be made from it by adding `recordedAt` as
 * its last member: every key sorts before "recordedAt" (the closed metadata codec allows only such keys).
 */
const canonicalMetadataOf = (metadata: object, text: string): string | undefined =>
  text.length > 2 && Object.keys(metadata).every((key) => key < 'recordedAt') ? text : undefined;

const validateOne = (registry: CodecRegistry, raw: unknown, index: number, limits: Required<AppendLimits>): { event: ValidatedEvent; bytes: number } => {
  if (typeof raw !== 'object' || raw === null) fail('(not an event)', index, [{ path: '(root)', message: `must be an event object, got ${show(raw)}` }]);
  // Each envelope field is read exactly once, then only the copies are used.
  const type = readField(raw, 'type', '(unreadable type)', index);
  const typeName = typeof type === 'string' ? type : '(missing type)';
  const eventId = readField(raw, 'eventId', typeName, index);
  const givenVersion = readField(raw, 'schemaVersion', typeName, index);
  const rawData = readField(raw, 'data', typeName, index);
  const rawMetadata = readField(raw, 'metadata', typeName, index);
  if (typeof eventId !== 'string' || !Uuid.is(eventId)) fail(typeName, index, [{ path: 'eventId', message: `must be a UUID, got ${show(eventId)}` }]);
  if (typeof type !== 'string' || !registry.has(type)) {
    fail(typeName, index, [{ path: 'type', message: `unknown event type ${show(type)}` }]);
  }
  const schemaVersion = givenVersion ?? registry.currentVersion(type);
  if (typeof schemaVersion !== 'number') fail(typeName, index, [{ path: 'schemaVersion', message: `must be a number, got ${show(schemaVersion)}` }]);
  // One plain JSON snapshot of data and metadata, frozen: validated, hashed and stored as it is, with its text.
  const { snapshot: data, text: canonicalData } = snapshotOf(rawData, 'data', typeName, index, schemaVersion);
  // Remembered as deep-frozen, so the registry may trust the data when a store hands the same object back.
  if (typeof data === 'object' && data !== null) rememberDeepFrozen(data);
  const { snapshot: metadataSnapshot, text: givenMetadataText } = snapshotOf(rawMetadata, 'metadata', typeName, index, schemaVersion);
  const checked = registry.validate(type, schemaVersion, data);
  if (!checked.ok) fail(typeName, index, checked.issues, schemaVersion);
  // `is` answers as decoding would (a spec checks it); only a refusal is decoded, for the issues to name.
  if (!NewEventMetadataCodec.is(metadataSnapshot)) {
    const decoded = NewEventMetadataCodec.decode(metadataSnapshot);
    fail(typeName, index, isLeft(decoded) ? toFieldIssues(decoded.left, 'metadata') : [{ path: 'metadata', message: 'invalid' }], schemaVersion);
  }
  // `recordedAt` is the store's to set: a caller's copy (an event read back and appended again) is dropped.
  const hasRecordedAt = 'recordedAt' in metadataSnapshot;
  const callerMetadata = (hasRecordedAt ? withoutRecordedAt(metadataSnapshot) : metadataSnapshot) as Omit<EventMetadata, 'recordedAt'>;
  const metadataText = hasRecordedAt ? canonicalSnapshotJson(callerMetadata) : givenMetadataText;
  const bytes = ENVELOPE_BYTES + Buffer.byteLength(canonicalData, 'utf8') + Buffer.byteLength(metadataText, 'utf8');
  if (bytes > limits.maxEventBytes) {
    fail(typeName, index, [{ path: 'data', message: `event is ${bytes} bytes, over the limit of ${limits.maxEventBytes}` }], schemaVersion);
  }
  const canonicalMetadata = canonicalMetadataOf(callerMetadata, metadataText);
  // One spelling per id: an upper-case UUID is the same event as its lower-case form.
  const event: ValidatedEvent = {
    eventId: eventId.toLowerCase(),
    type,
    schemaVersion,
    data,
    metadata: callerMetadata,
    canonicalData,
    ...(canonicalMetadata === undefined ? {} : { canonicalMetadata }),
  };
  return { event, bytes };
};

/**
 * Everything an adapter must check before it writes a batch; throws `InvalidArgument` or `InvalidEvent`
 * (naming the event index, type and field path) so that an invalid batch never reaches storage.
 */
export const validateAppend = (
  registry: CodecRegistry,
  streamId: unknown,
  events: unknown,
  expectedVersion: unknown,
  limits: AppendLimits = {},
): { streamId: string; expectedVersion: ExpectedVersion; events: ValidatedEvent[] } => {
  const effective = resolveLimits(limits);
  const id = validateStreamId(streamId);
  const expected = validateExpectedVersion(expectedVersion);
  if (!Array.isArray(events)) throw new InvalidArgument('events', 'must be an array');
  if (events.length > effective.maxBatchSize) {
    throw new InvalidArgument('events', `batch of ${events.length} is over the limit of ${effective.maxBatchSize}`);
  }
  const validated: ValidatedEvent[] = [];
  // A plain loop, not map: a hole in a sparse array is an invalid event, not a skipped one.
  let total = 0;
  for (let index = 0; index < events.length; index++) {
    const { event, bytes } = validateOne(registry, (events as unknown[])[index], index, effective);
    total += bytes;
    if (total > effective.maxBatchBytes) {
      throw new InvalidArgument('events', `batch is over the limit of ${effective.maxBatchBytes} bytes (reached at event #${index})`);
    }
    validated.push(event);
  }
  const seen = new Set<string>();
  validated.forEach((event, index) => {
    if (seen.has(event.eventId)) fail(event.type, index, [{ path: 'eventId', message: `duplicate event id ${event.eventId} in batch` }]);
    seen.add(event.eventId);
  });
  return { streamId: id, expectedVersion: expected, events: validated };
};
