import type { CodecRegistry, DecodedRecord, QuarantinedRecord } from '../codecs/registry.js';
import { effectiveEvents, type CorrectionProblem, type StreamRecord } from '../corrections/effectiveEvents.js';
import { isCorrectionType, type Replacement } from '../corrections/events.js';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CoreErrors } from '../kernel/checks.js';
import { GENESIS_HASH } from '../eventstore/chain.js';
import type { DomainEvent } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import { NO_STREAM, type StreamVersion } from '../eventstore/expectedVersion.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from '../eventstore/port.js';
import type { StoredEvent } from '../eventstore/envelope.js';
import { itemsNow } from '../eventstore/arrayReads.js';

/** Read a stream and decode every record through the registry (upcasting, quarantining). */
export async function* readDecoded(
  store: EventStore,
  registry: CodecRegistry,
  streamId: string,
  options?: ReadStreamOptions,
): AsyncIterable<DecodedRecord> {
  for await (const record of store.readStream(streamId, options)) yield registry.decode(record);
}

/** Read the global log and decode every record through the registry. */
export async function* readAllDecoded(
  store: EventStore,
  registry: CodecRegistry,
  options?: ReadAllOptions,
): AsyncIterable<DecodedRecord> {
  for await (const record of store.readAll(options)) yield registry.decode(record);
}

export interface LoadedStream<State> extends ChainHead {
  readonly state: State;
  readonly quarantined: readonly QuarantinedRecord[];
  /** Corrections or retractions in the stream that could not be applied (reported, then ignored). */
  readonly correctionProblems: readonly CorrectionProblem[];
  /** The first place the stream's chain is visibly broken (a missing version, a `prevHash` not the previous hash). */
  readonly broken?: ChainBreakOnLoad;
}

/** What loading notices for free: full re-hashing stays with `verifyStream`. */
export interface ChainBreakOnLoad {
  readonly version: number;
  readonly reason: 'version-gap' | 'broken-link';
}

/**
 * Fold a stream into state. Corrections and retractions are honoured (the corrected event's replacement is
 * folded in its place, retracted events are skipped); quarantined records are collected, not folded, and
 * never thrown.
 */
export const loadStream = async <State, Event extends DomainEvent>(
  store: EventStore,
  registry: CodecRegistry,
  streamId: string,
  evolve: (state: State, event: Event) => State,
  initialState: State,
): Promise<LoadedStream<State>> => {
  const { state: records, version, hash, quarantined, broken } = await loadRecords(store, registry, streamId);
  const hasCorrections = records.some((record) => isCorrectionType(record.type));
  // Without corrections the records are the effective events: fold them as they are, no second list.
  const { events, problems } = hasCorrections
    ? effectiveEvents(records, { upcastReplacement: (replacement) => upcastReplacement(registry, replacement) })
    : { events: records, problems: [] };
  const state = foldRecords(events, evolve, initialState);
  return { state, version, hash, quarantined, correctionProblems: problems, ...(broken === undefined ? {} : { broken }) };
};

/** Fold records (already free of corrections) onto a state with the decider's `evolve`. */
export const foldRecords = <State, Event extends DomainEvent>(
  records: readonly { readonly type: string; readonly data: unknown }[],
  evolve: (state: State, event: Event) => State,
  state: State,
): State => {
  let folded = state;
  for (const record of records) folded = evolve(folded, { type: record.type, data: record.data } as Event);
  return folded;
};

/** A verified point of a stream's chain: its version and the hash of the event at that version. */
export interface ChainHead {
  readonly version: StreamVersion;
  /** The hash of the event at `version` (`GENESIS_HASH` for an empty stream). */
  readonly hash: string;
}

/** The empty stream's head: where every full read starts. */
export const STREAM_START: ChainHead = { version: NO_STREAM, hash: GENESIS_HASH };

/** Records read from a stream, with the head they end at and what loading noticed on the way. */
export interface LoadedRecords extends ChainHead {
  readonly state: readonly StreamRecord[];
  readonly quarantined: readonly QuarantinedRecord[];
  readonly broken?: ChainBreakOnLoad;
}

