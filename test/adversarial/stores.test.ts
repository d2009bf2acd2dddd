/**
 * Issue 10, "done when": an adversarial fast-check run over the public API of every store (data, metadata, ids,
 * options, waits). Every call either succeeds or rejects with an `EventStoreError`, never another exception and
 * never a hang (each call is bounded by a timeout); a rejected append leaves the store unchanged; every stream
 * still verifies at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { v4 as uuid } from 'uuid';
import { createInMemoryEventStore, createPGliteEventStore, createPostgresEventStore } from '@laborcase/adapters';
import { ANY, EventStoreError, NO_STREAM, STREAM_EXISTS, verifyStream, type EventStore, type NewEvent } from '@laborcase/core';
import { collect, metadata, toyRegistry } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const clock = () => new Date('2026-03-02T09:00:00.000Z');
const CALL_TIMEOUT_MS = 5_000;

const garbage = fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, maxDepth: 3 });

const validData = fc.constantFrom(
  { type: 'ToyGrievanceFiled', data: { grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' } },
  { type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' } },
  { type: 'ToyGrievanceAppealed', data: { toStep: 2 } },
);

const anEvent: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validData, fc.constantFrom('lower', 'upper')).map(([d, c]) => ({ eventId: c === 'upper' ? uuid().toUpperCase() : uuid(), ...d, metadata: metadata() })) },
  {
    weight: 3,
    arbitrary: fc.record({
      eventId: fc.oneof(fc.uuid(), garbage),
      type: fc.oneof(fc.constantFrom('ToyGrievanceFiled', 'ToyStepAnswered', '\u200B'), garbage),
      schemaVersion: fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 3 }), garbage),
      data: fc.oneof(validData.map((d) => d.data), garbage),
      metadata: fc.oneof(
        fc.constant(metadata()),
        garbage,
        fc.record({ provenance: fc.oneof(garbage, fc.record({ actorId: fc.string(), role: fc.string() })), correlationId: fc.string(), causationId: garbage, effectiveOn: fc.constant('2025-10-06') }),
        garbage.map((extra) => ({ ...metadata(), extra })),
      ),
    }),
  },
  { weight: 1, arbitrary: garbage },
);

type Op =
  | { readonly kind: 'append'; readonly stream: number; readonly events: unknown; readonly options: unknown }
  | { readonly kind: 'readStream'; readonly stream: number; readonly options: unknown }
  | { readonly kind: 'readAll'; readonly options: unknown }
  | { readonly kind: 'streamVersion'; readonly stream: unknown }
  | { readonly kind: 'wait'; readonly after: unknown; readonly options: unknown };

const expectedVersion = fc.oneof(fc.constantFrom<unknown>(NO_STREAM, ANY, STREAM_EXISTS), fc.integer({ min: -1, max: 6 }), garbage);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(2),
      events: fc.oneof({ weight: 5, arbitrary: fc.array(anEvent, { maxLength: 4 }) }, { weight: 1, arbitrary: garbage }),
      options: fc.oneof({ weight: 4, arbitrary: fc.record({ expectedVersion }) }, { weight: 1, arbitrary: garbage }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('readStream' as const), stream: fc.nat(2), options: fc.oneof(fc.constant(undefined), garbage, fc.record({ direction: garbage, maxCount: garbage }, { requiredKeys: [] })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('readAll' as const), options: fc.oneof(fc.constant(undefined), garbage, fc.record({ after: garbage, maxCount: garbage, eventTypes: garbage }, { requiredKeys: [] })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('streamVersion' as const), stream: fc.oneof(fc.nat(2), garbage) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      after: fc.oneof(fc.constant('head'), garbage),
      // Every valid combination ends by itself within a few tens of milliseconds.
      options: fc.oneof(
        // Not undefined: no timeout and no signal is a wait without end, by design.
        garbage.filter((g) => g !== undefined && (typeof g !== 'object' || g === null || Array.isArray(g))),
        fc.record({
          timeoutMs: fc.oneof(fc.nat(30), fc.constantFrom<unknown>(Number.NaN, '100', -1, null, 2 ** 40), garbage.filter((g) => g !== undefined && (typeof g !== 'number' || !(g >= 30)))),
          signal: fc.oneof(fc.constant(undefined), garbage, fc.constant('timeout')),
        }).map((o) => (o.timeoutMs === 2 ** 40 ? { ...o, signal: 'timeout' } : o)),
      ),
    }),
  },
);

const bounded = async <T>(label: string, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label} did not settle in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS)));
  try {
    return { ok: true, value: await Promise.race([work(), timeout]) };
  } catch (error) {
    if (error instanceof Error && error.message.endsWith(`did not settle in ${CALL_TIMEOUT_MS} ms`)) throw error;
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
};

const adversarialRun = (open: () => Promise<EventStore>, numRuns: number): void => {
  let store: EventStore;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it('typed error or success, never another exception or a hang; rejected appends change nothing; chains verify', async () => {
    let appended = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const streams = [0, 1, 2].map(() => `adv-${uuid()}`);
        for (const o of ops) {
          if (o.kind === 'append') {
            const streamId = streams[o.stream] as string;
            const head = await store.headPosition();
            const before = await collect(store.readStream(streamId));
            const outcome = await bounded('append', () => store.append(streamId, o.events as NewEvent[], o.options as never));
            if (outcome.ok) appended += 1;
            else {
              rejected += 1;
              expect(outcome.error).toBeInstanceOf(EventStoreError);
              expect(await store.headPosition()).toEqual(head);
              expect(await collect(store.readStream(streamId))).toEqual(before);
            }
          } else if (o.kind === 'readStream') {
            const outcome = await bounded('readStream', () => collect(store.readStream(streams[o.stream] as string, o.options as never)));
            if (!outcome.ok) expect(outcome.error).toBeInstanceOf(EventStoreError);
          } else if (o.kind === 'readAll') {
            const outcome = await bounded('readAll', () => collect(store.readAll(o.options as never)));
            if (!outcome.ok) expect(outcome.error).toBeInstanceOf(EventStoreError);
          } else if (o.kind === 'streamVersion') {
            const id = typeof o.stream === 'number' ? streams[o.stream] : o.stream;
            const outcome = await bounded('streamVersion', () => store.streamVersion(id as string));
            if (!outcome.ok) expect(outcome.error).toBeInstanceOf(EventStoreError);
          } else {
            const after = o.after === 'head' ? await store.headPosition() : o.after;
            const given = o.options as { signal?: unknown } | undefined;
            const options =
              typeof given === 'object' && given !== null && given.signal === 'timeout' ? { ...given, signal: AbortSignal.timeout(20) } : given;
            const outcome = await bounded('waitForEvents', () => store.waitForEvents(after as never, options as never));
            if (!outcome.ok) expect(outcome.error).toBeInstanceOf(EventStoreError);
          }
        }
        for (const streamId of streams) {
          const events = await collect(store.readStream(streamId));
          expect(verifyStream(events).ok).toBe(true);
          expect(await store.streamVersion(streamId)).toBe(events.length === 0 ? NO_STREAM : events.length - 1);
        }
      }),
      { numRuns },
    );
    // The run exercised both sides.
    expect(appended).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  }, 240_000);
};

describe('adversarial: in-memory store', () => adversarialRun(async () => createInMemoryEventStore({ registry: toyRegistry, clock }), 150));
describe('adversarial: PGlite store', () => adversarialRun(() => createPGliteEventStore({ registry: toyRegistry, clock }), 60));
describeWithPostgres('adversarial: PostgreSQL store', (schemaFor) =>
  adversarialRun(() => createPostgresEventStore({ connectionString: PG_URL as string, registry: toyRegistry, clock, schema: schemaFor('adversarial'), poolSize: 4 }), 60),
);
