/**
 * The event-store contract: every rule of the port, checked the same way against every adapter.
 * An adapter's test file calls `describeEventStoreContract(name, factory, testApi)` and adds nothing to it.
 *
 * It runs on any test runner: the caller passes its runner's `describe`, `it`, `beforeAll` and `afterAll`
 * (typed structurally below), and the suite asserts with `node:assert/strict`.
 *
 * Tests use fresh stream ids and read the global log from the head they saw at their start, so the
 * factory may hand out a shared, non-empty store.
 */
import assert from 'node:assert/strict';
import { v4 as uuid } from 'uuid';
import {
  ANY,
  GENESIS_HASH,
  NO_STREAM,
  STREAM_EXISTS,
  DuplicateEventId,
  ImportChainBroken,
  ImportConflict,
  InvalidArgument,
  InvalidEvent,
  StoreUnavailable,
  WrongExpectedVersion,
  comparePositions,
  createCodecRegistry,
  isEventImporter,
  positionFromSegments,
  sealEvents,
  verifyStream,
  type CodecRegistry,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type StoredEvent,
} from '../index.js';
import { validateAppend } from '../eventstore/validateAppend.js';
import { chainHash } from '../eventstore/chain.js';
import { ToyAppealed, ToyClosed, ToyFiled, toyRegistry } from './toyAggregate.js';
import { collect, rejection } from './collect.js';
import { assertEqual, assertInstanceOf, assertMatches, show } from './assertions.js';
import { answered, appealed, filed, metadata, toyStream, uniqueStream } from './toyEvents.js';

export interface ContractContext {
  readonly registry: CodecRegistry;
  readonly clock: () => Date;
}

/**
 * The test runner's functions the suite calls, typed structurally so that no runner's types are needed:
 * jest's and vitest's fit as they are; with mocha or `node:test`, pass `before`/`after` as `beforeAll`/`afterAll`.
 */
export interface ContractTestApi {
  readonly describe: (name: string, body: () => void) => unknown;
  readonly it: (name: string, body: () => Promise<void>) => unknown;
  readonly beforeAll: (hook: () => Promise<void>) => unknown;
  readonly afterAll: (hook: () => Promise<void>) => unknown;
}

export interface ContractOptions {
  /** Concurrent writers in the one-stream race (default 20). */
  readonly racers?: number;
}

export type ContractStoreFactory = (context: ContractContext) => Promise<EventStore>;

const FIXED_NOW = new Date('2026-01-27T14:30:00.000Z');

/** Events as another store recorded them (another clock, their own positions): what an import takes. */
const recordedElsewhere = (streamId: string, events: readonly NewEvent[], recordedAt: string): StoredEvent[] => {
  const validated = validateAppend(toyRegistry, streamId, events, ANY).events;
  return sealEvents(streamId, { version: NO_STREAM, hash: GENESIS_HASH }, validated, recordedAt).map((event, i) => ({
    ...event,
    globalPosition: positionFromSegments(BigInt(i + 1), 7n),
  }));
};

/** Two streams recorded elsewhere, interleaved as the source's global log had them: a0 b0 a1 b1 a2. */
const interleavedSource = () => {
  const a = recordedElsewhere(uniqueStream(), toyStream(3), '2025-10-06T09:15:00.000Z');
  const b = recordedElsewhere(uniqueStream(), toyStream(2), '2025-10-07T16:45:30.125Z');
  return { a, b, log: [a[0]!, b[0]!, a[1]!, b[1]!, a[2]!] };
};

/** `event` with its content changed and its hash recomputed, so only its link or its codec can tell. */
const resealed = (event: StoredEvent, change: Partial<StoredEvent>): StoredEvent => {
  const changed = { ...event, ...change };
  return { ...changed, hash: chainHash(changed.prevHash, changed) };
};

