import * as crypto from 'node:crypto';
import type { EventMetadata, SealedContent, SealedEvent } from './envelope.js';
import type { StreamVersion } from './expectedVersion.js';
import { nextVersion } from './expectedVersion.js';
import { canonicalJson, canonicalSnapshotJson } from './canonicalJson.js';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON (RFC 8785: sorted keys, no whitespace) of the hashed part of a stored event. */
export const canonicalBytes = (content: SealedContent): string => {
  const subject: SealedContent = {
    eventId: content.eventId,
    streamId: content.streamId,
    streamVersion: content.streamVersion,
    type: content.type,
    schemaVersion: content.schemaVersion,
    data: content.data,
    metadata: content.metadata,
  };
  return canonicalJson(subject);
};

// `crypto.hash` (Node ≥ 20.12) hashes in one call, without a Hash object per event: about twice as fast here.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256: (prevHash: string, canonical: string) => string =
  oneShot === undefined
    ? (prevHash, canonical) => crypto.createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex')
    : (prevHash, canonical) => oneShot('sha256', prevHash + canonical, 'hex');

/** `SHA-256(prevHash ‖ canonical bytes)`, hex-encoded. `prevHash` is the previous event's hash (hex text). */
export const chainHash = (prevHash: string, content: SealedContent): string => sha256(prevHash, canonicalBytes(content));

/**
 * `canonicalBytes(content)` for an event `validateAppend` passed, from the data's canonical text it already made:
 * the members in the canonical (sorted) order, each a snapshot value or a string and number it checked (a UUID, a
 * stream id and type name free of unpaired surrogates, integer versions). Equal to `canonicalBytes` by
 * construction; the chain and canonical JSON specs compare the two.
 */
const validatedBytes = (content: SealedContent, canonicalData: string, metadataText: string): string =>
  `{"data":${canonicalData},"eventId":${JSON.stringify(content.eventId)},"metadata":${metadataText},` +
  `"schemaVersion":${content.schemaVersion},"streamId":${JSON.stringify(content.streamId)},"streamVersion":${content.streamVersion},` +
  `"type":${JSON.stringify(content.type)}}`;

export interface ValidatedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'recordedAt'>;
  /**
   * Set by `validateAppend` only: the canonical JSON of `data`, which it serialised to size the event. Its `data`
   * and `metadata` are then deep-frozen snapshots, so the text stays true and `sealEvents` hashes with it instead
   * of serialising the data a second time.
   */
  readonly canonicalData?: string;
  /**
   * Set by `validateAppend` when every metadata key sorts before "recordedAt": the canonical JSON of `metadata`,
   * to which sealing adds `recordedAt` as the last member.
   */
  readonly canonicalMetadata?: string;
}

/**
 * The sealed metadata: the caller's with `recordedAt`. Frozen when the event came from `validateAppend`: its
 * metadata is a frozen snapshot, so freezing this one object leaves nothing in it that can change.
 */
const withRecordedAt = (event: ValidatedEvent, recordedAt: string): EventMetadata => {
  const sealed = { ...event.metadata, recordedAt };
  return event.canonicalData === undefined ? sealed : Object.freeze(sealed);
};

/** The canonical text of `metadata` with `recordedAt` added: the sealed metadata, without serialising it again. */
const sealedMetadataText = (event: ValidatedEvent, sealed: EventMetadata, recordedAtMember: string): string =>
  event.canonicalMetadata === undefined ? canonicalSnapshotJson(sealed) : `${event.canonicalMetadata.slice(0, -1)},${recordedAtMember}}`;

/**
 * Number and hash a validated batch after a stream's current last event. Every adapter seals through
 * this function so the chain is identical whichever store holds it. Events from `validateAppend` are sealed with
 * their data and metadata deep-frozen: a store that keeps them frozen has only the event objects left to freeze.
 */
export const sealEvents = (
  streamId: string,
  current: { readonly version: StreamVersion; readonly hash: string },
  events: readonly ValidatedEvent[],
  recordedAt: string,
): SealedEvent[] => {
  const sealed: SealedEvent[] = [];
  let prevHash = current.hash;
  let version = nextVersion(current.version);
  const recordedAtMember = `"recordedAt":${JSON.stringify(recordedAt)}`;
  for (const event of events) {
    // Filled in place once hashed: one object per event, in the order the SealedEvent type lists its fields.
    const entry = {
      eventId: event.eventId,
      streamId,
      streamVersion: version,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: withRecordedAt(event, recordedAt),
      prevHash,
      hash: '',
    };
    entry.hash = sha256(
      prevHash,
      event.canonicalData === undefined
        ? canonicalBytes(entry)
        : validatedBytes(entry, event.canonicalData, sealedMetadataText(event, entry.metadata, recordedAtMember)),
    );
    sealed.push(entry);
    prevHash = entry.hash;
    version += 1;
  }
  return sealed;
};

export type ChainBreakReason =
  /** The event's content no longer produces its stored hash: it was altered after it was written. */
  | 'content-altered'
  /** The event's `prevHash` is not the previous event's hash: an event was removed, inserted or reordered. */
  | 'broken-link'
  /** Versions are not contiguous from the first event checked. */
  | 'version-gap'
  /** The event belongs to another stream. */
  | 'foreign-event';

export type StreamVerification =
  | { readonly ok: true; readonly checked: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly checked: number;
      /** 0-based index in the sequence given to `verifyStream`. */
      readonly index: number;
      /** The version the event claims; `expectedVersion` is where it should have been. */
      readonly streamVersion: number;
      readonly expectedVersion: number;
      readonly eventId: string;
      readonly reason: ChainBreakReason;
      readonly detail: string;
    };

export interface VerifyOptions {
  /** Verify a range that does not start at version 0: the hash of the event before it. */
  readonly prevHash?: string;
  readonly fromVersion?: number;
}

/**
 * Check a stream's events (forwards order, as stored) against their chain, and report the first broken
 * link. Pure: reads nothing but its argument. Hashes what is stored, never an upcast view.
 */
export const verifyStream = (events: Iterable<SealedEvent>, options: VerifyOptions = {}): StreamVerification => {
  let expectedPrev = options.prevHash ?? GENESIS_HASH;
  let expectedVersion = options.fromVersion ?? 0;
  let streamId: string | undefined;
  let index = 0;
  for (const event of events) {
    const fail = (reason: ChainBreakReason, detail: string): StreamVerification => ({
      ok: false,
      checked: index,
      index,
      streamVersion: event.streamVersion,
      expectedVersion,
      eventId: event.eventId,
      reason,
      detail,
    });
    streamId ??= event.streamId;
    if (event.streamId !== streamId) {
      return fail('foreign-event', `event belongs to "${event.streamId}", not "${streamId}"`);
    }
    if (event.streamVersion !== expectedVersion) {
      return fail('version-gap', `expected version ${expectedVersion}, found ${event.streamVersion}`);
    }
    if (event.prevHash !== expectedPrev) {
      return fail('broken-link', `prevHash ${event.prevHash} does not match previous hash ${expectedPrev}`);
    }
    let recomputed: string;
    try {
      recomputed = chainHash(expectedPrev, event);
    } catch (error) {
      return fail('content-altered', `content cannot be canonicalised: ${String(error)}`);
    }
    if (recomputed !== event.hash) {
      return fail('content-altered', `stored hash ${event.hash} but content hashes to ${recomputed}`);
    }
    expectedPrev = event.hash;
    expectedVersion += 1;
    index += 1;
  }
  return { ok: true, checked: index, lastHash: expectedPrev };
};
