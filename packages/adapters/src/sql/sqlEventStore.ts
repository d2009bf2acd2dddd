import type { CommonStoreOptions } from '../shared/storeOptions.js';
import {
  DuplicateEventId,
  GENESIS_HASH,
  InvalidArgument,
  NO_STREAM,
  START,
  StoreUnavailable,
  StoreFailure,
  StreamCorrupted,
  WrongExpectedVersion,
  comparePositions,
  expectedVersionMatches,
  positionSegments,
  sealEvents,
  type AppendOptions,
  type AppendResult,
  type EventImporter,
  type EventStore,
  type ExpectedVersion,
  type GlobalPosition,
  type ImportResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SealedEvent,
  type StoredEvent,
  type StreamVersion,
  type ValidatedEvent,
  type WaitOptions,
} from '@laborcase/core';
import {
  planImport,
  streamRuns,
  resolveAllRange,
  resolveRetriedAppend,
  resolveStreamRange,
  resolveWaitOptions,
  validateAppend,
  validateImport,
  validateStreamId,
  type AppendLimits,
} from '@laborcase/core/adapter-kit';
import { createWaiters, waitUntil, type Waiters } from '../shared/waiters.js';
import type { SqlClient, SqlExecutor } from './client.js';
import { isUniqueViolation, toStoreError } from './errors.js';
import { quoteSchema } from './schema.js';
import { EMPTY_HEAD, HeadCache, type Head } from '../shared/headCache.js';
import { readImportTarget } from './importTarget.js';
import { AppendNotifier } from './appendNotifier.js';

/** What `beforeCommit` is told about the append it runs in. */
export interface AppendInTransaction {
  /** The events this append stores, with their versions and global positions. */
  readonly events: readonly StoredEvent[];
  /** A stream's stored events in version order, read inside the append's transaction (so this append's included). */
  readStream(streamId: string): Promise<StoredEvent[]>;
}

export interface SqlStoreHooks {
  /**
   * Runs inside the append transaction, after the insert, before COMMIT: inline projections
   * (`@laborcase/projections`), and fault injection in tests (a slow commit, a statement that times out).
   * Throwing rolls the append back.
   */
  readonly beforeCommit?: (streamId: string, tx: SqlExecutor, append: AppendInTransaction) => Promise<void>;
}

/** What both SQL factories (PostgreSQL and PGlite) take besides their connection. */
export interface SqlStoreOptions extends CommonStoreOptions {
  /** Schema for the tables (default `laborcase`), created and migrated on start. */
  readonly schema?: string;
  readonly limits?: AppendLimits;
  /** Rows fetched per round trip by `readStream` and `readAll` (default 1,000). */
  readonly pageSize?: number;
  /** How often `waitForEvents` re-checks without a wake-up (default 1,000 ms with LISTEN, 100 ms without). */
  readonly pollMs?: number;
}

export interface SqlEventStoreOptions extends SqlStoreOptions {
  readonly clock: () => Date;
  readonly client: SqlClient;
  /** Schema holding the tables (already migrated). */
  readonly schema: string;
  readonly hooks?: SqlStoreHooks;
}

interface EventRow {
  readonly seq: string;
  readonly tx_id: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_version: string;
  readonly type: string;
  readonly schema_version: string;
  readonly data: string;
  readonly metadata: string;
  readonly prev_hash: string;
  readonly hash: string;
}

const EVENT_COLUMNS = `seq::text AS seq, tx_id::text AS tx_id, event_id, stream_id, stream_version::text AS stream_version, type,
  schema_version::text AS schema_version, data::text AS data, metadata::text AS metadata, prev_hash, hash`;

/**
 * The same columns as one JSON array of text per row, for PGlite: its JavaScript wire-protocol parser copies and
 * decodes every field of every row, so one field per row instead of eleven doubles read throughput (measured on
 * a 20,000-event stream). node-postgres parses fields cheaply and reads the plain columns faster.
 */
