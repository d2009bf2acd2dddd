import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START as ESDB_START,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  DuplicateEventId,
  GENESIS_HASH,
  InvalidArgument,
  NO_STREAM,
  START,
  StoreFailure,
  StoreUnavailable,
  WrongExpectedVersion,
  comparePositions,
  expectedVersionMatches,
  sealEvents,
  type AppendOptions,
  type AppendResult,
  type EventImporter,
  type EventStore,
  type GlobalPosition,
  type ImportResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamVersion,
  type WaitOptions,
} from '@laborcase/core';
import {
  MAX_TIMER_MS,
  importedVersions,
  inStreamRange,
  planImport,
  resolveAllRange,
  resolveRetriedAppend,
  resolveStreamRange,
  resolveWaitOptions,
  streamRuns,
  validateAppend,
  validateImport,
  validateStreamId,
  type AppendLimits,
  type ImportTargetStream,
  type ValidatedEvent,
} from '@laborcase/core/adapter-kit';
import { resolveStoreOptions, type CommonStoreOptions } from '../shared/storeOptions.js';
import { HeadCache, type Head } from '../shared/headCache.js';
import {
  CLAIM_EVENT_TYPE,
  claimStreamOf,
  fromEsdbPosition,
  fromRecordedEvent,
  hasPosition,
  isLaborcaseEvent,
  revisionAfter,
  toEsdbMetadata,
  toEsdbPosition,
  translateError,
  wrongExpectedVersionOf,
  type DecodedEvent,
  type EsdbPosition,
  type EsdbRecordedEvent,
} from './mapping.js';

/**
 * The client calls the adapter makes: an `EventStoreDBClient` from `@eventstore/db-client` 6.x fits as it is.
 * Tests and wrappers may pass anything with these methods.
 */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbEventStoreOptions extends CommonStoreOptions {
  /**
   * `esdb://host:2113?tls=false` (one host: direct connection) or `esdb+discover://…` (gossip). Give this or
   * `client`. The store owns a client it creates and disposes it on `close()`.
   */
  readonly connectionString?: string;
  /** A client you own (its lifetime is yours: `close()` does not dispose it). */
  readonly client?: EventStoreDbClient;
  /** Events per read request (default 500): every read is paged; no read is unbounded. */
  readonly pageSize?: number;
  readonly limits?: AppendLimits;
  /** How often an append with ANY or STREAM_EXISTS re-reads the stream head after losing a race (default 100). */
  readonly maxAppendAttempts?: number;
}

const DEFAULT_PAGE_SIZE = 500;
/** Claims written at once, per append. */
const CLAIM_CONCURRENCY = 64;

const recordedOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbRecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    streamId: event.streamId,
    id: event.id,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    isJson: event.isJson,
    position: event.position,
  };
};

/**
 * Iterate a client read; when the caller stops early, drain the rest of the page (bounded by its `maxCount`) instead
 * of destroying it. A read whose stream is destroyed half-consumed never finishes, and the client's `dispose()`
 * waits for every call to finish (cancelling does not help once the server has ended the call).
 */
async function* reading<T>(read: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = read[Symbol.asyncIterator]();
  let settled = false;
  try {
    while (true) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        settled = true;
        throw error;
      }
      if (next.done === true) {
        settled = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!settled) {
      try {
        while ((await iterator.next()).done !== true);
      } catch {
        // The read failed while being drained: nothing is left to finish.
      }
    }
  }
}

const isStreamNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'stream-not-found';

/**
 * The port on EventStoreDB / KurrentDB through `@eventstore/db-client`. Stream versions are EventStoreDB revisions;
 * global positions are `commit:prepare`; events are JSON with our envelope in the JSON metadata; `$all` reads
 * skip system events and the adapter's event-id claims. See packages/adapters/README.md for the layout.
 */
export class EventStoreDbEventStore implements EventStore, EventImporter {
  private readonly options: EventStoreDbEventStoreOptions & { readonly clock: () => Date };
  private readonly client: EventStoreDbClient;
  private readonly ownsClient: boolean;
  private readonly pageSize: number;
  private readonly maxAttempts: number;
  private closed = false;
  /** Heads of the streams this store last appended to or read the head of (a bounded, least-recently-set cache). */
  private readonly heads = new HeadCache();
  /** Pending `waitForEvents` calls, woken with `false` on close. */
  private readonly waiting = new Set<() => void>();

