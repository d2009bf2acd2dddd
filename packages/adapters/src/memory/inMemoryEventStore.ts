import {
  DuplicateEventId,
  GENESIS_HASH,
  NO_STREAM,
  START,
  StoreUnavailable,
  WrongExpectedVersion,
  comparePositions,
  expectedVersionMatches,
  positionFromSequence,
  sealEvents,
  type AppendOptions,
  type AppendResult,
  type EventImporter,
  type EventStore,
  type ImportResult,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamVersion,
  type WaitOptions,
} from '@laborcase/core';
import {
  deepFreeze,
  iterateArray,
  planImport,
  resolveAllRange,
  resolveRetriedAppend,
  resolveStreamRange,
  resolveWaitOptions,
  validateAppend,
  validateImport,
  validateStreamId,
  type AppendLimits,
} from '@laborcase/core/adapter-kit';
import { resolveStoreOptions, type CommonStoreOptions } from '../shared/storeOptions.js';
import { waitUntil, type Waiters, createWaiters } from '../shared/waiters.js';

type ValidatedBatch = ReturnType<typeof validateAppend>;

export interface InMemoryEventStoreOptions extends CommonStoreOptions {
  readonly limits?: AppendLimits;
}

/**
 * The reference implementation of the port: every rule of the contract, nothing persisted. Every stored event
 * is deep-frozen once, when it is appended, and then handed out as it is: changing what a read returned throws
 * (modules are strict), so what is stored cannot change, without a copy per read.
 */
export class InMemoryEventStore implements EventStore, EventImporter {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  /** Which append wrote each event, so a retry that repeats only part of an append can be told apart. */
  private readonly appendOf = new Map<string, number>();
  private appends = 0;
  private readonly log: StoredEvent[] = [];
  private readonly waiters: Waiters = createWaiters();
  private closed = false;

  private readonly options: InMemoryEventStoreOptions & { readonly clock: () => Date };

  constructor(options: InMemoryEventStoreOptions) {
    this.options = resolveStoreOptions(options);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.ensureOpen();
    const batch = validateAppend(this.options.registry, streamId, events, options?.expectedVersion, this.options.limits);
    const stream = this.streams.get(batch.streamId) ?? [];
    const retried = this.retriedAppend(batch, stream);
    if (retried !== undefined) {
      return { nextExpectedVersion: retried[retried.length - 1]?.streamVersion ?? NO_STREAM, events: retried };
    }
    const last = stream[stream.length - 1];
    const actual: StreamVersion = last === undefined ? NO_STREAM : last.streamVersion;
    if (!expectedVersionMatches(batch.expectedVersion, actual)) {
      throw new WrongExpectedVersion(batch.streamId, batch.expectedVersion, actual);
    }
    const recordedAt = this.options.clock().toISOString();
    const sealed = sealEvents(batch.streamId, { version: actual, hash: last?.hash ?? GENESIS_HASH }, batch.events, recordedAt);
    // Sealed from validateAppend's output, data and metadata are deep-frozen already (sealEvents): only the
    // event object is left to freeze.
    const stored = sealed.map((event, i): StoredEvent => Object.freeze({ ...event, globalPosition: positionFromSequence(this.log.length + 1 + i) }));
    this.appends += 1;
    for (const event of stored) {
      this.appendOf.set(event.eventId, this.appends);
      stream.push(event);
      this.log.push(event);
      this.byId.set(event.eventId, event);
    }
    this.streams.set(batch.streamId, stream);
    if (stored.length > 0) this.waiters.notify();
    return { nextExpectedVersion: stream[stream.length - 1]?.streamVersion ?? NO_STREAM, events: stored };
  }