const EVENT_ARRAY = `json_build_array(seq::text, tx_id::text, event_id, stream_id, stream_version::text, type,
  schema_version::text, data::text, metadata::text, prev_hash, hash)::text AS event`;

const fromArray = ({ event }: { readonly event: string }): EventRow => {
  const [seq, tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash] = JSON.parse(event) as string[];
  return { seq, tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash } as EventRow;
};

/** Rows per read round trip: a 20,000-event stream read fastest with pages of 1,000 to 2,000 (pages of 500 were ~25% slower). */
const DEFAULT_PAGE_SIZE = 1000;

/** Largest bigint: the open end of a version range. */
const MAX_VERSION = 9_223_372_036_854_775_807n;

/**
 * The position of a row from the decimal text of its `tx_id` (xid8) and `seq` (bigint): both non-negative and
 * written by the database without leading zeros, so padding the text is what `positionFromSegments` would write,
 * without a BigInt round trip per event read.
 */
const toPosition = (txId: string, seq: string): GlobalPosition => `${txId.padStart(20, '0')}:${seq.padStart(20, '0')}` as GlobalPosition;

const toStoredEvent = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  streamVersion: Number(row.stream_version),
  type: row.type,
  schemaVersion: Number(row.schema_version),
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
  prevHash: row.prev_hash,
  hash: row.hash,
  globalPosition: toPosition(row.tx_id, row.seq),
});

/** `(tx_id, seq)` of a position; `START` (one zero segment) is `(0, 0)`. */
const cursorOf = (position: GlobalPosition): { txId: string; seq: string } => {
  const segments = positionSegments(position);
  if (segments.length === 1 && segments[0] === 0n) return { txId: '0', seq: '0' };
  const [txId, seq] = segments;
  // xid8 is unsigned 64-bit, seq a bigint: anything larger is no position of this store (not a database error).
  if (segments.length !== 2 || txId === undefined || seq === undefined || txId >= 2n ** 64n || seq >= 2n ** 63n) {
    throw new InvalidArgument('after', `is not a position of a SQL event store: ${position}`);
  }
  return { txId: txId.toString(), seq: seq.toString() };
};

/** What `validateAppend` hands an adapter. */
type ValidatedBatch = ReturnType<typeof validateAppend>;

/** Optimistic `append_events` calls before an append takes the stream's lock first (ANY/STREAM_EXISTS under contention). */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * `append_events` answered 'reordered' (migration 6): this transaction's id predates the stream's last commit, so
 * its events would sort before that one's in the global log. Nothing was written; the whole transaction is
 * retried, and a new transaction's id is later than every committed one.
 */
class StreamOrderRace extends Error {
  constructor(readonly streamId: string) {
    super(`the transaction appending to ${streamId} took its id before the stream's last commit`);
  }
}
const ORDER_RACE_ATTEMPTS = 8;

const retryingOrderRaces = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StreamOrderRace)) throw error;
      if (attempt >= ORDER_RACE_ATTEMPTS) throw new StoreFailure(`${error.message}, ${attempt} times in a row: retry the append`, { cause: error });
    }
  }
};

/** One row of `append_events` (migration 2): all text, like every other read of the store. */
interface AppendRow {
  readonly outcome: 'appended' | 'moved' | 'corrupted' | 'reordered';
  /** The stream's head: the new one when appended, the stored one otherwise (`-1`, no hash: no stream). */
  readonly version: string;
  readonly hash: string | null;
  /** 'corrupted' only: the version of the last stored event, if any. */
  readonly last_version: string | null;
  /** 'appended' only: the writing transaction and the events' `seq`s in version order, comma-separated. */
  readonly tx_id: string | null;
  readonly seqs: string | null;
}

const headOf = (row: { readonly version: string; readonly hash: string | null }): Head => {
  const version = Number(row.version);
  return version < 0 ? { version: NO_STREAM, hash: row.hash ?? GENESIS_HASH } : { version, hash: row.hash ?? GENESIS_HASH };
};