  constructor(options: EventStoreDbEventStoreOptions) {
    this.options = resolveStoreOptions(options);
    const { connectionString, client, pageSize = DEFAULT_PAGE_SIZE, maxAppendAttempts = 100 } = this.options;
    if ((connectionString === undefined) === (client === undefined)) {
      throw new InvalidArgument('connectionString', 'give exactly one of connectionString and client');
    }
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new InvalidArgument('pageSize', `must be a positive integer, got ${JSON.stringify(pageSize)}`);
    if (!Number.isSafeInteger(maxAppendAttempts) || maxAppendAttempts < 1) {
      throw new InvalidArgument('maxAppendAttempts', `must be a positive integer, got ${JSON.stringify(maxAppendAttempts)}`);
    }
    if (client !== undefined) {
      this.client = client;
      this.ownsClient = false;
    } else {
      if (typeof connectionString !== 'string' || !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kdb):\/\//.test(connectionString)) {
        throw new InvalidArgument('connectionString', 'must be an esdb:// or esdb+discover:// connection string');
      }
      try {
        this.client = EventStoreDBClient.connectionString(connectionString);
      } catch (error) {
        throw new InvalidArgument('connectionString', `could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.ownsClient = true;
    }
    this.pageSize = pageSize;
    this.maxAttempts = maxAppendAttempts;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.ensureOpen();
    const batch = validateAppend(this.options.registry, streamId, events, options?.expectedVersion, this.options.limits);
    const { expectedVersion } = batch;
    try {
      if (batch.events.length > 0) {
        const claimedBefore = await this.claim(batch.streamId, batch.events);
        if (claimedBefore.size > 0) {
          const retried = await this.resolveRetry(batch.streamId, expectedVersion, batch.events, claimedBefore);
          if (retried !== undefined) {
            return { nextExpectedVersion: retried[retried.length - 1]?.streamVersion ?? NO_STREAM, events: retried };
          }
        }
      }
      for (let attempt = 1; ; attempt++) {
        // First try the head this store last saw (or, for NO_STREAM, an empty stream): the server's exact-revision
        // check refuses a stale guess, and only a head read from the server can make a conflict.
        const guessed = attempt === 1 && batch.events.length > 0 ? this.heads.guess(batch.streamId, expectedVersion) : undefined;
        const head = guessed ?? (await this.readHead(batch.streamId));
        const actual = head.version;
        if (!expectedVersionMatches(expectedVersion, actual)) {
          if (guessed !== undefined) continue;
          throw new WrongExpectedVersion(batch.streamId, expectedVersion, actual);
        }
        if (batch.events.length === 0) return { nextExpectedVersion: actual, events: [] };
        const recordedAt = this.options.clock().toISOString();
        const sealed = sealEvents(batch.streamId, { version: actual, hash: head.hash }, batch.events, recordedAt);
        const appendId = sealed[0]!.eventId;
        let result: Awaited<ReturnType<EventStoreDbClient['appendToStream']>>;
        try {
          result = await this.client.appendToStream(
            batch.streamId,
            sealed.map((event) => jsonEvent({ id: event.eventId, type: event.type, data: event.data as never, metadata: toEsdbMetadata(event, appendId) as never })),
            // Always the exact revision read above: the chain links to that very event, whatever the caller expected.
            { expectedRevision: revisionAfter(actual) },
          );
        } catch (error) {
          // Someone appended between our read and our write: re-read and re-check (an exact expectation then fails).
          if (wrongExpectedVersionOf(error) !== undefined && attempt < this.maxAttempts) continue;
          throw error;
        }
        const lastVersion = sealed[sealed.length - 1]!.streamVersion;
        if (result.nextExpectedRevision !== BigInt(lastVersion)) {
          throw new StoreFailure(
            `stream "${batch.streamId}": EventStoreDB stored the batch ending at revision ${result.nextExpectedRevision}, not ${lastVersion} (was the stream soft-deleted outside this store?)`,
          );
        }
        this.heads.remember(batch.streamId, { version: lastVersion, hash: sealed[sealed.length - 1]!.hash });
        const positions = await this.positionsOf(batch.streamId, sealed[0]!.streamVersion, sealed.map((e) => e.eventId), result.position);
        const stored = sealed.map((event): StoredEvent => ({ ...event, globalPosition: positions.get(event.eventId)! }));
        return { nextExpectedVersion: lastVersion, events: stored };
      }
    } catch (error) {
      throw translateError(error, { streamId: batch.streamId, expected: expectedVersion });
    }
  }

  /**
   * EventStoreDB has no transaction across streams, so the whole batch is validated and planned against the
   * target (heads and stored events read first) before anything is written: a refused batch writes no event (only
   * id claims, which reads never show). The events are then written run by run in the batch's order, each run at
   * the exact revision its chain links to. A failure while writing (the server going away) leaves a prefix of
   * the batch, which a re-run skips: the log's order still follows the batch's.
   */
  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    this.ensureOpen();
    const batch = validateImport(this.options.registry, events, this.options.limits);
    let streamId: string | undefined;
    try {
      const targets = new Map<string, ImportTargetStream>();
      for (const [id, range] of importedVersions(batch)) {
        streamId = id;
        targets.set(id, await this.importTarget(id, range.from, range.to));
      }
      const plan = planImport(batch, (id) => targets.get(id)!);
      const runs = streamRuns(plan.write);
      for (const run of runs) {
        streamId = run[0]!.streamId;
        await this.claim(streamId, run);
      }
      for (const run of runs) {
        const first = run[0]!;
        const last = run[run.length - 1]!;
        streamId = first.streamId;
        await this.client.appendToStream(
          first.streamId,
          run.map((event) => jsonEvent({ id: event.eventId, type: event.type, data: event.data as never, metadata: toEsdbMetadata(event, first.eventId) as never })),
          { expectedRevision: revisionAfter(first.streamVersion === 0 ? NO_STREAM : first.streamVersion - 1) },
        );
        this.heads.remember(first.streamId, { version: last.streamVersion, hash: last.hash });
      }
      return { imported: plan.write.length, skipped: plan.skipped };
    } catch (error) {
      if (streamId !== undefined) this.heads.forget(streamId);
      throw translateError(error, streamId === undefined ? {} : { streamId });
    }
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    this.ensureOpen();
    validateStreamId(streamId);
    const range = resolveStreamRange(options);
    let yielded = 0;
    for await (const { event } of this.pagedStream(streamId, range.direction, range.fromVersion)) {
      if (yielded >= range.maxCount) return;
      if (!inStreamRange(range, event.streamVersion)) {
        // Past the bound in the reading direction: nothing further can be in range.
        if (range.toVersion !== undefined) return;
        continue;
      }
      yielded += 1;
      yield event;
    }
  }

  async streamVersion(streamId: string): Promise<StreamVersion> {
    this.ensureOpen();
    validateStreamId(streamId);
    try {
      return (await this.readHead(streamId)).version;
    } catch (error) {
      throw translateError(error, { streamId });
    }
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    this.ensureOpen();
    const range = resolveAllRange(options);
    let floor: GlobalPosition = range.after;
    let from = toEsdbPosition(floor);
    if (range.maxCount === 0) return;
    let yielded = 0;
    try {
      while (true) {
        let raw = 0;
        let lastSeen: EsdbPosition | undefined;
        for await (const resolved of reading(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: this.pageSize }))) {
          raw += 1;
          const recorded = recordedOf(resolved);
          if (!hasPosition(recorded?.position)) continue;
          // Reads from a position include it; the port reads strictly after (`after`, then the previous page's last).
          if (comparePositions(fromEsdbPosition(recorded.position), floor) <= 0) continue;
          lastSeen = recorded.position;
          if (!isLaborcaseEvent(recorded)) continue;
          const { event } = fromRecordedEvent(recorded);
          if (range.eventTypes !== undefined && !range.eventTypes.has(event.type)) continue;
          yielded += 1;
          yield event;
          if (yielded >= range.maxCount) return;
        }
        if (raw < this.pageSize || lastSeen === undefined) return;
        from = lastSeen;
        floor = fromEsdbPosition(lastSeen);
      }
    } catch (error) {
      throw translateError(error);
    }
  }

  async headPosition(): Promise<GlobalPosition> {
    this.ensureOpen();
    try {
      let from: 'end' | EsdbPosition = END;
      while (true) {
        let raw = 0;
        let lastSeen: EsdbPosition | undefined;
        for await (const resolved of reading(this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: this.pageSize }))) {
          raw += 1;
          const recorded = recordedOf(resolved);
          if (recorded?.position === undefined) continue;
          if (lastSeen !== undefined && recorded.position.commit === lastSeen.commit && recorded.position.prepare === lastSeen.prepare) continue;
          lastSeen = recorded.position;
          if (isLaborcaseEvent(recorded)) return fromRecordedEvent(recorded).event.globalPosition;
        }
        if (raw < this.pageSize || lastSeen === undefined) return START;
        from = lastSeen;
      }
    } catch (error) {
      throw translateError(error);
    }
  }

  async waitForEvents(after: GlobalPosition, options?: WaitOptions): Promise<boolean> {
    this.ensureOpen();
    resolveAllRange({ after });
    const from = toEsdbPosition(after);
    const { signal, timeoutMs } = resolveWaitOptions(options);
    if (comparePositions(await this.headPosition(), after) > 0) return true;
    if (signal?.aborted === true || (timeoutMs !== undefined && timeoutMs <= 0)) return false;
    // A catch-up subscription from `after` (exclusive) without system events: the first event of ours answers.
    const subscription = this.client.subscribeToAll({ fromPosition: from === 'start' ? ESDB_START : from, filter: excludeSystemEvents() });
    return new Promise<boolean>((resolve) => {
      // First, so that no error of the subscription is ever unhandled (an unhandled 'error' event ends the process).
      // A dropped subscription is not an event: report "nothing yet" and let the caller poll again.
      subscription.on('error', () => finish(false));
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (answer: boolean) => {
        if (done) return;
        done = true;
        this.waiting.delete(wake);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // Keep it flowing until the cancellation lands, so that the client can dispose of it.
        void subscription.unsubscribe().catch(() => undefined);
        resolve(answer);
      };
      const wake = () => finish(false);
      const onAbort = () => finish(false);
      this.waiting.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        // Node's timers hold at most MAX_TIMER_MS; a longer wait sleeps in steps.
        const deadline = Date.now() + timeoutMs;
        const sleep = () => {
          const remaining = deadline - Date.now();
          timer = remaining <= 0 ? undefined : setTimeout(sleep, Math.min(remaining, MAX_TIMER_MS));
          if (timer === undefined) finish(false);
        };
        sleep();
      }
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        const recorded = recordedOf(resolved);
        if (recorded !== undefined && isLaborcaseEvent(recorded)) finish(true);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.waiting]) wake();
    if (this.ownsClient) await this.client.dispose();
  }

  // ---- internals ----

  private ensureOpen(): void {
    if (this.closed) throw new StoreUnavailable('the EventStoreDB event store is closed');
  }

  /**
   * Pages through one stream in a direction, `pageSize` events per request, resuming after the last revision
   * seen. A missing or soft-deleted stream yields nothing.
   */
  private async *pagedStream(streamId: string, direction: 'forwards' | 'backwards', fromVersion: number | undefined): AsyncGenerator<DecodedEvent> {
    let from: bigint | 'start' | 'end' = fromVersion === undefined ? (direction === 'forwards' ? ESDB_START : END) : BigInt(fromVersion);
    try {
      while (true) {
        let raw = 0;
        let lastRevision: bigint | undefined;
        try {
          for await (const resolved of reading(this.client.readStream(streamId, { fromRevision: from, direction: direction === 'forwards' ? FORWARDS : BACKWARDS, maxCount: this.pageSize }))) {
            raw += 1;
            const recorded = recordedOf(resolved);
            if (recorded === undefined) continue;
            lastRevision = recorded.revision;
            yield fromRecordedEvent(recorded);
          }
        } catch (error) {
          if (isStreamNotFound(error)) return;
          throw error;
        }
        if (raw < this.pageSize || lastRevision === undefined) return;
        if (direction === 'backwards' && lastRevision === 0n) return;
        from = direction === 'forwards' ? lastRevision + 1n : lastRevision - 1n;
      }
    } catch (error) {
      throw translateError(error, { streamId });
    }
  }

  /** A stream's head and its stored events between `from` and `to` (what `planImport` compares an import with). */
  private async importTarget(streamId: string, from: number, to: number): Promise<ImportTargetStream> {
    const head = await this.readHead(streamId);
    const stored = new Map<number, { eventId: string; hash: string }>();
    const until = head.version === NO_STREAM ? -1 : Math.min(to, head.version);
    if (from <= until) {
      for await (const { event } of this.pagedStream(streamId, 'forwards', from)) {
        if (event.streamVersion > until) break;
        stored.set(event.streamVersion, { eventId: event.eventId, hash: event.hash });
      }
    }
    return { head, stored };
  }

  private async readHead(streamId: string): Promise<Head> {
    const last = await this.lastEvent(streamId);
    const head: Head = { version: last?.event.streamVersion ?? NO_STREAM, hash: last?.event.hash ?? GENESIS_HASH };
    this.heads.remember(streamId, head);
    return head;
  }

  private async lastEvent(streamId: string): Promise<DecodedEvent | undefined> {
    for await (const resolved of this.pagedOne(streamId)) return resolved;
    return undefined;
  }

  private async *pagedOne(streamId: string): AsyncGenerator<DecodedEvent> {
    try {
      for await (const resolved of reading(this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }))) {
        const recorded = recordedOf(resolved);
        if (recorded !== undefined) yield fromRecordedEvent(recorded);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw error;
    }
  }

  /**
   * Claim every event id of the batch for this stream: one `laborcase-event-id-<id>` stream per id, created with
   * NO_STREAM, so that an id can never be stored in two streams (EventStoreDB itself only de-duplicates within a
   * stream). Returns the ids this stream had claimed before (a retry, or a retry of a failed append); throws
   * `DuplicateEventId` for an id claimed by another stream.
   */
  private async claim(streamId: string, events: readonly ValidatedEvent[]): Promise<Set<string>> {
    const before = new Set<string>();
    const claimOne = async (eventId: string): Promise<void> => {
      const claimStream = claimStreamOf(eventId);
      try {
        await this.client.appendToStream(claimStream, jsonEvent({ type: CLAIM_EVENT_TYPE, data: { streamId } }), { expectedRevision: 'no_stream' });
        return;
      } catch (error) {
        if (wrongExpectedVersionOf(error) === undefined) throw error;
      }
      let owner: unknown;
      for await (const resolved of reading(this.client.readStream(claimStream, { fromRevision: ESDB_START, maxCount: 1 }))) {
        owner = (resolved.event?.data as { streamId?: unknown } | undefined)?.streamId;
      }
      if (owner !== streamId) throw new DuplicateEventId(eventId, streamId);
      before.add(eventId);
    };
    for (let i = 0; i < events.length; i += CLAIM_CONCURRENCY) {
      const results = await Promise.allSettled(events.slice(i, i + CLAIM_CONCURRENCY).map((e) => claimOne(e.eventId)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
    return before;
  }

  /** Whether a batch whose ids this stream claimed before is a faithful retry (the stored events), a fresh append (undefined), or neither (throws). */
  private async resolveRetry(streamId: string, expected: AppendOptions['expectedVersion'], events: readonly ValidatedEvent[], claimed: ReadonlySet<string>): Promise<readonly StoredEvent[] | undefined> {
    const found = new Map<string, DecodedEvent>();
    for await (const decoded of this.pagedStream(streamId, 'backwards', undefined)) {
      if (claimed.has(decoded.event.eventId)) found.set(decoded.event.eventId, decoded);
      if (found.size === claimed.size) break;
    }
    if (found.size === 0) return undefined;
    const versions = [...found.values()].map((d) => d.event.streamVersion);
    const low = Math.min(...versions);
    const high = Math.max(...versions);
    const around = new Map<number, DecodedEvent>();
    for await (const decoded of this.pagedStream(streamId, 'forwards', Math.max(0, low - 1))) {
      if (decoded.event.streamVersion > high + 1) break;
      around.set(decoded.event.streamVersion, decoded);
    }
    const appendOf = new Map([...around.values()].map((d) => [d.event.eventId, d.appendId]));
    const existing = events.map((e) => found.get(e.eventId)?.event);
    return resolveRetriedAppend(streamId, expected, events, existing, {
      before: around.get(low - 1)?.event,
      after: around.get(high + 1)?.event,
      sameAppend: (a, b) => appendOf.get(a.eventId) !== undefined && appendOf.get(a.eventId) === appendOf.get(b.eventId),
    });
  }

  /**
   * Each appended event's global position. The append reports the last event's; a longer batch is read back
   * (one paged read of exactly its revisions).
   */
  private async positionsOf(streamId: string, firstVersion: number, ids: readonly string[], last: EsdbPosition | undefined): Promise<Map<string, GlobalPosition>> {
    const positions = new Map<string, GlobalPosition>();
    if (ids.length === 1 && hasPosition(last)) {
      positions.set(ids[0]!, fromEsdbPosition(last));
      return positions;
    }
    for await (const { event } of this.pagedStream(streamId, 'forwards', firstVersion)) {
      if (event.streamVersion >= firstVersion + ids.length) break;
      positions.set(event.eventId, event.globalPosition);
    }
    for (const id of ids) if (!positions.has(id)) throw new StoreFailure(`stream "${streamId}": appended event ${id} was not found when reading its position back`);
    return positions;
  }
}

/** An event store on EventStoreDB / KurrentDB (`@eventstore/db-client` 6.x). */
export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStore => new EventStoreDbEventStore(options);
