import type { CommonStoreOptions } from '../shared/storeOptions.js';
import {
  ANY,
  GENESIS_HASH,
  InvalidArgument,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StoreUnavailable,
  StreamCorrupted,
  WrongExpectedVersion,
  comparePositions,
  expectedVersionMatches,
  positionFromSegments,
  positionSegments,
  sealEvents,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type GlobalPosition,
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
  resolveAllRange,
  resolveRetriedAppend,
  resolveStreamRange,
  resolveWaitOptions,
  validateAppend,
  validateStreamId,
  type AppendLimits,
} from '@laborcase/core/adapter-kit';
import { createWaiters, waitUntil, type Waiters } from '../shared/waiters.js';
import type { SqlClient, SqlExecutor } from './client.js';
import { isUniqueViolation, toStoreError } from './errors.js';
import { quoteSchema } from './schema.js';

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
  /** Rows fetched per round trip by `readStream` and `readAll` (default 500). */
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

/** Largest bigint: the open end of a version range. */
const MAX_VERSION = 9_223_372_036_854_775_807n;

const toPosition = (txId: string, seq: string): GlobalPosition => positionFromSegments(BigInt(txId), BigInt(seq));

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

const expectedKind = (expected: ExpectedVersion): string => (typeof expected === 'number' ? 'exact' : expected);

// Unpaired surrogates never get here: canonical JSON (validateAppend) already rejects them.
/**
 * The PostgreSQL/PGlite event store: one implementation, one SQL dialect, two drivers.
 *
 * Appends lock the stream's row (`INSERT … ON CONFLICT DO UPDATE`), check the expected version, insert the
 * sealed batch and move the stream head with a guarded `UPDATE`, all in one transaction.
 */
export class SqlEventStore implements EventStore {
  private readonly s: string;
  private readonly waiters: Waiters = createWaiters();
  private readonly pageSize: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  private readonly channel: string;