const withPositions = (sealed: readonly SealedEvent[], row: AppendRow): StoredEvent[] => {
  const seqs = row.seqs?.split(',') ?? [];
  if (row.tx_id === null || seqs.length !== sealed.length) throw new Error(`append_events returned ${seqs.length} positions for ${sealed.length} events`);
  const txId = row.tx_id;
  return sealed.map((event, i) => ({ ...event, globalPosition: toPosition(txId, seqs[i] as string) }));
};

/** The stream row contradicts the last stored event: a deleted last event, an overwritten hash, a lowered version. */
const corruption = (streamId: string, row: AppendRow): StreamCorrupted => {
  const version = Number(row.version);
  const last = row.last_version === null ? undefined : Number(row.last_version);
  if (version < 0) return new StreamCorrupted(streamId, last ?? version, `events up to version ${last} exist, but the stream's head row has none`);
  if (last !== version) {
    return new StreamCorrupted(streamId, version, `the head row says version ${version}, the last stored event is ${last === undefined ? 'missing' : `version ${last}`}`);
  }
  return new StreamCorrupted(streamId, version, "the head row's hash is not the last event's hash");
};

// Unpaired surrogates never get here: canonical JSON (validateAppend) already rejects them.
/**
 * The PostgreSQL/PGlite event store: one implementation, one SQL dialect, two drivers.
 *
 * An append seals the batch after the stream head this store remembers and calls `append_events`, which under
 * the stream row's lock checks that head against the stored one (version and hash), inserts the events and moves
 * the head: one round trip, one implicit transaction. A stale guess costs a second call. Listeners in other
 * processes are notified after the commit (`AppendNotifier`).
 */
export class SqlEventStore implements EventStore, EventImporter {
  private readonly s: string;
  private readonly waiters: Waiters = createWaiters();
  private readonly pageSize: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  private readonly channel: string;
  /** What appends seal after: heads this store wrote or read to the end. The database refuses a stale one. */
  private readonly heads = new HeadCache();
  private readonly appendStatement: string;
  /** Wakes listeners in other processes after an append commits; none on PGlite (no other process to tell). */
  private readonly notifier: AppendNotifier | undefined;
  /** The channel `append_events` notifies in the append's own transaction: only for a PostgreSQL client without `notify`. */
  private readonly channelInAppend: string | null;

  constructor(private readonly options: SqlEventStoreOptions) {
    this.s = quoteSchema(options.schema);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    // NOTIFY channels are identifiers: at most 63 bytes.
    this.channel = `laborcase_${options.schema}`.slice(0, 63);
    const { notify } = options.client;
    this.notifier = notify === undefined ? undefined : new AppendNotifier(() => notify.call(options.client, this.channel));
    // A NOTIFY inside the append serialises commits (AppendNotifier): kept only for a client that cannot send one after.
    this.channelInAppend = options.client.dialect === 'postgres' && notify === undefined ? this.channel : null;
    this.appendStatement = `SELECT outcome, version, hash, last_version, tx_id, seqs FROM ${this.s}.append_events($1, $2::jsonb, $3)`;
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.track('append', () => this.appendBatch(streamId, events, options));
  }