/**
 * A stream's readable records (event id, type, upcast data) in order, for deciders that work on records,
 * such as `correctable(...)` aggregates. Unreadable records are returned apart, never thrown.
 */
export const loadRecords = (store: EventStore, registry: CodecRegistry, streamId: string): Promise<LoadedRecords> =>
  loadRecordsAfter(store, registry, streamId, STREAM_START);

/**
 * The records after `from`, a head verified earlier (a cached state's): versions must continue from it and the
 * first record must link to its hash, so what was read since is checked exactly as a full load would check it.
 */
export const loadRecordsAfter = async (store: EventStore, registry: CodecRegistry, streamId: string, from: ChainHead): Promise<LoadedRecords> => {
  let { version, hash: previousHash } = from;
  const quarantined: QuarantinedRecord[] = [];
  const records: StreamRecord[] = [];
  let broken: ChainBreakOnLoad | undefined;
  const options = from.version === NO_STREAM ? undefined : { fromVersion: from.version + 1 };
  const step = (record: StoredEvent): void => {
    const decoded = registry.decode(record);
    const expected: number = version === NO_STREAM ? 0 : version + 1;
    if (broken === undefined && record.streamVersion !== expected) broken = { version: record.streamVersion, reason: 'version-gap' };
    else if (broken === undefined && record.prevHash !== previousHash) broken = { version: record.streamVersion, reason: 'broken-link' };
    previousHash = record.hash;
    version = record.streamVersion;
    if (decoded.kind === 'quarantined') quarantined.push(decoded);
    else records.push({ eventId: decoded.record.eventId, type: decoded.type, data: decoded.data });
  };
  // The store's own iterator, decoded here: a second async generator (readDecoded) would cost a hop per event. A
  // store holding the stream in memory hands the events over at once, with no promise per event.
  const read = store.readStream(streamId, options);
  const now = itemsNow(read);
  if (now === undefined) for await (const record of read) step(record);
  else for (const record of now) step(record);
  return { state: records, version, hash: previousHash, quarantined, ...(broken === undefined ? {} : { broken }) };
};

/** Bring a correction's replacement to the current schema of its type, as stored events are. */
const upcastReplacement = (registry: CodecRegistry, replacement: Replacement): { type: string; data: unknown } | undefined => {
  const version = replacement.schemaVersion ?? registry.currentVersion(replacement.type);
  if (version === undefined) return undefined;
  const decoded = registry.decodeData(replacement.type, version, replacement.data);
  return decoded.ok ? { type: replacement.type, data: decoded.data } : undefined;
};

/** The rejection for a stream holding records the registry cannot read: nothing is decided or answered on part of a history. */
export const unreadableStream = (streamId: string, quarantined: readonly QuarantinedRecord[]): DomainError => {
  const versions = quarantined.map((q) => q.record.streamVersion);
  return domainError(CoreErrors.streamHasQuarantinedEvents, `stream "${streamId}" has unreadable events at versions ${versions.join(', ')}`, {
    details: { streamId, versions, reasons: quarantined.map((q) => q.reason) },
  });
};

/** `loadStream` for services: `Left StreamHasQuarantinedEvents` when the stream holds records the registry cannot read. */
export const loadReadableStream = async <State, Event extends DomainEvent>(
  store: EventStore,
  registry: CodecRegistry,
  streamId: string,
  evolve: (state: State, event: Event) => State,
  initialState: State,
): Promise<Either<DomainError, LoadedStream<State>>> => {
  const loaded = await loadStream(store, registry, streamId, evolve, initialState);
  if (loaded.broken !== undefined) return left(corruptedStream(streamId, loaded.broken));
  return loaded.quarantined.length > 0 ? left(unreadableStream(streamId, loaded.quarantined)) : right(loaded);
};

/** The rejection for a stream whose chain loading found broken: nothing is decided on a tampered history. */
export const corruptedStream = (streamId: string, broken: ChainBreakOnLoad): DomainError =>
  domainError(CoreErrors.streamCorrupted, `stream "${streamId}" is broken at version ${broken.version} (${broken.reason}); verifyStream tells more`, {
    details: { streamId, ...broken },
  });
