/**
 * Blue/green rebuild: a projection version is built from the start of the log into its own tables, beside the
 * live version, which keeps serving; once caught up with the log's head, readers are switched to it in one
 * step (`activate`). Progress is reported per batch; a signal cancels (the new tables are dropped, the live
 * version is untouched); a second rebuild of the same projection at the same time is refused.
 */
import { randomUUID } from 'node:crypto';
import { comparePositions, readToArray, START, type CodecRegistry, type EventStore, type GlobalPosition } from '@laborcase/core';
import { applyBatch, historyFrom, type PoisonPolicy } from './batch.js';
import type { AnyProjection, EventShape, Projection } from './definition.js';
import { InvalidProjection, ProjectionLocked, ProjectionStopped, RebuildCancelled } from './errors.js';
import { targetOf } from './runner.js';
import { rebuildLeaseKey, runLeaseKey, type ReadModelStore } from './store.js';
import { typesToRead } from './view.js';

export interface RebuildProgress {
  readonly projection: string;
  readonly version: number;
  /** Events applied so far (of the types the projection reads). */
  readonly done: number;
  /** Events to apply in all, when counted (`count: true`, the default). */
  readonly total: number | undefined;
  /** Events per second since the start. */
  readonly rate: number;
  /** Estimated milliseconds left, when the total is known. */
  readonly etaMs: number | undefined;
  readonly checkpoint: GlobalPosition;
}

export interface RebuildOptions<Events extends EventShape, TableName extends string> {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly store: ReadModelStore;
  readonly projection: Projection<Events, TableName>;
  /** Events per transaction (default 5,000: a rebuild has no reader waiting on each batch, and fewer, larger batches coalesce more rewrites of a row). */
  readonly batchSize?: number;
  /** Poison events stop a rebuild by default (`stop`); `skip` dead-letters them and goes on. */
  readonly onPoison?: PoisonPolicy;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Aborting cancels: `RebuildCancelled`, the new version's tables dropped. */
  readonly signal?: AbortSignal;
  /** Count the events first so progress has a total and an ETA (one extra read of the log; default true). */
  readonly count?: boolean;
  /** Switch readers to the new version once caught up (default true). */
  readonly activate?: boolean;
  readonly clock?: () => Date;
  /** Lease length (default 60,000 ms): renewed between batches and held through a batch that outlasts it. */
  readonly leaseTtlMs?: number;
}

export interface RebuildResult {
  readonly projection: string;
  readonly version: number;
  readonly events: number;
  readonly checkpoint: GlobalPosition | undefined;
  readonly elapsedMs: number;
  readonly activated: boolean;
}

/** Events per transaction of a rebuild when `batchSize` is not given. */
export const DEFAULT_REBUILD_BATCH_SIZE = 5_000;

export const rebuildProjection = async <Events extends EventShape, TableName extends string>(options: RebuildOptions<Events, TableName>): Promise<RebuildResult> => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  for (const field of ['eventStore', 'registry', 'store', 'projection'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new InvalidProjection(field, 'is required');
  }
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new InvalidProjection('batchSize', `must be a positive integer, got ${String(batchSize)}`);
  const policy = options.onPoison ?? 'stop';
  if (policy !== 'skip' && policy !== 'stop') throw new InvalidProjection('onPoison', `must be "skip" or "stop", got ${JSON.stringify(policy)}`);
  const projection = options.projection as unknown as AnyProjection;
  const { eventStore, registry, store } = options;
  const clock = options.clock ?? (() => new Date());
  const ttl = options.leaseTtlMs ?? 60_000;
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new InvalidProjection('leaseTtlMs', `must be a positive integer, got ${String(ttl)}`);
  const target = targetOf(projection);
  const owner = `rebuild-${randomUUID()}`;
  const types = typesToRead(projection);
  const cancelled = (): boolean => options.signal?.aborted === true;

  const rebuildLease = await store.acquireLease(rebuildLeaseKey(projection.name), owner, ttl);
  if (rebuildLease.owner !== owner) throw new ProjectionLocked(projection.name, rebuildLease.owner);
  const release = async (): Promise<void> => {
    await store.releaseLease(runLeaseKey(projection.name, projection.version), owner).catch(() => undefined);
    await store.releaseLease(rebuildLeaseKey(projection.name), owner).catch(() => undefined);
  };
  try {
    if ((await store.activeVersion(projection.name)) === projection.version) {
      throw new InvalidProjection('version', `${projection.name} v${projection.version} is the live version; rebuild into a new version`);
    }
    const runLease = await store.acquireLease(runLeaseKey(projection.name, projection.version), owner, ttl);
    if (runLease.owner !== owner) throw new ProjectionLocked(projection.name, runLease.owner);
    await store.drop(target);
    await store.prepare(target);

    const started = Date.now();
    let total: number | undefined;
    if (options.count !== false) {
      total = 0;
      for await (const event of eventStore.readAll({ eventTypes: types })) {
        void event;
        total++;
        if (total % 10_000 === 0 && cancelled()) break;
      }
    }
    // Each batch's transaction holds both leases and extends them at its commit, however long the batch runs.
    const context = { projection, target, registry, store, history: historyFrom(eventStore), policy, clock, leaseOwner: owner, holdLease: { ttlMs: ttl, alsoHold: [rebuildLeaseKey(projection.name)] } };
    let done = 0;
    let checkpoint: GlobalPosition | undefined;
    let renewedAt = Date.now();
    for (;;) {
      if (cancelled()) throw new RebuildCancelled(projection.name);
      const after = checkpoint ?? START;
      const head = await eventStore.headPosition();
      const batch = await readToArray(eventStore.readAll({ after, maxCount: batchSize, eventTypes: types }));
      const seenUpTo = batch.length < batchSize && comparePositions(head, after) > 0 ? head : undefined;
      if (batch.length === 0 && seenUpTo === undefined) break;
      // Renewed just before the batch (its transaction needs the leases unexpired at its start, then holds them).
      if (Date.now() - renewedAt > ttl / 3) {
        for (const key of [rebuildLeaseKey(projection.name), runLeaseKey(projection.name, projection.version)]) {
          const lease = await store.acquireLease(key, owner, ttl);
          if (lease.owner !== owner) throw new ProjectionLocked(projection.name, lease.owner);
        }
        renewedAt = Date.now();
      }
      const outcome = await applyBatch(context, batch, seenUpTo);
      renewedAt = Date.now();
      if (outcome.kind === 'stopped') {
        throw new ProjectionStopped(projection.name, outcome.poison.record.eventId, outcome.poison.record.globalPosition, outcome.poison.message);
      }
      checkpoint = outcome.checkpoint;
      done += batch.length;
      const elapsed = Math.max(1, Date.now() - started);
      const rate = (done / elapsed) * 1_000;
      options.onProgress?.({
        projection: projection.name,
        version: projection.version,
        done,
        total: total === undefined ? undefined : Math.max(total, done),
        rate,
        etaMs: total === undefined || rate === 0 ? undefined : Math.max(0, ((total - done) / rate) * 1_000),
        checkpoint,
      });
      if (seenUpTo !== undefined) break;
    }
    if (cancelled()) throw new RebuildCancelled(projection.name);
    const activate = options.activate !== false;
    if (activate) await store.activate(target);
    return { projection: projection.name, version: projection.version, events: done, checkpoint, elapsedMs: Date.now() - started, activated: activate };
  } catch (error) {
    if (error instanceof RebuildCancelled) await store.drop(target).catch(() => undefined);
    throw error;
  } finally {
    await release();
  }
};
