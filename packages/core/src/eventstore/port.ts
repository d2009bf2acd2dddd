import type { NewEvent, StoredEvent } from './envelope.js';
import type { ExpectedVersion, StreamVersion } from './expectedVersion.js';
import type { GlobalPosition } from './position.js';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append (the version of its last event). */
  readonly nextExpectedVersion: StreamVersion;
  /** The stored events, in stream order, with their positions and hashes. */
  readonly events: readonly StoredEvent[];
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: ReadDirection;
  /**
   * First version to read, inclusive. Forwards it defaults to 0; backwards to the stream's last version.
   */
  readonly fromVersion?: number;
  /** Last version to read, inclusive, in the reading direction (forwards: ≥ from; backwards: ≤ from). */
  readonly toVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; defaults to the start of the log. */
  readonly after?: GlobalPosition;
  readonly maxCount?: number;
  /** Only events of these types (still in global order). */
  readonly eventTypes?: readonly string[];
}

export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Give up after this long and resolve `false`. */
  readonly timeoutMs?: number;
}

/**
 * The one port every event store implements. Streams are append-only; versions are 0-based; a stream
 * with no events reports `NO_STREAM`. Every method rejects with an `EventStoreError` subclass.
 */
export interface EventStore {
  /**
   * Append a batch atomically: all events or none. Validates every event against the codec registry
   * (data and metadata) before anything is written. Re-appending the very same event ids with the same
   * expected version is idempotent: it returns the original result and writes nothing.
   */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Events of one stream, in the requested direction and range. A missing stream yields nothing. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;

  /** The stream's current version, or `NO_STREAM`. */
  streamVersion(streamId: string): Promise<StreamVersion>;

  /**
   * Every event of every stream in global order, strictly after `options.after`. A reader that
   * resumes from the last position it saw never skips an event and never sees one twice.
   */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** The position of the last event in the log, or `START` when the log is empty. */
  headPosition(): Promise<GlobalPosition>;

  /**
   * Resolves `true` as soon as an event exists after `after` (immediately if one already does), or
   * `false` on timeout or abort. Projection runtimes use it to follow the log without busy polling.
   */
  waitForEvents(after: GlobalPosition, options?: WaitOptions): Promise<boolean>;

  /** Releases connections and wakes pending waiters; later calls reject with `StoreUnavailable`. */
  close(): Promise<void>;
}

export interface ImportResult {
  /** Events written by this call. */
  readonly imported: number;
  /** Events the target already held (same id and hash at the same stream version): an earlier, interrupted run's. */
  readonly skipped: number;
}

/**
 * A store that can take events another store recorded, as they were recorded. An optional capability beside
 * `EventStore` rather than a port method: it is a migration tool (`laborcase copy`), not part of the write path
 * services use, and a store written for the port alone stays a valid store. Every store in `@laborcase/adapters`
 * implements it, and the contract suite checks it.
 */
export interface EventImporter {
  /**
   * Write `events` (read from another store's `readAll`, in that order) keeping their ids, `recordedAt`, metadata,
   * stream versions and hashes; global positions are this store's own (their order follows `events`). Each event
   * is validated against the codec registry as `append` validates it, and its hash is recomputed and checked
   * against its predecessor (the target's event before it, or the one before it in `events`). Events the target
   * already holds (same id and hash at the same version) are skipped, so an interrupted import re-run from the
   * start continues where it stopped. Rejects with `ImportChainBroken`, `ImportConflict` (the target holds another
   * event at that version), `DuplicateEventId` (the id is stored elsewhere), `InvalidEvent` (naming the event's
   * index in `events`) or `InvalidArgument`; a rejected batch writes nothing.
   */
  importEvents(events: readonly StoredEvent[]): Promise<ImportResult>;
}

/** Whether `store` can import recorded events. */
export const isEventImporter = <S extends EventStore>(store: S): store is S & EventImporter =>
  typeof (store as Partial<EventImporter>).importEvents === 'function';
