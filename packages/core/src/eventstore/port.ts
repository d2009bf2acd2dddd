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
