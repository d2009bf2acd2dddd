import { isLeft } from 'fp-ts/lib/Either.js';
import { canonicalJson } from './canonicalJson.js';
import type { CodecRegistry } from '../codecs/registry.js';
import { toFieldIssues } from '../codecs/issues.js';
import { Uuid, isStorableText } from '../codecs/primitives.js';
import type { ValidatedEvent } from './chain.js';
import type { NewEvent } from './envelope.js';
import { InvalidArgument, InvalidEvent, type FieldIssue } from './errors.js';
import { isExpectedVersion, type ExpectedVersion } from './expectedVersion.js';
import { NewEventMetadataCodec } from './metadataCodec.js';

export interface AppendLimits {
  /** Largest canonical size of one event's data and metadata, in bytes (default 1 MiB). */
  readonly maxEventBytes?: number;
  /** Most events in one append (default 10,000). */
  readonly maxBatchSize?: number;
}

export const DEFAULT_LIMITS: Required<AppendLimits> = { maxEventBytes: 1024 * 1024, maxBatchSize: 10_000 };

const MAX_STREAM_ID_LENGTH = 512;

// Every store refuses U+0000 and lone surrogates (see isStorableText), so an event or stream accepted by one store is
// accepted by all.
export { isStorableText };

/** The path of the first string (value or key) that is not storable text. */
const unstorablePath = (value: unknown, path: string): string | undefined => {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (!isStorableText(key)) return childPath;
    const found = unstorablePath(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
};

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
      `must be NO_STREAM, STREAM_EXISTS, ANY or a non-negative integer version, got ${JSON.stringify(expected)}`,
    );
  }
  return expected;
};

function fail(event: Partial<NewEvent>, index: number, issues: readonly FieldIssue[], schemaVersion?: number): never {
  const [first, ...rest] = issues;
  const type = typeof event.type === 'string' ? event.type : '(missing type)';
  throw new InvalidEvent(type, index, [first ?? { path: '(root)', message: 'invalid' }, ...rest], schemaVersion);
}

const validateOne = (registry: CodecRegistry, raw: NewEvent, index: number, limits: Required<AppendLimits>): ValidatedEvent => {
  const event: Partial<NewEvent> = typeof raw === 'object' && raw !== null ? raw : {};
  if (!Uuid.is(event.eventId)) fail(event, index, [{ path: 'eventId', message: `must be a UUID, got ${JSON.stringify(event.eventId)}` }]);
  const type = event.type;
  if (typeof type !== 'string' || !registry.has(type)) {
    fail(event, index, [{ path: 'type', message: `unknown event type ${JSON.stringify(type)}` }]);
  }
  const schemaVersion = event.schemaVersion ?? registry.currentVersion(type);
  if (typeof schemaVersion !== 'number') fail(event, index, [{ path: 'schemaVersion', message: 'must be a number' }]);
  const data = registry.validate(type, schemaVersion, event.data);
  if (!data.ok) fail(event, index, data.issues, schemaVersion);
  const metadata = NewEventMetadataCodec.decode(event.metadata);
  if (isLeft(metadata)) fail(event, index, toFieldIssues(metadata.left, 'metadata'), schemaVersion);
  const normalisedMetadata = NewEventMetadataCodec.encode(metadata.right);
  const unstorable = unstorablePath(data.value, 'data') ?? unstorablePath(normalisedMetadata, 'metadata');
  if (unstorable !== undefined) {
    fail(event, index, [{ path: unstorable, message: 'contains U+0000 or an unpaired surrogate, which no store can hold' }], schemaVersion);
  }
  let text: string;
  try {
    text = canonicalJson({ data: data.value, metadata: normalisedMetadata });
  } catch (error) {
    fail(event, index, [{ path: 'data', message: `is not plain JSON: ${String(error)}` }], schemaVersion);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxEventBytes) {
    fail(event, index, [{ path: 'data', message: `event is ${bytes} bytes, over the limit of ${limits.maxEventBytes}` }], schemaVersion);
  }
  return {
    eventId: event.eventId,
    type,
    schemaVersion,
    // Keep exactly the JSON form: what a reader gets back is what was hashed.
    data: JSON.parse(JSON.stringify(data.value)) as unknown,
    metadata: normalisedMetadata,
  };
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
  const effective = { ...DEFAULT_LIMITS, ...limits };
  const id = validateStreamId(streamId);
  const expected = validateExpectedVersion(expectedVersion);
  if (!Array.isArray(events)) throw new InvalidArgument('events', 'must be an array');
  if (events.length > effective.maxBatchSize) {
    throw new InvalidArgument('events', `batch of ${events.length} is over the limit of ${effective.maxBatchSize}`);
  }
  const validated = (events as NewEvent[]).map((event, index) => validateOne(registry, event, index, effective));
  const seen = new Set<string>();
  validated.forEach((event, index) => {
    if (seen.has(event.eventId)) fail(event, index, [{ path: 'eventId', message: `duplicate event id ${event.eventId} in batch` }]);
    seen.add(event.eventId);
  });
  return { streamId: id, expectedVersion: expected, events: validated };
};
