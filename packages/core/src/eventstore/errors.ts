import type { ExpectedVersion, StreamVersion } from './expectedVersion.js';

/** Base of every error an event store raises. `code` is stable; `cause` keeps the driver's original error. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An append's expected version did not match the stream. Nothing was written. */
export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WrongExpectedVersion' as const;
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: StreamVersion,
    options?: { cause?: unknown },
  ) {
    super(`stream "${streamId}": expected version ${String(expected)}, actual ${String(actual)}`, options);
  }
}

export interface FieldIssue {
  /** Dotted path from the event root, e.g. `data.articleKeys.0` or `metadata.provenance.actorId`. */
  readonly path: string;
  readonly message: string;
}

/** An event in an append batch failed validation. Nothing from the batch was written. */
export class InvalidEvent extends EventStoreError {
  readonly code = 'InvalidEvent' as const;
  /** The first failing field; `issues` lists all of them. */
  readonly path: string;
  constructor(
    readonly eventType: string,
    readonly index: number,
    readonly issues: readonly [FieldIssue, ...FieldIssue[]],
    readonly schemaVersion?: number,
  ) {
    const first = issues[0];
    super(`event #${index} (${eventType}${schemaVersion === undefined ? '' : ` v${schemaVersion}`}): ${first.path}: ${first.message}`);
    this.path = first.path;
  }
}

/** An argument to a store call (stream id, expected version, read range) is malformed. */
export class InvalidArgument extends EventStoreError {
  readonly code = 'InvalidArgument' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The same event id was appended before with different content or to a different place. Nothing written. */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'DuplicateEventId' as const;
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`event id ${eventId} already exists (appending to "${streamId}") with different content or position`);
  }
}

/**
 * The stored stream contradicts itself where the store can see it at no cost (its head row against its last
 * event: a deleted last event, an overwritten head hash, a lowered head version), so it refuses to build on it.
 * `version` is the version at which the contradiction was found. Nothing was written; `verifyStream` over the
 * stream's events tells more. Restore the stream from a backup or repair it by hand.
 */
export class StreamCorrupted extends EventStoreError {
  readonly code = 'StreamCorrupted' as const;
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`stream "${streamId}" is corrupted at version ${version}: ${reason}`);
  }
}

/**
 * An imported event does not chain onto its predecessor (the target's event before it, or the one before it in the
 * batch), or its content no longer produces its hash. `version` is the imported event's stream version. Nothing
 * of the batch was written.
 */
export class ImportChainBroken extends EventStoreError {
  readonly code = 'ImportChainBroken' as const;
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly eventId: string,
    readonly reason: 'content-altered' | 'broken-link' | 'version-gap',
    readonly detail: string,
  ) {
    super(`import refused: stream "${streamId}" version ${version} (event ${eventId}): ${reason}: ${detail}`);
  }
}

/**
 * The target already holds a different event at an imported event's place: its history diverges from the source's
 * there. `storedEventId` is the target's event at that version. Nothing of the batch was written.
 */
export class ImportConflict extends EventStoreError {
  readonly code = 'ImportConflict' as const;
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly eventId: string,
    readonly storedEventId: string,
  ) {
    super(`import refused: stream "${streamId}" version ${version} holds event ${storedEventId} in the target, not ${eventId}: the histories diverge there`);
  }
}

/** The store was closed, or its backing database is unreachable. */
export class StoreUnavailable extends EventStoreError {
  readonly code = 'StoreUnavailable' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Anything else the backing database reported; `cause` is the original error. */
export class StoreFailure extends EventStoreError {
  readonly code = 'StoreFailure' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type EventStoreErrorCode =
  | WrongExpectedVersion['code']
  | InvalidEvent['code']
  | InvalidArgument['code']
  | DuplicateEventId['code']
  | StreamCorrupted['code']
  | ImportChainBroken['code']
  | ImportConflict['code']
  | StoreUnavailable['code']
  | StoreFailure['code'];
