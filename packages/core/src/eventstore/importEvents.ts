/**
 * What every store's `importEvents` shares: validating a batch of recorded events (codecs, envelope, hashes) and
 * deciding, against what the target already holds, which events to write, which to skip and which to refuse.
 */
import type { CodecRegistry } from '../codecs/registry.js';
import { Instant } from '../codecs/primitives.js';
import { GENESIS_HASH, chainHash } from './chain.js';
import type { SealedEvent } from './envelope.js';
import { ANY, NO_STREAM, type StreamVersion } from './expectedVersion.js';
import { ImportChainBroken, ImportConflict, InvalidArgument, InvalidEvent, type FieldIssue } from './errors.js';
import { DEFAULT_LIMITS, validateAppend, type AppendLimits } from './validateAppend.js';

const HASH = /^[0-9a-f]{64}$/;

const invalid = (type: string, index: number, path: string, message: string): InvalidEvent =>
  new InvalidEvent(type, index, [{ path, message } satisfies FieldIssue]);

/** Read one property once; a throwing getter is the caller's malformed event, not a crash. */
const field = (raw: object, key: string, type: string, index: number): unknown => {
  try {
    return (raw as Record<string, unknown>)[key];
  } catch (error) {
    throw invalid(type, index, key, `could not be read: ${String(error)}`);
  }
};

/** The envelope fields only a recorded event has: its place, its hashes and when it was recorded. */
const recordedFields = (raw: unknown, type: string, index: number) => {
  const event = raw as object;
  const streamVersion = field(event, 'streamVersion', type, index);
  if (typeof streamVersion !== 'number' || !Number.isSafeInteger(streamVersion) || streamVersion < 0) {
    throw invalid(type, index, 'streamVersion', `must be a non-negative integer, got ${JSON.stringify(streamVersion)}`);
  }
  const prevHash = field(event, 'prevHash', type, index);
  if (typeof prevHash !== 'string' || !HASH.test(prevHash)) throw invalid(type, index, 'prevHash', 'must be 64 lower-case hex digits');
  const hash = field(event, 'hash', type, index);
  if (typeof hash !== 'string' || !HASH.test(hash)) throw invalid(type, index, 'hash', 'must be 64 lower-case hex digits');
  const metadata = field(event, 'metadata', type, index);
  const recordedAt = typeof metadata === 'object' && metadata !== null ? field(metadata, 'recordedAt', type, index) : undefined;
  if (!Instant.is(recordedAt)) throw invalid(type, index, 'metadata.recordedAt', `must be an ISO-8601 UTC instant, got ${JSON.stringify(recordedAt)}`);
  return { streamVersion, prevHash, hash, recordedAt };
};

const streamIdOf = (raw: unknown, index: number): unknown => {
  if (typeof raw !== 'object' || raw === null) throw invalid('(not an event)', index, '(root)', `must be a recorded event object, got ${String(raw)}`);
  return field(raw, 'streamId', '(unknown type)', index);
};

/**
 * Validate a batch of recorded events before anything is written: each event as `append` validates it (data and
 * metadata against the codec registry, ids, sizes), plus its stream version, hashes and `recordedAt`; and each
 * event's hash recomputed from its content and `prevHash`. Whether `prevHash` is the right predecessor is
 * `planImport`'s to check, against the target. Returns the events exactly as they will be stored and hashed.
 */
