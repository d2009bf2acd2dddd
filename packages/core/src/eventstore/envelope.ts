import type { GlobalPosition } from './position.js';

/** Who caused a fact to be recorded. Mandatory on every event: auditors must be able to ask "who said so?". */
export interface Provenance {
  readonly actorId: string;
  readonly role: string;
  /** Set when the actor recorded the fact for someone else (a clerk filing for a grievant). */
  readonly onBehalfOf?: string;
}

/** Metadata supplied by the caller when appending. */
export interface NewEventMetadata {
  readonly provenance: Provenance;
  readonly correlationId: string;
  readonly causationId: string;
  /** The business date (YYYY-MM-DD) the fact is about; may differ from when it was recorded. */
  readonly effectiveOn: string;
}

/** Metadata as stored: the caller's plus `recordedAt`, set from the store's injected clock. */
export interface EventMetadata extends NewEventMetadata {
  /** ISO-8601 instant at which the store recorded the event. */
  readonly recordedAt: string;
}

/** An event as handed to `append`. `schemaVersion` defaults to the registry's current version of `type`. */
export interface NewEvent<Data = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: Data;
  readonly metadata: NewEventMetadata;
}

/**
 * The part of a stored event covered by the chain hash: everything the store keeps about it except
 * the global position (assigned by some stores only after the write) and the hashes themselves.
 */
export interface SealedContent {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** A validated, hashed event ready to be written; every adapter writes exactly these fields. */
export interface SealedEvent extends SealedContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as read back from any store: exactly what was stored, never an upcast view. */
export interface StoredEvent extends SealedEvent {
  readonly globalPosition: GlobalPosition;
}
