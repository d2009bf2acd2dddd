/**
 * The runner waits out transient store failures with capped, jittered exponential backoff, shows it in its
 * status, and carries on where it was; other errors, or too many failures in a row, still stop it.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { StoreUnavailable, type EventStore } from '@laborcase/core';
import {
  backoffDelay,
  backoffPolicyOf,
  createInMemoryReadModelStore,
  createProjectionRunner,
  InvalidProjection,
  isTransientError,
  ReadModelFailure,
  targetOf,
  type ProjectionRunner,
  type RetryState,
  type RunnerStatus,
} from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';
import { append } from './support.js';

const registry = caseRegistry();
const projection = caseBoard();

/** The event store, whose `readAll` fails with `error` on its first `failures` calls. */
const failingFirst = (eventStore: EventStore, failures: number, error: () => Error): EventStore => {
  let calls = 0;
  return new Proxy(eventStore, {
    get(target, property, receiver) {
      if (property !== 'readAll') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<EventStore['readAll']>) => {
        if (++calls <= failures) throw error();
        return target.readAll(...args);
      };
    },
  });
};

const runners: ProjectionRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
});

const seeded = async (): Promise<EventStore> => {
  const eventStore = createInMemoryEventStore({ registry });
  for (let i = 0; i < 6; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, `art-${i % 2}`));
  return eventStore;
};

describe('runner retry with backoff', () => {
  it('waits out a store that is unavailable three times, then projects everything once', async () => {
    const eventStore = await seeded();
    const store = createInMemoryReadModelStore();
    const retries: RetryState[] = [];
    const statuses: RunnerStatus[] = [];
    const runner = createProjectionRunner({
      eventStore: failingFirst(eventStore, 3, () => new StoreUnavailable('database restarting')),
      registry,
      store,
      projection,
      batchSize: 4,
      retry: { initialDelayMs: 4, maxDelayMs: 10, jitter: 0 },
      onRetry: (state) => {
        retries.push(state);
        statuses.push(runner.status);
      },
    });
    runners.push(runner);
    await runner.start();
    await runner.whenCaughtUp(await eventStore.headPosition(), { timeoutMs: 5_000 });
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 4],
      [2, 8],
      [3, 10],
    ]);
    expect(retries.every((r) => r.error instanceof StoreUnavailable)).toBe(true);
    expect(statuses).toEqual(['retrying', 'retrying', 'retrying']);
    expect(runner.status).toBe('running');
    expect(runner.retrying).toBeUndefined();
    const applied = await store.rows(targetOf(projection), 'applied');
    expect(applied).toHaveLength(6);
    expect(applied.every((r) => r['times'] === 1)).toBe(true);
  });

  it('fails at once on an error that is not transient', async () => {
    const eventStore = await seeded();
    const retries: RetryState[] = [];
    const runner = createProjectionRunner({
      eventStore: failingFirst(eventStore, 1, () => new Error('bug in the reader')),
      registry,
      store: createInMemoryReadModelStore(),
      projection,
      retry: { initialDelayMs: 1 },
      onRetry: (state) => retries.push(state),
    });
    runners.push(runner);
    await runner.start();
    await expect(runner.done).rejects.toThrow('bug in the reader');
    expect(runner.status).toBe('failed');
    expect(retries).toEqual([]);
  });

  it('gives up after maxAttempts failures in a row, with the last error', async () => {
    const eventStore = await seeded();
    const retries: RetryState[] = [];
    const runner = createProjectionRunner({
      eventStore: failingFirst(eventStore, 10, () => new StoreUnavailable('still down')),
      registry,
      store: createInMemoryReadModelStore(),
      projection,
      retry: { initialDelayMs: 1, maxAttempts: 3 },
      onRetry: (state) => retries.push(state),
    });
    runners.push(runner);
    await runner.start();
    await expect(runner.done).rejects.toBeInstanceOf(StoreUnavailable);
    expect(runner.status).toBe('failed');
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('stop() ends a wait at once', async () => {
    const eventStore = await seeded();
    const runner = createProjectionRunner({
      eventStore: failingFirst(eventStore, 1, () => new StoreUnavailable('down')),
      registry,
      store: createInMemoryReadModelStore(),
      projection,
      retry: { initialDelayMs: 60_000, jitter: 0 },
    });
    await runner.start();
    while (runner.status !== 'retrying') await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runner.retrying).toMatchObject({ attempt: 1, delayMs: 60_000 });
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(runner.status).toBe('stopped');
  });
});

describe('backoff', () => {
  it('grows by the factor, never past the cap, and jitter only shortens the wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 60 }),
        (initialDelayMs, extra, factor, jitter, random, attempt) => {
          const policy = backoffPolicyOf({ initialDelayMs, maxDelayMs: initialDelayMs + extra, factor, jitter, random: () => random });
          const full = Math.min(policy.maxDelayMs, initialDelayMs * factor ** (attempt - 1));
          const delay = backoffDelay(policy, attempt);
          expect(delay).toBeLessThanOrEqual(Math.round(full));
          expect(delay).toBeGreaterThanOrEqual(Math.round(full * (1 - jitter)) - 1);
        },
      ),
    );
  });

  it('refuses a malformed policy, naming the field', () => {
    expect(() => backoffPolicyOf({ maxDelayMs: 10, initialDelayMs: 20 })).toThrow(new InvalidProjection('retry.maxDelayMs', 'must be a number from 20 to Infinity, got 10'));
    expect(() => backoffPolicyOf({ jitter: 2 })).toThrow(InvalidProjection);
    expect(() => backoffPolicyOf({ isTransient: 'yes' as never })).toThrow(/retry\.isTransient/);
    expect(() => createProjectionRunner({ eventStore: createInMemoryEventStore({ registry }), registry, store: createInMemoryReadModelStore(), projection, retry: { factor: 0.5 } })).toThrow(/retry\.factor/);
  });

  it('treats an unavailable event store and a lost read-model connection as transient, nothing else', () => {
    expect(isTransientError(new StoreUnavailable('down'))).toBe(true);
    expect(isTransientError(new ReadModelFailure('lost', { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) }))).toBe(true);
    expect(isTransientError(new ReadModelFailure('bad sql', { cause: Object.assign(new Error('syntax'), { code: '42601' }) }))).toBe(false);
    expect(isTransientError(new Error('bug'))).toBe(false);
  });
});