export const validateImport = (registry: CodecRegistry, events: unknown, limits: AppendLimits = {}): SealedEvent[] => {
  if (!Array.isArray(events)) throw new InvalidArgument('events', 'must be an array of recorded events');
  const maxBatchSize = limits.maxBatchSize ?? DEFAULT_LIMITS.maxBatchSize;
  if (events.length > maxBatchSize) throw new InvalidArgument('events', `batch of ${events.length} is over the limit of ${maxBatchSize}`);
  const sealed: SealedEvent[] = [];
  const seen = new Set<string>();
  // Runs of consecutive events of one stream are validated as one append would be; indexes are the batch's.
  for (let start = 0; start < events.length; ) {
    const streamId = streamIdOf((events as unknown[])[start], start);
    let end = start + 1;
    while (end < events.length && streamIdOf((events as unknown[])[end], end) === streamId) end += 1;
    const run = (events as unknown[]).slice(start, end);
    let validated: ReturnType<typeof validateAppend>;
    try {
      validated = validateAppend(registry, streamId, run, ANY, limits);
    } catch (error) {
      if (error instanceof InvalidEvent) throw new InvalidEvent(error.eventType, start + error.index, error.issues, error.schemaVersion);
      if (error instanceof InvalidArgument && error.field === 'streamId') throw invalid('(unknown type)', start, 'streamId', error.message);
      throw error;
    }
    validated.events.forEach((event, offset) => {
      const index = start + offset;
      const recorded = recordedFields(run[offset], event.type, index);
      if (seen.has(event.eventId)) throw invalid(event.type, index, 'eventId', `duplicate event id ${event.eventId} in batch`);
      seen.add(event.eventId);
      const content = {
        eventId: event.eventId,
        streamId: validated.streamId,
        streamVersion: recorded.streamVersion,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { ...event.metadata, recordedAt: recorded.recordedAt },
      };
      const recomputed = chainHash(recorded.prevHash, content);
      if (recomputed !== recorded.hash) {
        throw new ImportChainBroken(validated.streamId, recorded.streamVersion, event.eventId, 'content-altered', `stored hash ${recorded.hash} but content hashes to ${recomputed}`);
      }
      sealed.push({ ...content, prevHash: recorded.prevHash, hash: recorded.hash });
    });
    start = end;
  }
  return sealed;
};

/** A stream of the target as far as an import needs it. */
export interface ImportTargetStream {
  /** The target's last version of the stream (`NO_STREAM` if none) and that event's hash. */
  readonly head: { readonly version: StreamVersion; readonly hash: string };
  /** The target's events of the stream at the batch's versions up to `head` (see `importedVersions`). */
  readonly stored: Pick<ReadonlyMap<number, { readonly eventId: string; readonly hash: string }>, 'get'>;
}

/** Per stream of a validated batch, the lowest and highest version it carries: what `planImport` needs read. */
export const importedVersions = (events: readonly SealedEvent[]): Map<string, { readonly from: number; readonly to: number }> => {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const event of events) {
    const range = ranges.get(event.streamId);
    if (range === undefined) ranges.set(event.streamId, { from: event.streamVersion, to: event.streamVersion });
    else ranges.set(event.streamId, { from: Math.min(range.from, event.streamVersion), to: Math.max(range.to, event.streamVersion) });
  }
  return ranges;
};

export interface ImportPlan {
  /** The events to write, in the batch's order. */
  readonly write: readonly SealedEvent[];
  /** How many the target already holds. */
  readonly skipped: number;
}

/**
 * Decide an import against the target: an event at or below the target's head must be the very event stored there
 * (same id and hash: skipped, as a re-run after an interruption finds it) or the import is an `ImportConflict`; an
 * event above it must be the next version and link to the hash before it (the target's head, or the batch's
 * previous event of the stream) or it is `ImportChainBroken`. Pure; throws on the first problem in batch order.
 */
export const planImport = (events: readonly SealedEvent[], target: (streamId: string) => ImportTargetStream): ImportPlan => {
  const write: SealedEvent[] = [];
  const heads = new Map<string, { version: number; hash: string }>();
  let skipped = 0;
  for (const event of events) {
    const stream = target(event.streamId);
    const storedHead = stream.head.version === NO_STREAM ? -1 : stream.head.version;
    if (event.streamVersion <= storedHead) {
      const stored = stream.stored.get(event.streamVersion);
      if (stored === undefined || stored.eventId !== event.eventId || stored.hash !== event.hash) {
        throw new ImportConflict(event.streamId, event.streamVersion, event.eventId, stored?.eventId ?? '(unreadable)');
      }
      skipped += 1;
      continue;
    }
    const head = heads.get(event.streamId) ?? { version: storedHead, hash: storedHead < 0 ? GENESIS_HASH : stream.head.hash };
    if (event.streamVersion !== head.version + 1) {
      throw new ImportChainBroken(event.streamId, event.streamVersion, event.eventId, 'version-gap', `the version before it in the target and the batch is ${head.version < 0 ? 'none' : head.version}`);
    }
    if (event.prevHash !== head.hash) {
      throw new ImportChainBroken(event.streamId, event.streamVersion, event.eventId, 'broken-link', `prevHash ${event.prevHash} is not the previous event's hash ${head.hash}`);
    }
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    write.push(event);
  }
  return { write, skipped };
};

/** Events split into runs of consecutive events of one stream, in order: what a store writes as one append each. */
export const streamRuns = (events: readonly SealedEvent[]): SealedEvent[][] => {
  const runs: SealedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0]!.streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
};
