/**
 * The async runner: follows the global log (`readAll` + `waitForEvents`) in batches and applies each batch and
 * its checkpoint in one read-model transaction, so a crash never applies an event twice or skips one. One
 * runner per projection version at a time, through a lease in the read-model store that every batch
 * transaction checks (fencing): a runner that lost its lease cannot commit.
 */
import { randomUUID } from 'node:crypto';
import { comparePositions, readToArray, START, type CodecRegistry, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { applyBatch, historyFrom, type PoisonPolicy } from './batch.js';
import type { AnyProjection, EventShape, Projection } from './definition.js';
import { InvalidProjection, ProjectionLocked, ProjectionStopped } from './errors.js';
import { runLeaseKey, type ModelTarget, type ReadModelStore } from './store.js';
import { typesToRead } from './view.js';
import { retryDeadLetters, type RetryResult } from './deadLetters.js';
import type { DeadLetter } from './store.js';
import { backoffDelay, backoffPolicyOf, type BackoffOptions } from './backoff.js';

export interface RunnerOptions<Events extends EventShape, TableName extends string> {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly store: ReadModelStore;
  readonly projection: Projection<Events, TableName>;
  /** Events read and applied per transaction (default 500). */
  readonly batchSize?: number;
  /** Poison events: `skip` (default) dead-letters and continues, `stop` dead-letters and stops before it. */
  readonly onPoison?: PoisonPolicy;
  /** When another runner holds the lease: `fail` (default, `ProjectionLocked`) or `wait` until it is free. */
  readonly whenLocked?: 'fail' | 'wait';
  /** Lease length; renewed every batch and every wait, and held through a batch that outlasts it (default 30,000 ms). A killed runner's lease lapses after it. */
  readonly leaseTtlMs?: number;
  /** Identifies this runner in the lease (default: a random UUID). */
  readonly owner?: string;
  readonly clock?: () => Date;
  /** After each committed batch (for progress reporting). */
  readonly onBatch?: (info: { readonly checkpoint: GlobalPosition; readonly events: number }) => void;
  /**
   * Transient failures of either store (`StoreUnavailable`, a lost read-model connection) are waited out with
   * exponential backoff and retried; any other error, or too many failures in a row, stops the runner.
   */
  readonly retry?: BackoffOptions;
  /** Before each wait of a retry. */
  readonly onRetry?: (info: RetryState) => void;
}

/** `retrying`: a transient failure is being waited out (see `retrying` for which and how long). */
export type RunnerStatus = 'idle' | 'starting' | 'running' | 'retrying' | 'stopped' | 'failed';

export interface RetryState {
  /** Consecutive failures so far (1 on the first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface ProjectionRunner {
  readonly status: RunnerStatus;
  /** While `status` is `retrying`: the failure being waited out. */
  readonly retrying: RetryState | undefined;
  /** Take the lease, create the tables if missing and start following the log in the background. */
  start(): Promise<void>;
  /** Finish the batch in flight, release the lease, resolve when the loop has ended. */
  stop(): Promise<void>;
  /** Resolves once the checkpoint is at or past `position` (default: the log's head now); rejects if the runner stops or fails first. */
  whenCaughtUp(position?: GlobalPosition, options?: { readonly timeoutMs?: number }): Promise<GlobalPosition>;
  /** Settles when the loop ends: resolves on `stop`, rejects with the error that ended it. */
  readonly done: Promise<void>;
  /** This version's dead letters. */
  deadLetters(): Promise<DeadLetter[]>;
  /** Re-project the streams of these dead letters (all when omitted) between two batches; see `deadLetters.ts`. */
  retryDeadLetters(ids?: readonly number[]): Promise<RetryResult>;
}

const positive = (field: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidProjection(field, `must be a positive integer, got ${String(value)}`);
  return value;
};

export const targetOf = (projection: AnyProjection): ModelTarget => ({ name: projection.name, version: projection.version, tables: projection.tables });

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export const createProjectionRunner = <Events extends EventShape, TableName extends string>(options: RunnerOptions<Events, TableName>): ProjectionRunner => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  for (const field of ['eventStore', 'registry', 'store', 'projection'] as const) {
    if (typeof options[field] !== 'object' || options[field] === null) throw new InvalidProjection(field, 'is required');
  }
  const projection = options.projection as unknown as AnyProjection;
  const batchSize = positive('batchSize', options.batchSize, 500);
  const ttl = positive('leaseTtlMs', options.leaseTtlMs, 30_000);
  const policy = options.onPoison ?? 'skip';
  if (policy !== 'skip' && policy !== 'stop') throw new InvalidProjection('onPoison', `must be "skip" or "stop", got ${JSON.stringify(policy)}`);
  const whenLocked = options.whenLocked ?? 'fail';
  if (whenLocked !== 'fail' && whenLocked !== 'wait') throw new InvalidProjection('whenLocked', `must be "fail" or "wait", got ${JSON.stringify(whenLocked)}`);
  const retryPolicy = backoffPolicyOf(options.retry);
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function') throw new InvalidProjection('onRetry', 'must be a function');
  const owner = options.owner ?? randomUUID();
  const clock = options.clock ?? (() => new Date());
  const { eventStore, registry, store } = options;
  const target = targetOf(projection);
  const leaseKey = runLeaseKey(projection.name, projection.version);
  const types = typesToRead(projection);
  const context = { projection, target, registry, store, history: historyFrom(eventStore), policy, clock, leaseOwner: owner, holdLease: { ttlMs: ttl } };

  let status: RunnerStatus = 'idle';
  let retrying: RetryState | undefined;
  const abort = new AbortController();
  let checkpoint: GlobalPosition | undefined;
  let leaseRenewedAt = 0;
  let failure: unknown;
  let settleDone: { resolve: () => void; reject: (error: unknown) => void } = { resolve: () => {}, reject: () => {} };
  const done = new Promise<void>((resolve, reject) => (settleDone = { resolve, reject }));
  done.catch(() => undefined); // observed through whenCaughtUp / done by callers who care
  const retries: { ids: readonly number[] | undefined; resolve: (r: RetryResult) => void; reject: (e: unknown) => void }[] = [];
  let waiting: AbortController | undefined;
  const waiters = new Set<{ position: GlobalPosition; resolve: (p: GlobalPosition) => void; reject: (e: unknown) => void }>();

  const notify = (): void => {
    for (const waiter of waiters) {
      if (checkpoint !== undefined && comparePositions(checkpoint, waiter.position) >= 0) {
        waiters.delete(waiter);
        waiter.resolve(checkpoint);
      }
    }
  };
  const rejectWaiters = (error: unknown): void => {
    for (const waiter of waiters) waiter.reject(error);
    waiters.clear();
  };

  const takeLease = async (): Promise<void> => {
    for (;;) {
      const lease = await store.acquireLease(leaseKey, owner, ttl);
      if (lease.owner === owner) {
        leaseRenewedAt = Date.now();
        return;
      }
      if (whenLocked === 'fail') throw new ProjectionLocked(projection.name, lease.owner);
      await sleep(Math.min(1_000, ttl / 4), abort.signal);
      if (abort.signal.aborted) throw new ProjectionLocked(projection.name, lease.owner);
    }
  };
  const renewLease = async (): Promise<void> => {
    if (Date.now() - leaseRenewedAt < ttl / 3) return;
    const lease = await store.acquireLease(leaseKey, owner, ttl);
    if (lease.owner !== owner) throw new ProjectionLocked(projection.name, lease.owner);
    leaseRenewedAt = Date.now();
  };

  const readBatch = (after: GlobalPosition): Promise<StoredEvent[]> => readToArray(eventStore.readAll({ after, maxCount: batchSize, eventTypes: types }));

  const runRetries = async (): Promise<void> => {
    for (let request = retries.shift(); request !== undefined; request = retries.shift()) {
      try {
        request.resolve(await retryDeadLetters({ projection, target, eventStore, registry, store, clock, leaseOwner: owner }, request.ids));
      } catch (error) {
        request.reject(error);
      }
    }
  };

  /** One turn of the loop: a batch applied, or a wait for new events. */
  const step = async (): Promise<void> => {
    await renewLease();
    await runRetries();
    const after = checkpoint ?? START;
    // Taken before reading: a short batch means every event up to `head` has been seen, ignored types included.
    const head = await eventStore.headPosition();
    const batch = await readBatch(after);
    const seenUpTo = batch.length < batchSize && comparePositions(head, after) > 0 ? head : undefined;
    if (batch.length === 0 && seenUpTo === undefined) {
      if (retries.length > 0) return;
      // Woken by a new event, by stop() or by a retry request.
      waiting = new AbortController();
      const stopWaiting = (): void => waiting?.abort();
      abort.signal.addEventListener('abort', stopWaiting, { once: true });
      if (abort.signal.aborted) return;
      try {
        await eventStore.waitForEvents(after, { signal: waiting.signal, timeoutMs: Math.max(50, Math.floor(ttl / 3)) });
      } finally {
        abort.signal.removeEventListener('abort', stopWaiting);
        waiting = undefined;
      }
      return;
    }
    await renewLease(); // reading the batch may have taken a while: its transaction needs the lease unexpired at its start
    const outcome = await applyBatch(context, batch, seenUpTo);
    leaseRenewedAt = Date.now(); // the batch's transaction extended the lease
    checkpoint = outcome.checkpoint;
    if (outcome.kind === 'stopped') {
      throw new ProjectionStopped(projection.name, outcome.poison.record.eventId, outcome.poison.record.globalPosition, outcome.poison.message);
    }
    options.onBatch?.({ checkpoint: outcome.checkpoint, events: batch.length });
    notify();
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        await step();
      } catch (error) {
        if (!retryPolicy.isTransient(error) || failures + 1 >= retryPolicy.maxAttempts) throw error;
        failures++;
        retrying = { attempt: failures, delayMs: backoffDelay(retryPolicy, failures), error };
        status = 'retrying';
        options.onRetry?.(retrying);
        await sleep(retrying.delayMs, abort.signal);
        continue;
      }
      failures = 0;
      if (status === 'retrying') {
        status = 'running';
        retrying = undefined;
      }
    }
  };

  const runner: ProjectionRunner = {
    get status() {
      return status;
    },
    get retrying() {
      return retrying;
    },
    done,
    async start() {
      if (status !== 'idle') throw new InvalidProjection('start', `runner is ${status}; create a new one`);
      status = 'starting';
      try {
        await takeLease();
        await store.prepare(target);
        checkpoint = await store.checkpoint(target);
      } catch (error) {
        status = 'failed';
        failure = error;
        settleDone.reject(error);
        throw error;
      }
      status = 'running';
      notify();
      loop().then(
        async () => {
          status = 'stopped';
          retrying = undefined;
          for (const request of retries.splice(0)) request.reject(new InvalidProjection('runner', 'stopped before retrying'));
          await store.releaseLease(leaseKey, owner).catch(() => undefined);
          rejectWaiters(new InvalidProjection('runner', 'stopped before reaching the position'));
          settleDone.resolve();
        },
        async (error: unknown) => {
          status = 'failed';
          retrying = undefined;
          failure = error;
          for (const request of retries.splice(0)) request.reject(error);
          await store.releaseLease(leaseKey, owner).catch(() => undefined);
          rejectWaiters(error);
          settleDone.reject(error);
        },
      );
    },
    deadLetters: () => store.deadLetters(target),
    retryDeadLetters(ids) {
      if (status !== 'running' && status !== 'retrying') return Promise.reject(new InvalidProjection('runner', `is ${status}; retry dead letters on a running runner`));
      return new Promise<RetryResult>((resolve, reject) => {
        retries.push({ ids, resolve, reject });
        waiting?.abort();
      });
    },
    async stop() {
      abort.abort();
      if (status === 'idle') {
        status = 'stopped';
        settleDone.resolve();
        return;
      }
      await done.catch(() => undefined);
    },
    async whenCaughtUp(position, waitOptions = {}) {
      const wanted = position ?? (await eventStore.headPosition());
      if (checkpoint !== undefined && comparePositions(checkpoint, wanted) >= 0) return checkpoint;
      if (comparePositions(wanted, START) === 0) return checkpoint ?? START;
      if (status === 'failed') throw failure;
      if (status === 'stopped') throw new InvalidProjection('runner', 'is stopped');
      return new Promise<GlobalPosition>((resolve, reject) => {
        const waiter = { position: wanted, resolve, reject };
        waiters.add(waiter);
        if (waitOptions.timeoutMs !== undefined) {
          const timer = setTimeout(() => {
            if (waiters.delete(waiter)) reject(new InvalidProjection('timeoutMs', `not caught up to ${wanted} within ${waitOptions.timeoutMs} ms (at ${checkpoint ?? 'start'})`));
          }, waitOptions.timeoutMs);
          const clear = (): void => clearTimeout(timer);
          waiter.resolve = (p) => {
            clear();
            resolve(p);
          };
          waiter.reject = (e) => {
            clear();
            reject(e);
          };
        }
      });
    },
  };
  return runner;
};