/** Try to change an event a store handed out: a copy takes the change, a frozen event refuses it with a TypeError. */
const changeOrRefused = (change: () => unknown): void => {
  try {
    change();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
};

export const describeEventStoreContract = (name: string, factory: ContractStoreFactory, test: ContractTestApi, options: ContractOptions = {}): void => {
  const { describe, it, beforeAll, afterAll } = test;
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    const context: ContractContext = { registry: toyRegistry, clock: () => FIXED_NOW };

    beforeAll(async () => {
      store = await factory(context);
    });
    afterAll(async () => {
      await store.close();
    });

    const newEventsSince = async (head: GlobalPosition) => collect(store.readAll({ after: head }));
    const versions = (events: readonly StoredEvent[]) => events.map((e) => e.streamVersion);

    /** Append and assert the store did not change at all. */
    const expectRejectedAndUnchanged = async (streamId: string, attempt: () => Promise<unknown>): Promise<unknown> => {
      const head = await store.headPosition();
      const before = await store.streamVersion(streamId);
      const error = await rejection(attempt());
      assertEqual(await store.streamVersion(streamId), before);
      assertEqual(await store.headPosition(), head);
      assertEqual(await newEventsSince(head), []);
      return error;
    };

    describe('expected versions', () => {
      it('NO_STREAM creates a stream numbered from 0', async () => {
        const streamId = uniqueStream();
        const result = await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
        assert.equal(result.nextExpectedVersion, 2);
        assertEqual(versions(result.events), [0, 1, 2]);
        assert.equal(await store.streamVersion(streamId), 2);
      });

      it('NO_STREAM on an existing stream is a conflict naming stream, expected and actual', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [answered()], { expectedVersion: NO_STREAM }));
        assertInstanceOf(error, WrongExpectedVersion);
        assertMatches(error, { code: 'WrongExpectedVersion', streamId, expected: NO_STREAM, actual: 0 });
      });

      it('an exact version appends only when it is the stream version', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, toyStream(2), { expectedVersion: NO_STREAM });
        const ok = await store.append(streamId, [appealed()], { expectedVersion: 1 });
        assert.equal(ok.nextExpectedVersion, 2);
        for (const stale of [0, 1, 3]) {
          const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [answered(2)], { expectedVersion: stale }));
          assertMatches(error, { code: 'WrongExpectedVersion', streamId, expected: stale, actual: 2 });
        }
      });

      it('an exact version on a missing stream reports NO_STREAM as the actual version', async () => {
        const streamId = uniqueStream();
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [filed()], { expectedVersion: 0 }));
        assertMatches(error, { code: 'WrongExpectedVersion', expected: 0, actual: NO_STREAM });
      });

      it('STREAM_EXISTS is enforced: rejected on a missing stream, accepted on an existing one', async () => {
        const streamId = uniqueStream();
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [filed()], { expectedVersion: STREAM_EXISTS }));
        assertMatches(error, { code: 'WrongExpectedVersion', expected: STREAM_EXISTS, actual: NO_STREAM });
        await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
        const ok = await store.append(streamId, [answered()], { expectedVersion: STREAM_EXISTS });
        assert.equal(ok.nextExpectedVersion, 1);
      });

      it('ANY appends to missing and existing streams', async () => {
        const streamId = uniqueStream();
        assert.equal((await store.append(streamId, [filed()], { expectedVersion: ANY })).nextExpectedVersion, 0);
        assert.equal((await store.append(streamId, [answered()], { expectedVersion: ANY })).nextExpectedVersion, 1);
      });

      it('an empty batch checks the expected version and writes nothing', async () => {
        const streamId = uniqueStream();
        assert.equal((await store.append(streamId, [], { expectedVersion: NO_STREAM })).nextExpectedVersion, NO_STREAM);
        assert.equal(await store.streamVersion(streamId), NO_STREAM);
        const error = await rejection(store.append(streamId, [], { expectedVersion: 0 }));
        assertInstanceOf(error, WrongExpectedVersion);
      });

      for (const bad of [-1, 1.5, 'no-stream', null, undefined, Number.NaN]) {
        it(`rejects the malformed expected version ${show(bad)} as an invalid argument`, async () => {
          const streamId = uniqueStream();
          const error = await expectRejectedAndUnchanged(streamId, () =>
            store.append(streamId, [filed()], { expectedVersion: bad as never }),
          );
          assertInstanceOf(error, InvalidArgument);
          assertMatches(error, { code: 'InvalidArgument', field: 'expectedVersion' });
        });
      }

      for (const bad of ['', '   ', 42, 'grievance-\u0000', 'grievance-\uD800']) {
        it(`rejects the stream id ${show(bad)}`, async () => {
          const error = await rejection(store.append(bad as never, [filed()], { expectedVersion: ANY }));
          assertMatches(error, { code: 'InvalidArgument', field: 'streamId' });
          assertMatches(await rejection(store.streamVersion(bad as never)), { code: 'InvalidArgument', field: 'streamId' });
        });
      }
    });

    describe('reading a stream', () => {
      let streamId: string;
      beforeAll(async () => {
        streamId = uniqueStream();
        await store.append(streamId, toyStream(6), { expectedVersion: NO_STREAM });
      });

      it('reads forwards in version order', async () => {
        assertEqual(versions(await collect(store.readStream(streamId))), [0, 1, 2, 3, 4, 5]);
      });
      it('reads a forwards range with from, to and maxCount', async () => {
        assertEqual(versions(await collect(store.readStream(streamId, { fromVersion: 2 }))), [2, 3, 4, 5]);
        assertEqual(versions(await collect(store.readStream(streamId, { fromVersion: 1, toVersion: 3 }))), [1, 2, 3]);
        assertEqual(versions(await collect(store.readStream(streamId, { fromVersion: 1, maxCount: 2 }))), [1, 2]);
        assertEqual(versions(await collect(store.readStream(streamId, { fromVersion: 9 }))), []);
        assertEqual(versions(await collect(store.readStream(streamId, { maxCount: 0 }))), []);
      });
      it('reads backwards from the end, or from a version down to another', async () => {
        assertEqual(versions(await collect(store.readStream(streamId, { direction: 'backwards' }))), [5, 4, 3, 2, 1, 0]);
        assertEqual(versions(await collect(store.readStream(streamId, { direction: 'backwards', maxCount: 2 }))), [5, 4]);
        assertEqual(versions(await collect(store.readStream(streamId, { direction: 'backwards', fromVersion: 3, toVersion: 1 }))), [3, 2, 1]);
        assertEqual(versions(await collect(store.readStream(streamId, { direction: 'backwards', fromVersion: 40 }))), [5, 4, 3, 2, 1, 0]);
      });
      it('yields nothing for a missing stream, whose version is NO_STREAM', async () => {
        const missing = uniqueStream('missing');
        assertEqual(await collect(store.readStream(missing)), []);
        assertEqual(await collect(store.readStream(missing, { direction: 'backwards' })), []);
        assert.equal(await store.streamVersion(missing), NO_STREAM);
      });
      const badReadOptions: readonly [object, string][] = [
        [{ fromVersion: -1 }, 'fromVersion'],
        [{ toVersion: 1.5 }, 'toVersion'],
        [{ maxCount: -3 }, 'maxCount'],
        [{ direction: 'sideways' }, 'direction'],
      ];
      for (const [options, field] of badReadOptions) {
        it(`rejects the read option ${show(options)} naming ${field}`, async () => {
          const error = await rejection(collect(store.readStream(streamId, options as never)));
          assertMatches(error, { code: 'InvalidArgument', field });
        });
      }
      it('returns exactly what was appended, with envelope fields and recordedAt from the injected clock', async () => {
        const id = uniqueStream();
        const event: NewEvent = {
          eventId: uuid(),
          type: 'ToyGrievanceFiled',
          data: { grievant: 'Zoë Ångström — 李', articleKeys: ['planning-time', 'schedules-workload'], occurredOn: '2026-01-13' },
          metadata: metadata({ provenance: { actorId: 'clerk-2', role: 'association-rep', onBehalfOf: 'teacher-41' } }),
        };
        await store.append(id, [event], { expectedVersion: NO_STREAM });
        const [stored] = await collect(store.readStream(id));
        assertMatches(stored, {
          eventId: event.eventId,
          streamId: id,
          streamVersion: 0,
          type: 'ToyGrievanceFiled',
          schemaVersion: 2,
          data: event.data,
          metadata: { ...event.metadata, recordedAt: FIXED_NOW.toISOString() },
        });
      });

      it('hands out copies or frozen events: changing an event read back changes nothing stored', async () => {
        const id = uniqueStream();
        const appended = await store.append(id, [filed(), appealed()], { expectedVersion: NO_STREAM });
        changeOrRefused(() => ((appended.events[0]!.data as { grievant: string }).grievant = 'changed after append'));
        for await (const event of store.readStream(id)) changeOrRefused(() => ((event.data as Record<string, unknown>)['toStep'] = 99));
        for await (const event of store.readAll({ after: appended.events[0]!.globalPosition })) {
          changeOrRefused(() => ((event.metadata.provenance as { actorId: string }).actorId = 'someone else'));
        }
        const again = await collect(store.readStream(id));
        assertEqual(again.map((e) => e.data), [filed().data, appealed().data]);
        assertEqual(again.map((e) => e.metadata.provenance.actorId), ['user-17', 'user-17']);
        assert.equal(verifyStream(again).ok, true);
      });
    });

    describe('the global log', () => {
      it('orders events across streams by global position and resumes from any position', async () => {
        const head = await store.headPosition();
        const a = uniqueStream('a');
        const b = uniqueStream('b');
        await store.append(a, [filed('A')], { expectedVersion: NO_STREAM });
        await store.append(b, [filed('B')], { expectedVersion: NO_STREAM });
        await store.append(a, [answered()], { expectedVersion: 0 });
        await store.append(b, [answered(), appealed()], { expectedVersion: 0 });
        const all = await newEventsSince(head);
        assertEqual(all.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.streamVersion}`), ['a0', 'b0', 'a1', 'b1', 'b2']);
        for (let i = 1; i < all.length; i++) {
          assert.equal(comparePositions(all[i - 1]!.globalPosition, all[i]!.globalPosition), -1);
        }
        const resumed = await collect(store.readAll({ after: all[1]!.globalPosition }));
        assertEqual(resumed.map((e) => e.eventId), all.slice(2).map((e) => e.eventId));
        assertEqual(await store.headPosition(), all[4]!.globalPosition);
        const page = await collect(store.readAll({ after: head, maxCount: 2 }));
        assertEqual(page.map((e) => e.eventId), all.slice(0, 2).map((e) => e.eventId));
      });

      it('filters by event type without breaking global order', async () => {
        const head = await store.headPosition();
        await store.append(uniqueStream(), toyStream(5), { expectedVersion: NO_STREAM });
        const appeals = await collect(store.readAll({ after: head, eventTypes: ['ToyGrievanceAppealed'] }));
        assertEqual(appeals.map((e) => e.type), ['ToyGrievanceAppealed', 'ToyGrievanceAppealed']);
        assertEqual(appeals.map((e) => e.streamVersion), [2, 4]);
      });

      it('rejects a malformed position or type filter', async () => {
        const error = await rejection(collect(store.readAll({ after: 'yesterday' as GlobalPosition })));
        assertMatches(error, { code: 'InvalidArgument', field: 'after' });
        assertMatches(await rejection(store.waitForEvents('yesterday' as GlobalPosition, { timeoutMs: 10 })), { code: 'InvalidArgument', field: 'after' });
        assertMatches(await rejection(collect(store.readAll({ eventTypes: ['Toy\u0000'] }))), { code: 'InvalidArgument', field: 'eventTypes' });
      });

      it('wakes a waiter when an event arrives, and times out when none does', async () => {
        const head = await store.headPosition();
        assert.equal(await store.waitForEvents(head, { timeoutMs: 50 }), false);
        const waiting = store.waitForEvents(head, { timeoutMs: 5000 });
        await store.append(uniqueStream(), [filed()], { expectedVersion: NO_STREAM });
        assert.equal(await waiting, true);
        assert.equal(await store.waitForEvents(head, { timeoutMs: 0 }), true);
        const controller = new AbortController();
        const aborted = store.waitForEvents(await store.headPosition(), { signal: controller.signal });
        controller.abort();
        assert.equal(await aborted, false);
      });
    });

    describe('tamper-evident chain', () => {
      it('links every event to the previous one and verifies', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
        await store.append(streamId, toyStream(4).slice(1), { expectedVersion: 2 });
        const events = await collect(store.readStream(streamId));
        assert.equal(events[0]!.prevHash, GENESIS_HASH);
        for (let i = 1; i < events.length; i++) assert.equal(events[i]!.prevHash, events[i - 1]!.hash);
        assertEqual(verifyStream(events), { ok: true, checked: 6, lastHash: events[5]!.hash });
      });

      it('names the position of a tampered byte', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, toyStream(4), { expectedVersion: NO_STREAM });
        const events = await collect(store.readStream(streamId));
        const tampered = events.map((e, i) => (i === 2 ? { ...e, data: { ...(e.data as object), toStep: 3 } } : e));
        assertMatches(verifyStream(tampered), { ok: false, index: 2, streamVersion: 2, reason: 'content-altered' });
        const removed = events.filter((_, i) => i !== 1);
        assertMatches(verifyStream(removed), { ok: false, index: 1, streamVersion: 2, reason: 'version-gap' });
      });
    });

    describe('validation leaves the store unchanged', () => {
      it('rejects an invalid payload with the event type and field path, writing nothing of the batch', async () => {
        const streamId = uniqueStream();
        const bad = filed('x', { data: { grievant: '', articleKeys: ['planning-time'], occurredOn: '2025-10-06' } });
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [answered(), bad], { expectedVersion: ANY }));
        assertInstanceOf(error, InvalidEvent);
        assertMatches(error, { code: 'InvalidEvent', eventType: 'ToyGrievanceFiled', index: 1, path: 'data.grievant' });
      });

      const spoiled: readonly [string, (e: NewEvent) => NewEvent, string][] = [
        ['missing provenance actor', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { role: 'hr' } as never } }), 'metadata.provenance.actorId'],
        ['blank role', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: 'u1', role: ' ' } } }), 'metadata.provenance.role'],
        ['impossible effective date', (e) => ({ ...e, metadata: { ...e.metadata, effectiveOn: '2026-02-30' } }), 'metadata.effectiveOn'],
        ['missing correlation id', (e) => ({ ...e, metadata: { ...e.metadata, correlationId: undefined as never } }), 'metadata.correlationId'],
        ['unknown type', (e) => ({ ...e, type: 'GrievanceTeleported' }), 'type'],
        ['unknown schema version', (e) => ({ ...e, schemaVersion: 7 }), 'schemaVersion'],
        ['event id not a UUID', (e) => ({ ...e, eventId: 'evt-1' }), 'eventId'],
        ['wrong element type', (e) => ({ ...e, data: { grievant: 'x', articleKeys: [7], occurredOn: '2025-10-06' } }), 'data.articleKeys.0'],
        ['U+0000 in a string', (e) => ({ ...e, data: { grievant: 'T.\u0000Lee', articleKeys: [], occurredOn: '2025-10-06' } }), 'data.grievant'],
        ['an unpaired surrogate in metadata', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: 'u\uDC00', role: 'hr' } } }), 'metadata.provenance.actorId'],
        ['date in the wrong format', (e) => ({ ...e, data: { grievant: 'x', articleKeys: [], occurredOn: '10/06/2025' } }), 'data.occurredOn'],
        ['a zero-width space as actor id', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: '\u200B', role: 'hr' } } }), 'metadata.provenance.actorId'],
        ['a control character as actor id', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: '\u0001', role: 'hr' } } }), 'metadata.provenance.actorId'],
        ['a control character inside an actor id', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: 'user\u001b17', role: 'hr' } } }), 'metadata.provenance.actorId'],
        ['a word joiner as role', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: 'u1', role: '\u2060' } } }), 'metadata.provenance.role'],
        ['an invisible onBehalfOf', (e) => ({ ...e, metadata: { ...e.metadata, provenance: { actorId: 'u1', role: 'hr', onBehalfOf: ' \u200D\u00A0' } } }), 'metadata.provenance.onBehalfOf'],
      ];
      for (const [label, spoil, path] of spoiled) {
        it(`rejects ${label} naming ${path}`, async () => {
          const streamId = uniqueStream();
          const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [spoil(filed())], { expectedVersion: NO_STREAM }));
          assertMatches(error, { code: 'InvalidEvent', path });
        });
      }

      it('rejects duplicate event ids inside one batch', async () => {
        const streamId = uniqueStream();
        const first = filed();
        const error = await expectRejectedAndUnchanged(streamId, () =>
          store.append(streamId, [first, { ...answered(), eventId: first.eventId }], { expectedVersion: NO_STREAM }),
        );
        assertMatches(error, { code: 'InvalidEvent', path: 'eventId', index: 1 });
      });

      it('rejects a batch over the total size limit (16 MiB by default) as InvalidArgument, writing nothing', async () => {
        const streamId = uniqueStream();
        const big = 'x'.repeat(1_000_000);
        const batch = Array.from({ length: 17 }, () => filed(big));
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, batch, { expectedVersion: NO_STREAM }));
        assertMatches(error, { code: 'InvalidArgument', field: 'events' });
      });

      it('rejects an oversize event', async () => {
        const streamId = uniqueStream();
        const huge = filed('x'.repeat(2 * 1024 * 1024));
        const error = await expectRejectedAndUnchanged(streamId, () => store.append(streamId, [huge], { expectedVersion: NO_STREAM }));
        assertMatches(error, { code: 'InvalidEvent', path: 'data' });
      });
    });

    describe('the stored view is the validated view', () => {
      const plainData = { grievant: 'A. Moss', articleKeys: ['planning-time'], occurredOn: '2025-10-06' };

      /** Append, and if accepted, check that what is stored is what was acknowledged, decodes and verifies. */
      const appendOrReject = async (event: NewEvent): Promise<{ stored?: StoredEvent; error?: unknown }> => {
        const streamId = uniqueStream();
        const head = await store.headPosition();
        try {
          const result = await store.append(streamId, [event], { expectedVersion: NO_STREAM });
          const read = await collect(store.readStream(streamId));
          assert.equal(read.length, 1);
          assertEqual(read[0]!.data, result.events[0]!.data);
          assertEqual(read[0]!.metadata, result.events[0]!.metadata);
          assert.equal(verifyStream(read).ok, true);
          assert.equal(context.registry.decode(read[0]!).kind, 'event');
          return { stored: read[0]! };
        } catch (error) {
          assertEqual(await store.streamVersion(streamId), NO_STREAM);
          assertEqual(await newEventsSince(head), []);
          return { error };
        }
      };

      const built: readonly [string, () => unknown, string][] = [
        ['data inherited through Object.create', () => Object.create(plainData) as unknown, 'data.grievant'],
        [
          'data whose fields are class getters',
          () =>
            new (class {
              get grievant() {
                return 'A. Moss';
              }
              get articleKeys() {
                return ['planning-time'];
              }
              get occurredOn() {
                return '2025-10-06';
              }
            })(),
          'data.grievant',
        ],
        [
          'a field that is an accessor changing after validation',
          () => {
            let reads = 0;
            return Object.defineProperty({ articleKeys: [], occurredOn: '2025-10-06' }, 'grievant', {
              enumerable: true,
              get: () => (reads++ === 0 ? 'A. Moss' : ''),
            });
          },
          'data.grievant',
        ],
        ['a function in data', () => ({ ...plainData, extra: () => 1 }), 'data.extra'],
        ['a BigInt in data', () => ({ ...plainData, extra: 1n }), 'data.extra'],
        ['NaN in data', () => ({ ...plainData, extra: Number.NaN }), 'data.extra'],
        ['a sparse array in data', () => ({ ...plainData, articleKeys: ['a', , 'b'] }), 'data.articleKeys.1'],
        [
          'cyclic data',
          () => {
            const cyclic: Record<string, unknown> = { ...plainData };
            cyclic['self'] = { again: cyclic };
            return cyclic;
          },
          'data.self.again',
        ],
        [
          'data nested deeper than the limit',
          () => {
            let deep: unknown = 'bottom';
            for (let i = 0; i < 10_000; i++) deep = { d: deep };
            return { ...plainData, deep };
          },
          'data.deep',
        ],
      ];
      for (const [label, build, path] of built) {
        it(`rejects ${label} as InvalidEvent at ${path}, writing nothing`, async () => {
          const { error } = await appendOrReject({ ...filed(), data: build() });
          assertInstanceOf(error, InvalidEvent);
          assert.ok((error as InvalidEvent).path.startsWith(path), `${(error as InvalidEvent).path} should start with ${path}`);
        });
      }

      it('applies toJSON once and stores exactly its result', async () => {
        const data = { toJSON: () => ({ ...plainData, occurredOn: new Date('2025-10-06T00:00:00.000Z').toJSON().slice(0, 10) }) };
        const { stored, error } = await appendOrReject({ ...filed(), data });
        assert.equal(error, undefined);
        assertEqual(stored!.data, plainData);
      });

      it('reads a Proxy once and stores what was validated', async () => {
        let reads = 0;
        const data = new Proxy(
          { ...plainData },
          {
            get: (target, key) => (key === 'grievant' && reads++ > 0 ? '' : (target as Record<string | symbol, unknown>)[key]),
          },
        );
        const { stored, error } = await appendOrReject({ ...filed(), data });
        if (error !== undefined) assertInstanceOf(error, InvalidEvent);
        else assert.equal((stored!.data as { grievant: string }).grievant, 'A. Moss');
      });

      it('refuses metadata whose provenance is a class with getters, naming the actor', async () => {
        const provenance = new (class {
          get actorId() {
            return 'user-17';
          }
          get role() {
            return 'hr';
          }
        })();
        const { error } = await appendOrReject({ ...filed(), metadata: { ...metadata(), provenance } });
        assertMatches(error, { code: 'InvalidEvent', path: 'metadata.provenance.actorId' });
      });

      const extraKeys: readonly [string, (m: Record<string, unknown>) => Record<string, unknown>][] = [
        ['metadata.signedBy', (m) => ({ ...m, signedBy: 'auditor' })],
        ['metadata.hash', (m) => ({ ...m, hash: 'f'.repeat(64) })],
        ['metadata.provenance.verified', (m) => ({ ...m, provenance: { ...(m['provenance'] as object), verified: true } })],
        ['metadata.callback', (m) => ({ ...m, callback: () => 'x' })],
      ];
      for (const [path, spoil] of extraKeys) {
        it(`refuses an undeclared metadata key as InvalidEvent naming ${path}`, async () => {
          const { error } = await appendOrReject({ ...filed(), metadata: spoil({ ...metadata() }) as never });
          assertMatches(error, { code: 'InvalidEvent', path });
        });
      }

      it('stores a copy: changing the caller’s metadata or data after the append changes nothing stored', async () => {
        const streamId = uniqueStream();
        const provenance = { actorId: 'user-17', role: 'hr' };
        const data = { ...plainData, articleKeys: ['planning-time'] };
        await store.append(streamId, [{ ...filed(), data, metadata: { ...metadata(), provenance } }], { expectedVersion: NO_STREAM });
        provenance.actorId = 'someone else';
        data.articleKeys.push('mutated');
        const read = await collect(store.readStream(streamId));
        assert.equal(read[0]!.metadata.provenance.actorId, 'user-17');
        assertEqual(read[0]!.data, plainData);
        assert.equal(verifyStream(read).ok, true);
        assert.ok((await collect(store.readAll({ maxCount: 100_000 }))).length > 0);
      });

      it('ignores a recordedAt in the caller’s metadata (the store’s clock sets it), and an exact retry carrying it succeeds', async () => {
        const streamId = uniqueStream();
        const event = { ...filed(), metadata: { ...metadata(), recordedAt: '1999-01-01T00:00:00.000Z' } };
        const first = await store.append(streamId, [event], { expectedVersion: NO_STREAM });
        assert.equal(first.events[0]!.metadata.recordedAt, FIXED_NOW.toISOString());
        const again = await store.append(streamId, [event], { expectedVersion: NO_STREAM });
        assertEqual(again.events.map((e) => e.eventId), [event.eventId]);
        const stored = first.events[0]!;
        const replayed = await store.append(streamId, [{ eventId: stored.eventId, type: stored.type, data: stored.data, metadata: stored.metadata }], {
          expectedVersion: NO_STREAM,
        });
        assert.equal(replayed.nextExpectedVersion, 0);
      });
    });

    describe('every entry point checks its arguments first', () => {
      const cyclic = (): unknown => {
        const value: Record<string, unknown> = {};
        value['self'] = value;
        return value;
      };
      const badAppends: readonly [string, () => Promise<unknown>, Record<string, unknown>][] = [
        ['a sparse events array', () => store.append(uniqueStream(), [filed(), , filed()] as NewEvent[], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', index: 1 }],
        ['a BigInt expected version', () => store.append(uniqueStream(), [filed()], { expectedVersion: 0n as never }), { code: 'InvalidArgument', field: 'expectedVersion' }],
        ['a cyclic expected version', () => store.append(uniqueStream(), [filed()], { expectedVersion: cyclic() as never }), { code: 'InvalidArgument', field: 'expectedVersion' }],
        ['null append options', () => store.append(uniqueStream(), [filed()], null as never), { code: 'InvalidArgument' }],
        ['a BigInt type', () => store.append(uniqueStream(), [{ ...filed(), type: 5n as never }], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', path: 'type' }],
        ['a cyclic type', () => store.append(uniqueStream(), [{ ...filed(), type: cyclic() as never }], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', path: 'type' }],
        ['a BigInt event id', () => store.append(uniqueStream(), [{ ...filed(), eventId: 5n as never }], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', path: 'eventId' }],
        ['a cyclic event id', () => store.append(uniqueStream(), [{ ...filed(), eventId: cyclic() as never }], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', path: 'eventId' }],
        ['a null event', () => store.append(uniqueStream(), [null as never], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', index: 0 }],
        ['a BigInt schema version', () => store.append(uniqueStream(), [{ ...filed(), schemaVersion: 1n as never }], { expectedVersion: NO_STREAM }), { code: 'InvalidEvent', path: 'schemaVersion' }],
      ];
      for (const [label, attempt, expected] of badAppends) {
        it(`append with ${label} is a typed error, writing nothing`, async () => {
          const head = await store.headPosition();
          const error = await rejection(attempt());
          assertMatches(error, expected);
          assertEqual(await newEventsSince(head), []);
        });
      }

      const far = `${'9'.repeat(20)}:${'9'.repeat(20)}` as GlobalPosition;
      const badReads: readonly [string, () => Promise<unknown>, string | undefined][] = [
        ['readAll(null)', () => collect(store.readAll(null as never)), undefined],
        ['readAll([])', () => collect(store.readAll([] as never)), undefined],
        ['readStream(s, null)', () => collect(store.readStream(uniqueStream(), null as never)), undefined],
        ['readStream(s, "forwards")', () => collect(store.readStream(uniqueStream(), 'forwards' as never)), undefined],
        ['a BigInt maxCount', () => collect(store.readAll({ maxCount: 5n as never })), 'maxCount'],
        ['a BigInt fromVersion', () => collect(store.readStream(uniqueStream(), { fromVersion: 5n as never })), 'fromVersion'],
        ['waitForEvents with a signal that is not an AbortSignal', async () => store.waitForEvents(await store.headPosition(), { signal: {} as never }), 'signal'],
        ['waitForEvents(p, null)', async () => store.waitForEvents(await store.headPosition(), null as never), undefined],
        ['waitForEvents with timeoutMs NaN', async () => store.waitForEvents(await store.headPosition(), { timeoutMs: Number.NaN }), 'timeoutMs'],
        ['waitForEvents with timeoutMs "100"', async () => store.waitForEvents(await store.headPosition(), { timeoutMs: '100' as never }), 'timeoutMs'],
        ['waitForEvents with a negative timeoutMs', async () => store.waitForEvents(await store.headPosition(), { timeoutMs: -5 }), 'timeoutMs'],
        ['waitForEvents after a BigInt', async () => store.waitForEvents(5n as never, { timeoutMs: 10 }), 'after'],
      ];
      for (const [label, attempt, field] of badReads) {
        it(`${label} is an InvalidArgument${field === undefined ? '' : ` naming ${field}`}`, async () => {
          const error = await rejection(attempt());
          assertMatches(error, field === undefined ? { code: 'InvalidArgument' } : { code: 'InvalidArgument', field });
        });
      }

      it('a position far beyond the head reads nothing, or is an InvalidArgument, never a store failure', async () => {
        for (const attempt of [() => collect(store.readAll({ after: far })), () => store.waitForEvents(far, { timeoutMs: 10 })]) {
          let result: unknown;
          try {
            result = await attempt();
          } catch (error) {
            assertMatches(error, { code: 'InvalidArgument', field: 'after' });
            continue;
          }
          assert.ok(result === false || (Array.isArray(result) && result.length === 0), show(result));
        }
      });

      it('a timeout above 2^31-1 ms waits (it does not fire at once), and an abort still ends it', async () => {
        const controller = new AbortController();
        const started = Date.now();
        const waiting = store.waitForEvents(await store.headPosition(), { timeoutMs: 2 ** 40, signal: controller.signal });
        setTimeout(() => controller.abort(), 200);
        assert.equal(await waiting, false);
        assert.ok(Date.now() - started >= 150);
      });
    });

    describe('retried appends', () => {
      it('re-appending the same event ids with the same expected version writes nothing twice', async () => {
        const streamId = uniqueStream();
        const batch = toyStream(3);
        const first = await store.append(streamId, batch, { expectedVersion: NO_STREAM });
        const head = await store.headPosition();
        const again = await store.append(streamId, batch, { expectedVersion: NO_STREAM });
        assert.equal(again.nextExpectedVersion, 2);
        assertEqual(again.events.map((e) => e.eventId), first.events.map((e) => e.eventId));
        assertEqual(await newEventsSince(head), []);
        assertEqual(versions(await collect(store.readStream(streamId))), [0, 1, 2]);
      });

      it('repeating only part of an earlier append is not a retry', async () => {
        const streamId = uniqueStream();
        const [a, b, c] = toyStream(3);
        await store.append(streamId, [a!, b!], { expectedVersion: NO_STREAM });
        await store.append(streamId, [c!], { expectedVersion: 1 });
        const head = await store.headPosition();
        assertInstanceOf(await rejection(store.append(streamId, [a!], { expectedVersion: NO_STREAM })), DuplicateEventId);
        assertInstanceOf(await rejection(store.append(streamId, [b!], { expectedVersion: 0 })), DuplicateEventId);
        assertInstanceOf(await rejection(store.append(streamId, [b!, c!], { expectedVersion: 0 })), DuplicateEventId);
        assert.equal((await store.append(streamId, [c!], { expectedVersion: 1 })).nextExpectedVersion, 2);
        assertEqual(await newEventsSince(head), []);
      });

      it('event ids are normalised to lower case: an upper-case spelling of a stored id is the same event', async () => {
        const streamId = uniqueStream();
        const event = filed();
        const upper = { ...event, eventId: event.eventId.toUpperCase() };
        const first = await store.append(streamId, [upper], { expectedVersion: NO_STREAM });
        assert.equal(first.events[0]!.eventId, event.eventId);
        const head = await store.headPosition();
        const again = await store.append(streamId, [event], { expectedVersion: NO_STREAM });
        assert.equal(again.nextExpectedVersion, 0);
        assertEqual(await newEventsSince(head), []);
        const elsewhere = await rejection(store.append(uniqueStream(), [{ ...event, eventId: event.eventId.toUpperCase() }], { expectedVersion: NO_STREAM }));
        assertInstanceOf(elsewhere, DuplicateEventId);
        const twice = await rejection(store.append(uniqueStream(), [filed(), upper, event], { expectedVersion: NO_STREAM }));
        assertMatches(twice, { code: 'InvalidEvent', path: 'eventId' });
      });

      it('an event id reused with other content is rejected', async () => {
        const streamId = uniqueStream();
        const event = filed();
        await store.append(streamId, [event], { expectedVersion: NO_STREAM });
        const error = await expectRejectedAndUnchanged(streamId, () =>
          store.append(uniqueStream(), [{ ...event, data: { grievant: 'other', articleKeys: [], occurredOn: '2025-10-06' } }], { expectedVersion: NO_STREAM }),
        );
        assertInstanceOf(error, DuplicateEventId);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of many racing writers win each version', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [filed()], { expectedVersion: NO_STREAM });
        const racers = options.racers ?? 20;
        const outcomes = await Promise.allSettled(
          Array.from({ length: racers }, () => store.append(streamId, [answered()], { expectedVersion: 0 })),
        );
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        assert.equal(winners.length, 1);
        for (const loser of losers) assertMatches(loser.reason, { code: 'WrongExpectedVersion', expected: 0, actual: 1 });
        assertEqual(versions(await collect(store.readStream(streamId))), [0, 1]);
      });

      it('loses nothing when many writers append with ANY', async () => {
        const streamId = uniqueStream();
        const writers = options.racers ?? 20;
        const results = await Promise.all(
          Array.from({ length: writers }, () => store.append(streamId, [filed(), answered()], { expectedVersion: ANY })),
        );
        const stored = await collect(store.readStream(streamId));
        assertEqual(versions(stored), Array.from({ length: writers * 2 }, (_, i) => i));
        assert.equal(new Set(stored.map((e) => e.eventId)).size, writers * 2);
        assertEqual(new Set(results.flatMap((r) => r.events.map((e) => e.eventId))), new Set(stored.map((e) => e.eventId)));
        assert.equal(verifyStream(stored).ok, true);
      });
    });

    describe('schemas and quarantine', () => {
      it('stores an old schema version as written and upcasts it on decode', async () => {
        const streamId = uniqueStream();
        await store.append(
          streamId,
          [{ ...filed(), schemaVersion: 1, data: { grievant: 'R. Diaz', article: 'evaluations', occurredOn: '2026-02-02' } }],
          { expectedVersion: NO_STREAM },
        );
        const [stored] = await collect(store.readStream(streamId));
        assertMatches(stored, { schemaVersion: 1, data: { article: 'evaluations' } });
        assert.equal(verifyStream([stored!]).ok, true);
        assertMatches(context.registry.decode(stored!), {
          kind: 'event',
          storedVersion: 1,
          data: { grievant: 'R. Diaz', articleKeys: ['evaluations'], occurredOn: '2026-02-02' },
        });
      });

      it('surfaces events the reading code does not know as quarantined records', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
        const olderCode = createCodecRegistry([ToyFiled, ToyAppealed, ToyClosed]);
        const decoded = (await collect(store.readStream(streamId))).map((e) => olderCode.decode(e));
        assertEqual(decoded.map((d) => d.kind), ['event', 'quarantined', 'event']);
        assertMatches(decoded[1], { reason: 'unknown-type', record: { streamVersion: 1 } });
      });
    });

    describe('importing recorded events', () => {
      const importer = () => {
        assert.ok(isEventImporter(store), 'every store implements EventImporter');
        return store;
      };

      /** Import and assert the store did not change at all (no stream, no position). */
      const expectImportRefused = async (events: readonly StoredEvent[]): Promise<unknown> => {
        const streams = [...new Set(events.map((e) => e.streamId))];
        const head = await store.headPosition();
        const before = await Promise.all(streams.map((id) => store.streamVersion(id)));
        const error = await rejection(importer().importEvents(events));
        assertEqual(await Promise.all(streams.map((id) => store.streamVersion(id))), before);
        assertEqual(await store.headPosition(), head);
        assertEqual(await newEventsSince(head), []);
        return error;
      };

      it('keeps ids, recordedAt, metadata, versions and hashes, and the log follows the batch order', async () => {
        const { a, b, log } = interleavedSource();
        const head = await store.headPosition();
        assertEqual(await importer().importEvents(log), { imported: 5, skipped: 0 });
        const strip = ({ globalPosition: _position, ...rest }: StoredEvent) => rest;
        assertEqual((await collect(store.readStream(a[0]!.streamId))).map(strip), a.map(strip));
        assertEqual((await collect(store.readStream(b[0]!.streamId))).map(strip), b.map(strip));
        const appended = await newEventsSince(head);
        assertEqual(appended.map((e) => e.eventId), log.map((e) => e.eventId));
        assert.equal(appended[0]!.metadata.recordedAt, '2025-10-06T09:15:00.000Z');
        assert.equal(verifyStream(await collect(store.readStream(a[0]!.streamId))).ok, true);
      });

      it('a re-run after an interrupted import skips what is there and writes the rest, never twice', async () => {
        const { a, log } = interleavedSource();
        assertEqual(await importer().importEvents(log.slice(0, 3)), { imported: 3, skipped: 0 });
        assertEqual(await importer().importEvents(log), { imported: 2, skipped: 3 });
        assertEqual(await importer().importEvents(log), { imported: 0, skipped: 5 });
        assertEqual((await collect(store.readStream(a[0]!.streamId))).map((e) => e.eventId), a.map((e) => e.eventId));
      });

      it('an imported stream takes appends that continue its chain', async () => {
        const { a, log } = interleavedSource();
        await importer().importEvents(log);
        const streamId = a[0]!.streamId;
        await store.append(streamId, [appealed()], { expectedVersion: 2 });
        const events = await collect(store.readStream(streamId));
        assertEqual(verifyStream(events), { ok: true, checked: 4, lastHash: events[3]!.hash });
        assert.equal(events[3]!.metadata.recordedAt, FIXED_NOW.toISOString());
      });

      it('refuses an altered event, naming its stream and version, and writes nothing of the batch', async () => {
        const { a, log } = interleavedSource();
        const altered = log.map((e) => (e === a[1] ? { ...e, data: { ...(e.data as object), step: 3 } } : e));
        const error = await expectImportRefused(altered);
        assertInstanceOf(error, ImportChainBroken);
        assertMatches(error, { code: 'ImportChainBroken', streamId: a[0]!.streamId, version: 1, reason: 'content-altered' });
      });

      it('refuses a missing or re-linked event, naming the version where the chain breaks', async () => {
        const { a, log } = interleavedSource();
        const gap = await expectImportRefused(log.filter((e) => e !== a[1]));
        assertMatches(gap, { code: 'ImportChainBroken', streamId: a[0]!.streamId, version: 2, reason: 'version-gap' });
        const relinked = log.map((e) => (e === a[2] ? resealed(e, { prevHash: a[0]!.hash }) : e));
        const link = await expectImportRefused(relinked);
        assertMatches(link, { code: 'ImportChainBroken', streamId: a[0]!.streamId, version: 2, reason: 'broken-link' });
      });

      it('refuses a target whose history diverges, naming the first differing stream and version', async () => {
        const { a, log } = interleavedSource();
        const streamId = a[0]!.streamId;
        await importer().importEvents([a[0]!]);
        await store.append(streamId, [answered()], { expectedVersion: 0 });
        const error = await expectImportRefused(log);
        assertInstanceOf(error, ImportConflict);
        assertMatches(error, { code: 'ImportConflict', streamId, version: 1, eventId: a[1]!.eventId });
      });

      it('refuses an id the target holds in another stream, naming it (not one of the events it already holds)', async () => {
        const { a } = interleavedSource();
        await importer().importEvents(a.slice(0, 2));
        await store.append(uniqueStream(), [{ ...filed(), eventId: a[2]!.eventId }], { expectedVersion: NO_STREAM });
        const error = await expectImportRefused(a);
        assertInstanceOf(error, DuplicateEventId);
        assertMatches(error, { eventId: a[2]!.eventId, streamId: a[0]!.streamId });
      });

      it('validates data and metadata against the codec registry as append does, naming the index and field', async () => {
        const { a, log } = interleavedSource();
        const bad = log.map((e) => (e === a[2] ? resealed(e, { data: { toStep: 'two' } }) : e));
        const error = await expectImportRefused(bad);
        assertInstanceOf(error, InvalidEvent);
        assertMatches(error, { index: 4, path: 'data.toStep' });
        const noRecordedAt = log.map((e) => (e === a[0] ? { ...e, metadata: { ...e.metadata, recordedAt: 'yesterday' } } : e));
        assertMatches(await expectImportRefused(noRecordedAt), { code: 'InvalidEvent', index: 0, path: 'metadata.recordedAt' });
      });

      it('rejects an argument that is not an array with InvalidArgument naming it', async () => {
        const error = await rejection(importer().importEvents('everything' as unknown as StoredEvent[]));
        assertMatches(error, { code: 'InvalidArgument', field: 'events' });
      });
    });

    describe('lifecycle', () => {
      it('rejects calls after close with StoreUnavailable and wakes waiters', async () => {
        const own = await factory(context);
        const waiting = own.waitForEvents(await own.headPosition(), { timeoutMs: 10_000 });
        await own.close();
        assert.equal(await waiting, false);
        const error = await rejection(own.append(uniqueStream(), [filed()], { expectedVersion: ANY }));
        assertInstanceOf(error, StoreUnavailable);
      });
    });
  });
};