  constructor(private readonly options: SqlEventStoreOptions) {
    this.s = quoteSchema(options.schema);
    this.pageSize = options.pageSize ?? 500;
    // NOTIFY channels are identifiers: at most 63 bytes.
    this.channel = `laborcase_${options.schema}`.slice(0, 63);
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.track('append', () => this.appendBatch(streamId, events, options));
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
    let from: bigint = range.fromVersion === undefined ? MAX_VERSION : BigInt(range.fromVersion);
    const to: bigint = range.toVersion === undefined ? (forwards ? MAX_VERSION : 0n) : BigInt(range.toVersion);
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const [low, high] = forwards ? [from, to] : [to, from];
      const rows = await this.track('readStream', () =>
        this.options.client.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
           WHERE stream_id = $1 AND stream_version BETWEEN $2::bigint AND $3::bigint
           ORDER BY events.stream_version ${forwards ? 'ASC' : 'DESC'} LIMIT $4`,
          [streamId, String(low), String(high), limit],
        ),
      );
      for (const row of rows) yield toStoredEvent(row);
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < limit || last === undefined) return;
      const next = BigInt(last.stream_version) + (forwards ? 1n : -1n);
      if (next < 0n) return;
      from = next;
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
        this.options.client.query<EventRow>(
          // Gap-free global order. A sequence value is taken at INSERT but becomes visible at COMMIT, so
          // ordering by `seq` alone lets a reader pass a low seq whose transaction commits late, and skip
          // it for ever. Instead each row carries its writer's transaction id (xid8), the log is ordered by
          // (tx_id, seq), and a read returns only rows of transactions older than the oldest transaction
          // still running (`pg_snapshot_xmin` of this statement's snapshot). Every such transaction has
          // ended, so this prefix of the log is final: any transaction that commits later has an xid at
          // or above that horizon and therefore sorts after everything returned here. The price is lag,
          // not loss: a long-running transaction anywhere in the cluster holds the horizon back.
          `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
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
    let result: AppendResult;
    try {
      result = await client.transaction((tx) => this.appendInTransaction(tx, batch.streamId, batch.expectedVersion, batch.events));
    } catch (error) {
      // Another transaction committed one of these event ids after our check: a concurrent retry of the
      // same batch (answer as a retry) or a real clash (DuplicateEventId). Either way nothing of ours was written.
      if (!isUniqueViolation(error, 'events_event_id_key')) throw error;
      const retried = await this.resolveRetry(client, batch.streamId, batch.expectedVersion, batch.events);
      if (retried === undefined) throw error;
      result = retried;
    }
    if (result.events.length > 0) this.waiters.notify();
    return result;
  }

  private async appendInTransaction(
    tx: SqlExecutor,
    streamId: string,
    expected: ExpectedVersion,
    events: readonly ValidatedEvent[],
  ): Promise<AppendResult> {
    // Lock the stream row (creating a placeholder at version -1 if missing; rolled back unless we append).
    const [head] = await tx.query<{ version: string; last_hash: string }>(
      `INSERT INTO ${this.s}.streams AS s (stream_id, version, last_hash) VALUES ($1, -1, $2)
       ON CONFLICT (stream_id) DO UPDATE SET stream_id = s.stream_id
       RETURNING s.version::text AS version, s.last_hash`,
      [streamId, GENESIS_HASH],
    );
    if (head === undefined) throw new Error('stream lock returned no row');
    const retried = await this.resolveRetry(tx, streamId, expected, events);
    if (retried !== undefined) return retried;
    const version = Number(head.version);
    await this.checkHead(tx, streamId, version, head.last_hash);
    const actual: StreamVersion = version < 0 ? NO_STREAM : version;
    if (!expectedVersionMatches(expected, actual)) throw new WrongExpectedVersion(streamId, expected, actual);

    const recordedAt = this.options.clock().toISOString();
    const sealed = sealEvents(streamId, { version: actual, hash: head.last_hash }, events, recordedAt);
    const inserted = await tx.query<{ seq: string; tx_id: string; stream_version: string }>(
      `INSERT INTO ${this.s}.events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
       SELECT e->>'eventId', e->>'streamId', (e->>'streamVersion')::bigint, e->>'type', (e->>'schemaVersion')::integer,
              e->'data', e->'metadata', e->>'prevHash', e->>'hash'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(e, n)
       ORDER BY n
       RETURNING seq::text AS seq, tx_id::text AS tx_id, stream_version::text AS stream_version`,
      [JSON.stringify(sealed)],
    );
    const last = sealed[sealed.length - 1] as SealedEvent;
    // The expected version is enforced again in SQL: the head only moves if it is still what we checked.
    const moved = await tx.query<{ version: string }>(
      `UPDATE ${this.s}.streams SET version = $2, last_hash = $3
       WHERE stream_id = $1 AND version = $4
         AND CASE $5::text
               WHEN '${ANY}' THEN true
               WHEN '${NO_STREAM}' THEN version = -1
               WHEN '${STREAM_EXISTS}' THEN version >= 0
               ELSE version = $6::bigint
             END
       RETURNING version::text AS version`,
      [streamId, last.streamVersion, last.hash, version, expectedKind(expected), typeof expected === 'number' ? expected : null],
    );
    if (moved.length !== 1) throw new WrongExpectedVersion(streamId, expected, await this.currentVersion(tx, streamId));
    if (this.options.client.dialect === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [this.channel, streamId]);

    const positions = new Map(inserted.map((row) => [Number(row.stream_version), toPosition(row.tx_id, row.seq)]));
    const stored = sealed.map((event): StoredEvent => {
      const globalPosition = positions.get(event.streamVersion);
      if (globalPosition === undefined) throw new Error(`insert returned no position for version ${event.streamVersion}`);
      return { ...event, globalPosition };
    });
    await this.options.hooks?.beforeCommit?.(streamId, tx, { events: stored, readStream: (id) => this.streamIn(tx, id) });
    return { nextExpectedVersion: last.streamVersion, events: stored };
  }

  private async streamIn(tx: SqlExecutor, streamId: string): Promise<StoredEvent[]> {
    const rows = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${this.s}.events WHERE stream_id = $1 ORDER BY events.stream_version`, [streamId]);
    return rows.map(toStoredEvent);
  }

  /**
   * Refuse to build on a stream whose locked head row contradicts its last event (a deleted last event, an
   * overwritten head hash, a lowered head version): one index look-up, under the lock. Full re-hashing of the
   * stream stays with `verifyStream`.
   */
  private async checkHead(tx: SqlExecutor, streamId: string, version: number, lastHash: string): Promise<void> {
    const [row] = await tx.query<{ last_version: string | null; hash: string | null }>(
      `SELECT (SELECT max(stream_version)::text FROM ${this.s}.events WHERE stream_id = $1) AS last_version,
              (SELECT hash FROM ${this.s}.events WHERE stream_id = $1 AND stream_version = $2::bigint) AS hash`,
      [streamId, String(version)],
    );
    const last = row?.last_version === null || row?.last_version === undefined ? undefined : Number(row.last_version);
    if (version < 0) {
      if (last !== undefined) throw new StreamCorrupted(streamId, last, `events up to version ${last} exist, but the stream's head row has none`);
      return;
    }
    if (last !== version) {
      throw new StreamCorrupted(streamId, version, `the head row says version ${version}, the last stored event is ${last === undefined ? 'missing' : `version ${last}`}`);
    }
    if (row?.hash !== lastHash) throw new StreamCorrupted(streamId, version, "the head row's hash is not the last event's hash");
  }

  /** Whether this batch was appended before (see `resolveRetriedAppend`); reads the stored events by id. */
  private async resolveRetry(
    db: SqlExecutor,
    streamId: string,
    expected: ExpectedVersion,
    events: readonly ValidatedEvent[],
  ): Promise<AppendResult | undefined> {
    const rows = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
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
            await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${this.s}.events WHERE stream_id = $1 AND stream_version IN ($2, $3)`, [
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

  private async currentVersion(db: SqlExecutor, streamId: string): Promise<StreamVersion> {
    const [row] = await db.query<{ version: string }>(`SELECT version::text AS version FROM ${this.s}.streams WHERE stream_id = $1`, [streamId]);
    const version = row === undefined ? -1 : Number(row.version);
    return version < 0 ? NO_STREAM : version;
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