  /** The stored events, when `batch` repeats an earlier append (see `resolveRetriedAppend`); undefined for a new one. */
  private retriedAppend(batch: ValidatedBatch, stream: readonly StoredEvent[]): readonly StoredEvent[] | undefined {
    // The common case, no id seen before, decided without building anything.
    if (!batch.events.some((e) => this.byId.has(e.eventId))) return undefined;
    const existing = batch.events.map((e) => this.byId.get(e.eventId));
    const matched = existing.filter((e): e is StoredEvent => e !== undefined);
    return resolveRetriedAppend(batch.streamId, batch.expectedVersion, batch.events, existing, {
      before: stream[(matched[0]?.streamVersion ?? 0) - 1],
      after: stream[(matched[matched.length - 1]?.streamVersion ?? -2) + 1],
      sameAppend: (a, b) => this.appendOf.get(a.eventId) === this.appendOf.get(b.eventId),
    });
  }

  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    this.ensureOpen();
    const batch = validateImport(this.options.registry, events, this.options.limits);
    const plan = planImport(batch, (streamId) => {
      const stream = this.streams.get(streamId) ?? [];
      const last = stream[stream.length - 1];
      return {
        head: { version: last?.streamVersion ?? NO_STREAM, hash: last?.hash ?? GENESIS_HASH },
        stored: { get: (version: number) => stream[version] },
      };
    });
    const clash = plan.write.find((event) => this.byId.has(event.eventId));
    if (clash !== undefined) throw new DuplicateEventId(clash.eventId, clash.streamId);
    // Everything is checked: from here on nothing throws, so the batch is written whole.
    this.appends += 1;
    for (const sealed of plan.write) {
      const event = deepFreeze({ ...sealed, globalPosition: positionFromSequence(this.log.length + 1) });
      const stream = this.streams.get(event.streamId) ?? [];
      stream.push(event);
      this.streams.set(event.streamId, stream);
      this.appendOf.set(event.eventId, this.appends);
      this.log.push(event);
      this.byId.set(event.eventId, event);
    }
    if (plan.write.length > 0) this.waiters.notify();
    return { imported: plan.write.length, skipped: plan.skipped };
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return iterateArray(() => {
      this.ensureOpen();
      validateStreamId(streamId);
      const range = resolveStreamRange(options);
      const stream = this.streams.get(streamId) ?? [];
      // A stream's array index is its version (appends are contiguous from 0), so the range maps to indexes directly.
      const last = stream.length - 1;
      const forwards = range.direction === 'forwards';
      const from = forwards ? (range.fromVersion ?? 0) : Math.min(range.fromVersion ?? last, last);
      const bound = forwards ? Math.min(range.toVersion ?? last, last) : Math.max(range.toVersion ?? 0, 0);
      return { items: stream, range: { from, bound, step: forwards ? 1 : -1, maxCount: range.maxCount } };
    });
  }

  async streamVersion(streamId: string): Promise<StreamVersion> {
    this.ensureOpen();
    validateStreamId(streamId);
    const stream = this.streams.get(streamId);
    return stream?.[stream.length - 1]?.streamVersion ?? NO_STREAM;
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    return iterateArray(() => {
      this.ensureOpen();
      const range = resolveAllRange(options);
      const types = range.eventTypes;
      const skip = types === undefined ? undefined : (event: StoredEvent): boolean => !types.has(event.type);
      return { items: this.log, range: { from: this.firstIndexAfter(range.after), bound: Number.POSITIVE_INFINITY, step: 1, maxCount: range.maxCount, ...(skip === undefined ? {} : { skip }) } };
    });
  }

  async headPosition(): Promise<GlobalPosition> {
    this.ensureOpen();
    return this.log[this.log.length - 1]?.globalPosition ?? START;
  }

  async waitForEvents(after: GlobalPosition, options?: WaitOptions): Promise<boolean> {
    this.ensureOpen();
    resolveAllRange({ after });
    const wait = resolveWaitOptions(options);
    return waitUntil(this.waiters, async () => comparePositions(await this.headPosition(), after) > 0, wait);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiters.close();
  }

  private firstIndexAfter(after: GlobalPosition): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const event = this.log[mid];
      if (event !== undefined && comparePositions(event.globalPosition, after) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreUnavailable('the in-memory event store is closed');
  }
}

/** The in-memory store: the reference implementation of the port, for tests and prototypes (nothing is persisted). */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions): EventStore => new InMemoryEventStore(options);