  /**
   * One transaction: lock the batch's stream rows, plan against them (`planImport`), and write each run of one
   * stream's events through `append_events`, which checks the head once more and keeps the sealed events' hashes
   * and `recordedAt`. The log's order is the batch's: one transaction id, `seq` in call order.
   */
  importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    return this.track('importEvents', () => this.importBatch(events));
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    this.ensureOpen();
    validateStreamId(streamId);
    const range = resolveStreamRange(options);
    const forwards = range.direction === 'forwards';
    let remaining = range.maxCount;
    // Keyset pages over the (stream_id, stream_version) key: memory stays at one page however long the stream.
    // Bounds are always given (open ends as sentinels) so every page is one index range scan; `ORDER BY`
    // names the table column because the selected one is aliased as text.
    const to: bigint = range.toVersion === undefined ? (forwards ? MAX_VERSION : 0n) : BigInt(range.toVersion);
    const page = (from: bigint): { readonly limit: number; readonly rows: Promise<EventRow[]> } => {
      const limit = Math.min(this.pageSize, remaining);
      const [low, high] = forwards ? [from, to] : [to, from];
      const rows = this.track('readStream', () =>
        this.selectEvents(
          this.options.client,
          `FROM ${this.s}.events
           WHERE stream_id = $1 AND stream_version BETWEEN $2::bigint AND $3::bigint
           ORDER BY events.stream_version ${forwards ? 'ASC' : 'DESC'} LIMIT $4`,
          [streamId, String(low), String(high), limit],
        ),
      );
      return { limit, rows };
    };
    let pending = remaining > 0 ? page(range.fromVersion === undefined ? MAX_VERSION : BigInt(range.fromVersion)) : undefined;
    try {
      while (pending !== undefined) {
        const { limit } = pending;
        const rows = await pending.rows;
        pending = undefined;
        remaining -= rows.length;
        const last = rows[rows.length - 1];
        const end = rows.length < limit;
        // Read forwards to its end: the last row is the head an append after this read will seal on.
        if (end && forwards && range.toVersion === undefined && last !== undefined) {
          this.heads.remember(streamId, { version: Number(last.stream_version), hash: last.hash });
        }
        // The next page is asked for before this one is handed out, so the database reads it while the caller
        // decodes and folds this one (two pages in memory at most).
        const next = end || last === undefined || remaining <= 0 ? -1n : BigInt(last.stream_version) + (forwards ? 1n : -1n);
        if (next >= 0n) pending = page(next);
        for (const row of rows) yield toStoredEvent(row);
      }
    } finally {
      // A caller that stopped early leaves the page asked for ahead unread: its failure is nobody's to handle.
      pending?.rows.catch(() => undefined);
    }
  }

  streamVersion(streamId: string): Promise<StreamVersion> {
    return this.track('streamVersion', async () => {
      validateStreamId(streamId);
      return this.currentVersion(this.options.client, streamId);
    });
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    this.ensureOpen();
    const range = resolveAllRange(options);
    let cursor = cursorOf(range.after);
    const types = range.eventTypes === undefined ? null : JSON.stringify([...range.eventTypes]);
    let remaining = range.maxCount;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = await this.track('readAll', () =>
        this.selectEvents(
          this.options.client,
          // Gap-free global order. A sequence value is taken at INSERT but becomes visible at COMMIT, so
          // ordering by `seq` alone lets a reader pass a low seq whose transaction commits late, and skip
          // it for ever. Instead each row carries its writer's transaction id (xid8), the log is ordered by
          // (tx_id, seq), and a read returns only rows of transactions older than the oldest transaction
          // still running (`pg_snapshot_xmin` of this statement's snapshot). Every such transaction has
          // ended, so this prefix of the log is final: any transaction that commits later has an xid at
          // or above that horizon and therefore sorts after everything returned here. The price is lag,
          // not loss: a long-running transaction anywhere in the cluster holds the horizon back.
          `FROM ${this.s}.events
           WHERE (tx_id, seq) > ($1::text::xid8, $2::bigint)
             AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ${types === null ? '' : 'AND type IN (SELECT jsonb_array_elements_text($4::jsonb))'}
           ORDER BY events.tx_id, events.seq LIMIT $3`,
          types === null ? [cursor.txId, cursor.seq, limit] : [cursor.txId, cursor.seq, limit, types],
        ),
      );
      for (const row of rows) yield toStoredEvent(row);
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      cursor = { txId: last.tx_id, seq: last.seq };
    }
  }

  headPosition(): Promise<GlobalPosition> {
    return this.track('headPosition', async () => {
      // The same horizon as `readAll`: the head is the last position up to which the log is final.
      const [row] = await this.options.client.query<{ tx_id: string; seq: string }>(
        `SELECT tx_id::text AS tx_id, seq::text AS seq FROM ${this.s}.events
         WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY events.tx_id DESC, events.seq DESC LIMIT 1`,
      );
      return row === undefined ? START : toPosition(row.tx_id, row.seq);
    });
  }

  async waitForEvents(after: GlobalPosition, options?: WaitOptions): Promise<boolean> {
    this.ensureOpen();
    cursorOf(resolveAllRange({ after }).after);
    const wait = resolveWaitOptions(options);
    const listening = (await this.startListening()) !== undefined;
    return waitUntil(
      this.waiters,
      async () => {
        if (this.closed) return false;
        try {
          return comparePositions(await this.headPosition(), after) > 0;
        } catch (error) {
          if (this.closed) return false;
          throw error;
        }
      },
      { ...wait, pollMs: this.options.pollMs ?? (listening ? 1000 : 100) },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiters.close();
    await Promise.allSettled([...this.inFlight]);
    await this.notifier?.drain();
    const unlisten = await this.unlisten?.catch(() => undefined);
    await unlisten?.().catch(() => undefined);
    await this.options.client.close();
  }

  private async appendBatch(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const batch = validateAppend(this.options.registry, streamId, events, options?.expectedVersion, this.options.limits);
    const { client } = this.options;
    if (batch.events.length === 0) {
      const actual = await this.currentVersion(client, batch.streamId);
      if (!expectedVersionMatches(batch.expectedVersion, actual)) throw new WrongExpectedVersion(batch.streamId, batch.expectedVersion, actual);
      return { nextExpectedVersion: actual, events: [] };
    }
    const beforeCommit = this.options.hooks?.beforeCommit;
    let result: AppendResult;
    try {
      result = await retryingOrderRaces(async () =>
        beforeCommit === undefined
          ? ((await this.appendWith(client, batch, OPTIMISTIC_ATTEMPTS)) ?? (await client.transaction((tx) => this.appendLocked(tx, batch))))
          : await client.transaction(async (tx) => {
              const appended = await this.appendLocked(tx, batch);
              await beforeCommit(batch.streamId, tx, { events: appended.events, readStream: (id) => this.streamIn(tx, id) });
              return appended;
            }),
      );
    } catch (error) {
      // The remembered head may be one a rolled-back transaction wrote.
      this.heads.forget(batch.streamId);
      // One of these event ids is stored already: a retry of the same batch (answer as a retry) or a real
      // clash (DuplicateEventId). Either way nothing of ours was written. The only look-up by id an append makes.
      if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
      const retried = await this.resolveRetry(client, batch.streamId, batch.expectedVersion, batch.events);
      if (retried === undefined) throw error;
      return retried;
    }
    if (result.events.length > 0) this.appended();
    return result;
  }

  private async importBatch(events: readonly StoredEvent[]): Promise<ImportResult> {
    const batch = validateImport(this.options.registry, events, this.options.limits);
    if (batch.length === 0) return { imported: 0, skipped: 0 };
    const { client } = this.options;
    const beforeCommit = this.options.hooks?.beforeCommit;
    const touched = [...new Set(batch.map((e) => e.streamId))];
    try {
      const plan = await retryingOrderRaces(() => client.transaction(async (tx) => {
        const planned = planImport(batch, await readImportTarget(tx, this.s, batch));
        for (const run of streamRuns(planned.write)) {
          const { streamId, streamVersion } = run[0]!;
          const [row] = await tx.query<AppendRow>(this.appendStatement, [streamId, JSON.stringify(run), this.channelInAppend], { prepare: true });
          if (row === undefined) throw new Error('append_events returned no row');
          if (row.outcome === 'corrupted') throw corruption(streamId, row);
          if (row.outcome === 'reordered') throw new StreamOrderRace(streamId);
          // The rows are locked, so only a stream created since the look-up (by another writer) can have moved.
          if (row.outcome === 'moved') throw new WrongExpectedVersion(streamId, streamVersion === 0 ? NO_STREAM : streamVersion - 1, headOf(row).version);
          await beforeCommit?.(streamId, tx, { events: withPositions(run, row), readStream: (id) => this.streamIn(tx, id) });
        }
        return planned;
      }));
      for (const streamId of touched) this.heads.forget(streamId);
      if (plan.write.length > 0) this.appended();
      return { imported: plan.write.length, skipped: plan.skipped };
    } catch (error) {
      for (const streamId of touched) this.heads.forget(streamId);
      if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
      // The batch's id stored at another place (events it holds in place were skipped, not inserted).
      const [clash] = await client.query<{ event_id: string; stream_id: string }>(
        `SELECT r.event_id, r.stream_id FROM jsonb_to_recordset($1::jsonb) AS r(event_id text, stream_id text, stream_version bigint)
         JOIN ${this.s}.events e ON e.event_id = r.event_id
         WHERE (e.stream_id, e.stream_version) IS DISTINCT FROM (r.stream_id, r.stream_version) LIMIT 1`,
        [JSON.stringify(batch.map((e) => ({ event_id: e.eventId, stream_id: e.streamId, stream_version: e.streamVersion })))],
      );
      throw clash === undefined ? error : new DuplicateEventId(clash.event_id, clash.stream_id);
    }
  }

  /**
   * Seal after the head this store remembers (or reads, on a miss) and send the batch to `append_events`: one
   * round trip when the guess is right. When the stream has moved, the answer carries the real head: check the
   * expected version against it and seal again, up to `attempts` times. `undefined` when every attempt lost a race.
   */
  private async appendWith(db: SqlExecutor, batch: ValidatedBatch, attempts: number): Promise<AppendResult | undefined> {
    const { streamId, expectedVersion, events } = batch;
    let head = this.heads.guess(streamId, expectedVersion) ?? (await this.readHead(db, streamId));
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (!expectedVersionMatches(expectedVersion, head.version)) return this.refuseOrRetried(db, batch, head.version);
      const sealed = sealEvents(streamId, head, events, this.options.clock().toISOString());
      const [row] = await db.query<AppendRow>(this.appendStatement, [streamId, JSON.stringify(sealed), this.channelInAppend], { prepare: true });
      if (row === undefined) throw new Error('append_events returned no row');
      if (row.outcome === 'corrupted') throw corruption(streamId, row);
      if (row.outcome === 'reordered') throw new StreamOrderRace(streamId);
      if (row.outcome === 'moved') {
        head = headOf(row);
        continue;
      }
      const last = sealed[sealed.length - 1] as SealedEvent;
      this.heads.remember(streamId, { version: last.streamVersion, hash: last.hash });
      return { nextExpectedVersion: last.streamVersion, events: withPositions(sealed, row) };
    }
    return undefined;
  }

  /**
   * The same in a transaction, for the `beforeCommit` hook and for appends that keep losing races: a `moved`
   * answer leaves the stream row locked until COMMIT, so the next attempt is sealed after a head that cannot
   * move again (three attempts cover a stream created concurrently after a first look-up found none).
   */
  private async appendLocked(tx: SqlExecutor, batch: ValidatedBatch): Promise<AppendResult> {
    const result = await this.appendWith(tx, batch, 3);
    if (result === undefined) throw new Error(`the head of ${batch.streamId} moved while its row was locked`);
    return result;
  }

  /** The expected version does not hold: a retry of an append that already succeeded, or `WrongExpectedVersion`. */
  private async refuseOrRetried(db: SqlExecutor, batch: ValidatedBatch, actual: StreamVersion): Promise<AppendResult> {
    const retried = await this.resolveRetry(db, batch.streamId, batch.expectedVersion, batch.events);
    if (retried !== undefined) return retried;
    throw new WrongExpectedVersion(batch.streamId, batch.expectedVersion, actual);
  }

  private async readHead(db: SqlExecutor, streamId: string): Promise<Head> {
    const [row] = await db.query<{ version: string; hash: string }>(
      `SELECT version::text AS version, last_hash AS hash FROM ${this.s}.streams WHERE stream_id = $1`,
      [streamId],
      { prepare: true },
    );
    return row === undefined ? EMPTY_HEAD : headOf(row);
  }

  /** Whether this batch was appended before (see `resolveRetriedAppend`); reads the stored events by id. */
  private async resolveRetry(
    db: SqlExecutor,
    streamId: string,
    expected: ExpectedVersion,
    events: readonly ValidatedEvent[],
  ): Promise<AppendResult | undefined> {
    const rows = await this.selectEvents(
      db,
      `FROM ${this.s}.events
       WHERE event_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(events.map((e) => e.eventId))],
    );
    if (rows.length === 0) return undefined;
    const byId = new Map(rows.map((row) => [row.event_id, toStoredEvent(row)]));
    const existing = events.map((e) => byId.get(e.eventId));
    const versions = existing.filter((e) => e?.streamId === streamId).map((e) => e!.streamVersion);
    const around =
      versions.length === 0
        ? []
        : (
            await this.selectEvents(db, `FROM ${this.s}.events WHERE stream_id = $1 AND stream_version IN ($2, $3)`, [
              streamId,
              Math.min(...versions) - 1,
              Math.max(...versions) + 1,
            ])
          ).map(toStoredEvent);
    const retried = resolveRetriedAppend(streamId, expected, events, existing, {
      before: around.find((e) => e.streamVersion === Math.min(...versions) - 1),
      after: around.find((e) => e.streamVersion === Math.max(...versions) + 1),
      // One append is one transaction, and the transaction id is the first segment of the position.
      sameAppend: (a, b) => positionSegments(a.globalPosition)[0] === positionSegments(b.globalPosition)[0],
    });
    if (retried === undefined) return undefined;
    return { nextExpectedVersion: retried[retried.length - 1]?.streamVersion ?? NO_STREAM, events: retried };
  }

  /** `SELECT` the event columns `from` (a FROM clause and what follows it), in the form the driver reads fastest. */
  private async selectEvents(db: SqlExecutor, from: string, params: readonly unknown[]): Promise<EventRow[]> {
    if (this.options.client.dialect === 'pglite') return (await db.query<{ event: string }>(`SELECT ${EVENT_ARRAY} ${from}`, params)).map(fromArray);
    return db.query<EventRow>(`SELECT ${EVENT_COLUMNS} ${from}`, params, { prepare: true });
  }

  private async streamIn(tx: SqlExecutor, streamId: string): Promise<StoredEvent[]> {
    return (await this.selectEvents(tx, `FROM ${this.s}.events WHERE stream_id = $1 ORDER BY events.stream_version`, [streamId])).map(toStoredEvent);
  }

  private async currentVersion(db: SqlExecutor, streamId: string): Promise<StreamVersion> {
    const [row] = await db.query<{ version: string }>(`SELECT version::text AS version FROM ${this.s}.streams WHERE stream_id = $1`, [streamId]);
    const version = row === undefined ? -1 : Number(row.version);
    return version < 0 ? NO_STREAM : version;
  }

  /** Events were committed: wake this process's waiters now, other processes' through NOTIFY. */
  private appended(): void {
    this.waiters.notify();
    this.notifier?.poke();
  }

  /** LISTEN once, lazily, for appends by other processes; without it (or if it fails) polling remains. */
  private startListening(): Promise<(() => Promise<void>) | undefined> {
    const { client } = this.options;
    if (client.listen === undefined) return Promise.resolve(undefined);
    this.unlisten ??= client
      .listen(
        this.channel,
        () => this.waiters.notify(),
        () => {
          this.unlisten = undefined;
        },
      )
      .catch(() => {
        this.unlisten = undefined;
        return undefined;
      });
    return this.unlisten;
  }

  /** Run one store operation: reject after close, map driver errors, let `close` wait for it. */
  private track<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailable(`${operation}: the event store is closed`));
    const running = (async () => {
      try {
        return await work();
      } catch (error) {
        throw toStoreError(error, operation);
      }
    })();
    this.inFlight.add(running);
    void running.then(
      () => this.inFlight.delete(running),
      () => this.inFlight.delete(running),
    );
    return running;
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreUnavailable('the event store is closed');
  }
}
