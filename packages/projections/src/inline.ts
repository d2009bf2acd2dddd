/**
 * Inline projections: a projection applied inside the SQL event store's append transaction (its
 * `hooks.beforeCommit`), so the read model commits with the write or not at all. The read model lives in the
 * event store's database (the hook's transaction is the only one that can see the new events).
 *
 * - **What it sees**: the appended events of the types it reads, in stream order, exactly as the async runner
 *   would see them: decoded, upcast, corrections applied (a correction re-projects its stream from the stream's
 *   events read inside the transaction, so a correction appended with its original works too).
 * - **Errors**: a handler that throws, or an event it cannot read, fails the append (`InlineProjectionFailed`
 *   as the store error's cause): nothing of the append and nothing of the read model is written. So does an
 *   append while an async runner holds this version's lease (`ProjectionLocked`): one writer per version.
 * - **Checkpoint**: the version's ordinary checkpoint, moved to the last applied position, never back. Inline
 *   appends of one projection serialise on a transaction-scoped advisory lock from the hook to COMMIT, so the
 *   checkpoint is read and written by one of them at a time and concurrent appends never lose or redo a row.
 *   Every hooked append is applied by its own transaction, whatever its position, so the checkpoint says:
 *   every event at or before it written through a hooked store is in the read model.
 * - **Taking over**: remove the hook from every writer, then start `createProjectionRunner` on the same
 *   version: it continues after the checkpoint (anything appended without the hook is later in the log than
 *   every hooked append that had committed). To go the other way, let the async runner reach the head, stop it
 *   and the writers, and start the writers with the hook. Rebuilds (`rebuildProjection`) build a new version
 *   from the log as ever; point the hook at that version once it is live.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { comparePositions, type CodecRegistry, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import type { AnyProjection, EventShape, Projection } from './definition.js';
import { InlineProjectionFailed, InvalidProjection, ProjectionLocked } from './errors.js';
import { targetOf } from './runner.js';
import { runLeaseKey, type ModelTarget, type ReadModelStore } from './store.js';
import type { ReadModelSqlClient, ReadModelSqlExecutor } from './sql/client.js';
import { q } from './sql/ddl.js';
import { createSqlReadModelStore } from './sql/sqlStore.js';
import { applyRecord, PoisonEvent, typesToRead } from './view.js';

/** What the SQL event store tells its `beforeCommit` hook (`AppendInTransaction` in `@laborcase/adapters/sql`). */
export interface AppendedInTransaction {
  readonly events: readonly StoredEvent[];
  readStream(streamId: string): Promise<StoredEvent[]>;
}

/** Pass as `hooks` to `openSqlStore` (structurally the adapters' `SqlStoreHooks`). */
export interface InlineHooks {
  beforeCommit(streamId: string, tx: ReadModelSqlExecutor, append: AppendedInTransaction): Promise<void>;
}

export interface InlineProjectionOptions<Events extends EventShape, TableName extends string> {
  /** The event store's client: the read model is written in its database, inside its append transactions. */
  readonly client: ReadModelSqlClient;
  /** Schema of the read-model tables (default `laborcase_read`). */
  readonly schema?: string;
  readonly registry: CodecRegistry;
  readonly projection: Projection<Events, TableName>;
}

export interface InlineProjection {
  readonly hooks: InlineHooks;
  /** The read-model store over the same client and schema: read the rows, list dead letters, run or rebuild async. */
  readonly store: ReadModelStore;
  readonly target: ModelTarget;
}

const later = (a: GlobalPosition, b: GlobalPosition | undefined): GlobalPosition => (b === undefined || comparePositions(a, b) >= 0 ? a : b);

/** Prepares the version's tables, then returns the hook that keeps them in step with every append. */
export const createInlineProjection = async <Events extends EventShape, TableName extends string>(
  options: InlineProjectionOptions<Events, TableName>,
): Promise<InlineProjection> => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  for (const field of ['client', 'registry', 'projection'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new InvalidProjection(field, 'is required');
  }
  const { client, registry } = options;
  const projection = options.projection as unknown as AnyProjection;
  const target = targetOf(projection);
  const types = new Set(typesToRead(projection));
  // Inside a hook, the store's queries and its one transaction run on the append's transaction.
  const appendTx = new AsyncLocalStorage<ReadModelSqlExecutor>();
  const joined: ReadModelSqlClient = {
    dialect: client.dialect,
    query: (text, params) => (appendTx.getStore() ?? client).query(text, params),
    transaction: (work) => {
      const tx = appendTx.getStore();
      return tx === undefined ? client.transaction(work) : work(tx);
    },
    close: async () => undefined,
  };
  const store = await createSqlReadModelStore({ client: joined, ...(options.schema === undefined ? {} : { schema: options.schema }) });
  await store.prepare(target);
  const schema = options.schema ?? 'laborcase_read';
  const lockKey = `laborcase.inline.${schema}.${target.name}.v${target.version}`;

  /** An async runner (or rebuild) on this version would apply the same events again: the append is refused instead. */
  const refuseIfRunnerHoldsLease = async (tx: ReadModelSqlExecutor): Promise<void> => {
    // FOR SHARE waits for a runner's batch in flight, which holds the row locked and extends the lease at its commit.
    const [lease] = await tx.query<{ owner: string; live: boolean }>(
      `SELECT owner, expires_at > clock_timestamp() AS live FROM ${q(schema)}.projection_leases WHERE key = $1 FOR SHARE`,
      [runLeaseKey(target.name, target.version)],
    );
    if (lease !== undefined && (lease.live === true || String(lease.live) === 't')) throw new ProjectionLocked(target.name, lease.owner);
  };

  const project = async (tx: ReadModelSqlExecutor, append: AppendedInTransaction): Promise<void> => {
    const records = append.events.filter((event) => types.has(event.type));
    const last = records[records.length - 1];
    if (last === undefined) return;
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    await refuseIfRunnerHoldsLease(tx);
    const history = async (streamId: string, upTo: GlobalPosition) =>
      (await append.readStream(streamId)).filter((event) => comparePositions(event.globalPosition, upTo) <= 0);
    await store.transaction(target, async (rows) => {
      for (const record of records) {
        try {
          await applyRecord(projection, registry, registry.decode(record), rows, history);
        } catch (error) {
          if (error instanceof PoisonEvent) throw new InlineProjectionFailed(projection.name, record.eventId, error.message, { cause: error });
          throw error;
        }
      }
      await rows.setCheckpoint(later(last.globalPosition, await rows.checkpoint()));
    });
  };

  return {
    hooks: { beforeCommit: (_streamId, tx, append) => appendTx.run(tx, () => project(tx, append)) },
    store,
    target,
  };
};
