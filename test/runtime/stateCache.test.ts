/**
 * Issue 14: the optional state cache of the command handlers. A cached command decides on the state kept from the
 * last one and appends with its version; conflicts, rejections and no-ops catch up by reading only what was written
 * since, checked against the cached head. Every answer and every store must be the same as without the cache.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import * as t from 'io-ts';
import { isLeft, isRight, right } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import {
  ANY,
  InvalidArgument,
  WrongExpectedVersion,
  StateCache,
  commandHandler,
  defineEventType,
  type Decider,
  correctable,
  correctableCommandHandler,
  correctionEventDefinitions,
  createCodecRegistry,
  createStateCache,
  loadStream,
  verifyStream,
  type CommandContext,
  type CommandHandler,
  type EventStore,
  type ReadStreamOptions,
  type StoredEvent,
} from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import {
  ToyAnswered,
  ToyAppealed,
  ToyClosed,
  ToyFiled,
  collect,
  toyDecider,
  type ToyCommand,
  type ToyState,
} from '@laborcase/core/adapter-kit';

const context: CommandContext = { provenance: { actorId: 'rep-4', role: 'association-rep' }, effectiveOn: '2025-10-21' };
const file: ToyCommand = { type: 'File', grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' };
const deny: ToyCommand = { type: 'Answer', disposition: 'denied' };
const appeal: ToyCommand = { type: 'Appeal' };
const registry = createCodecRegistry([ToyFiled, ToyAnswered, ToyAppealed, ToyClosed, ...correctionEventDefinitions]);

/** The store, with the reads made through it recorded (the `fromVersion` asked, or 0 for a full read). */
const observed = (inner: EventStore = createInMemoryEventStore({ registry })) => {
  const reads: number[] = [];
  const store: EventStore = {
    append: inner.append.bind(inner),
    readAll: inner.readAll.bind(inner),
    streamVersion: inner.streamVersion.bind(inner),
    headPosition: inner.headPosition.bind(inner),
    waitForEvents: inner.waitForEvents.bind(inner),
    close: inner.close.bind(inner),
    readStream(streamId: string, options?: ReadStreamOptions) {
      reads.push(options?.fromVersion ?? 0);
      return inner.readStream(streamId, options);
    },
  };
  return { store, reads };
};

const handlerOn = (store: EventStore, cache?: StateCache | { maxEntries: number }, maxAttempts = 1) =>
  commandHandler({ store, registry, decider: toyDecider, newId: uuid, retry: { maxAttempts }, ...(cache === undefined ? {} : { cache }) });

const codeOf = <S>(result: Awaited<ReturnType<CommandHandler<ToyCommand, S>>>) => (isLeft(result) ? result.left.code : undefined);

describe('state cache: the cache itself', () => {
  it.each([0, -1, 1.5, '3', Number.NaN, undefined])('refuses maxEntries %p with InvalidArgument naming cache.maxEntries', (maxEntries) => {
    expect(() => createStateCache({ maxEntries } as never)).toThrow(InvalidArgument);
    expect(() => createStateCache({ maxEntries } as never)).toThrow(/^cache\.maxEntries:/);
  });

  it.each([null, 5, 'big', [], {}])('refuses %p as a handler’s cache option with InvalidArgument naming cache', (cache) => {
    const attempt = () => commandHandler({ store: createInMemoryEventStore({ registry }), registry, decider: toyDecider, newId: uuid, cache: cache as never });
    expect(attempt).toThrow(InvalidArgument);
    expect(attempt).toThrow(/^cache(\.maxEntries)?:/);
  });

  it('keeps at most maxEntries streams and drops the least recently used one', () => {
    const cache = createStateCache({ maxEntries: 2 });
    const owner = { registry, decider: toyDecider };
    const entry = (version: number) => ({ state: { version }, version, hash: `h${version}` });
    cache.set(owner, 'a', entry(0));
    cache.set(owner, 'b', entry(0));
    expect(cache.get(owner, 'a')).toMatchObject({ version: 0 });
    cache.set(owner, 'c', entry(0));
    expect(cache.streamIds(owner)).toEqual(['a', 'c']);
    expect(cache.get(owner, 'b')).toBeUndefined();
    cache.set(owner, 'a', entry(1));
    cache.set(owner, 'd', entry(0));
    expect(cache.streamIds(owner)).toEqual(['a', 'd']);
    expect(cache.size).toBe(2);
  });

  it('never replaces a stream’s entry with an older version, and freezes what it keeps', () => {
    const cache = createStateCache({ maxEntries: 10 });
    const owner = { registry, decider: toyDecider };
    cache.set(owner, 'a', { state: { step: 3 }, version: 3, hash: 'h3' });
    cache.set(owner, 'a', { state: { step: 2 }, version: 2, hash: 'h2' });
    const kept = cache.get<{ step: number }>(owner, 'a');
    expect(kept).toMatchObject({ version: 3, state: { step: 3 } });
    expect(() => ((kept!.state as { step: number }).step = 4)).toThrow(TypeError);
  });

  it('keys entries by the identity of the registry and of the decider', () => {
    const cache = createStateCache({ maxEntries: 10 });
    cache.set({ registry, decider: toyDecider }, 'a', { state: 1, version: 0, hash: 'h' });
    expect(cache.get({ registry, decider: { ...toyDecider } }, 'a')).toBeUndefined();
    expect(cache.get({ registry: createCodecRegistry([ToyFiled]), decider: toyDecider }, 'a')).toBeUndefined();
    expect(cache.get({ registry, decider: toyDecider }, 'a')).toMatchObject({ state: 1 });
  });
});

describe('state cache: commands through a cached handler', () => {
  it('decides on the cached state and appends without reading the stream again', async () => {
    const { store, reads } = observed();
    const handle = handlerOn(store, { maxEntries: 10 });
    await handle('g-1', file, context);
    expect(reads).toEqual([0]);
    const answered = await handle('g-1', deny, context);
    const appealed = await handle('g-1', appeal, context);
    expect(reads).toEqual([0]);
    expect(isRight(appealed) && appealed.right).toMatchObject({ version: 2, attempts: 1, state: { status: 'open', step: 2, answered: false } });
    expect(isRight(answered) && Object.isFrozen(answered.right.state)).toBe(true);
    expect(verifyStream(await collect(store.readStream('g-1'))).ok).toBe(true);
  });

  it('on a conflict (another writer got there first) reads only the events since and decides again, without using an attempt', async () => {
    const { store, reads } = observed();
    const mine = handlerOn(store, { maxEntries: 10 });
    const theirs = handlerOn(store, { maxEntries: 10 });
    await mine('g-1', file, context);
    await theirs('g-1', deny, context);
    reads.length = 0;
    // Mine still thinks step 1 is unanswered: its Answer conflicts, catches up from version 0, and is then refused.
    const again = await mine('g-1', deny, context);
    expect(codeOf(again)).toBe('AlreadyAnswered');
    expect(reads).toEqual([1]);
    const appealed = await mine('g-1', appeal, context);
    expect(isRight(appealed) && appealed.right).toMatchObject({ version: 2, attempts: 1 });
    expect((await collect(store.readStream('g-1'))).map((e) => e.type)).toEqual(['ToyGrievanceFiled', 'ToyStepAnswered', 'ToyGrievanceAppealed']);
  });

  it('answers a rejection on a cached state only after checking the stream has not moved since', async () => {
    const { store } = observed();
    const mine = handlerOn(store, { maxEntries: 10 });
    const theirs = handlerOn(store);
    expect(codeOf(await mine('g-1', deny, context))).toBe('NotOpen');
    await theirs('g-1', file, context);
    const answered = await mine('g-1', deny, context);
    expect(isRight(answered) && answered.right.version).toBe(1);
  });

  it('a lost race after catching up still counts against the retry policy', async () => {
    const inner = createInMemoryEventStore({ registry });
    let rivals = 0;
    const racing: EventStore = {
      ...observed(inner).store,
      async append(streamId, events, options) {
        if (rivals > 0) {
          rivals -= 1;
          await inner.append(streamId, [{ eventId: uuid(), type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' }, metadata: { ...context, correlationId: 'c', causationId: 'c' } }], { expectedVersion: ANY });
        }
        return inner.append(streamId, events, options);
      },
    };
    const alwaysAnswer = { ...toyDecider, decide: () => right([{ type: 'ToyStepAnswered' as const, data: { step: 1, disposition: 'denied' as const } }]) };
    const handle = commandHandler({ store: racing, registry, decider: alwaysAnswer, newId: uuid, retry: { maxAttempts: 2 }, cache: { maxEntries: 10 } });
    await handle('g-1', appeal, context);
    // The first conflict is the cache being behind (free); the second is a lost race (attempt 2 of 2).
    rivals = 2;
    const result = await handle('g-1', appeal, context);
    expect(isRight(result) && result.right).toMatchObject({ attempts: 2, version: 3 });
    rivals = 3;
    await expect(handle('g-1', appeal, context)).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await inner.streamVersion('g-1')).toBe(6);
  });

  it('starts from a full load when the registry or the decider changes, even with a shared cache', async () => {
    const { store, reads } = observed();
    const cache = createStateCache({ maxEntries: 10 });
    await handlerOn(store, cache)('g-1', file, context);
    const otherRegistry = createCodecRegistry([ToyFiled, ToyAnswered, ToyAppealed, ToyClosed, ...correctionEventDefinitions]);
    reads.length = 0;
    await commandHandler({ store, registry: otherRegistry, decider: toyDecider, newId: uuid, cache })('g-1', deny, context);
    expect(reads).toEqual([0]);
    reads.length = 0;
    const sameRules = { ...toyDecider };
    const result = await commandHandler({ store, registry, decider: sameRules, newId: uuid, cache })('g-1', appeal, context);
    expect(reads).toEqual([0]);
    expect(isRight(result) && result.right.version).toBe(2);
    expect(cache.size).toBe(3);
  });

  it('refuses a broken chain written after the cached version, as a full load would, and forgets the stream', async () => {
    const inner = createInMemoryEventStore({ registry });
    let forge = false;
    const tampering: EventStore = {
      ...observed(inner).store,
      async *readStream(streamId, options) {
        for await (const event of inner.readStream(streamId, options)) {
          yield forge && event.streamVersion === 1 ? ({ ...event, prevHash: 'f'.repeat(64) } as StoredEvent) : event;
        }
      },
    };
    const cache = createStateCache({ maxEntries: 10 });
    const mine = handlerOn(tampering, cache);
    await mine('g-1', file, context);
    await handlerOn(inner)('g-1', deny, context);
    forge = true;
    const result = await mine('g-1', appeal, context);
    expect(isLeft(result) && result.left).toMatchObject({ code: 'StreamCorrupted', details: { version: 1, reason: 'broken-link' } });
    expect(cache.size).toBe(0);
    expect(await inner.streamVersion('g-1')).toBe(1);
  });

  it('refuses a stream whose new events it cannot read, as a full load would', async () => {
    const wider = createCodecRegistry([ToyFiled, ToyAnswered, ToyAppealed, ToyClosed, ...correctionEventDefinitions, { type: 'ToyNoted', version: 1, codec: ToyAppealed.codec as t.Type<unknown, unknown, unknown> }]);
    const store = createInMemoryEventStore({ registry: wider });
    const mine = handlerOn(store, { maxEntries: 10 });
    await mine('g-1', file, context);
    await store.append('g-1', [{ eventId: uuid(), type: 'ToyNoted', data: { toStep: 1 }, metadata: { ...context, correlationId: 'c', causationId: 'c' } }], { expectedVersion: 0 });
    const result = await mine('g-1', deny, context);
    expect(isLeft(result) && result.left).toMatchObject({ code: 'StreamHasQuarantinedEvents', details: { versions: [1] } });
  });

  it('a correction written by someone else makes the plain handler load the whole stream again and fold it as a load does', async () => {
    const { store, reads } = observed();
    const mine = handlerOn(store, { maxEntries: 10 });
    const correcting = correctableCommandHandler({ store, registry, decider: correctable(toyDecider, { definitions: [ToyFiled, ToyAnswered, ToyAppealed, ToyClosed] }), newId: uuid });
    await mine('g-1', file, context);
    await mine('g-1', deny, context);
    const [, answer] = await collect(store.readStream('g-1'));
    await correcting('g-1', { type: 'RetractEvent', eventId: answer!.eventId, reason: 'recorded on the wrong grievance' }, context);
    reads.length = 0;
    const result = await mine('g-1', deny, context);
    expect(reads).toEqual([2, 0]);
    expect(isRight(result) && result.right).toMatchObject({ version: 3, state: { status: 'open', step: 1, answered: true } });
    const loaded = await loadStream(store, registry, 'g-1', toyDecider.evolve, toyDecider.initialState);
    expect(loaded.state).toEqual(isRight(result) ? result.right.state : undefined);
  });

  it('a cached correctable handler folds corrections it catches up on', async () => {
    const store = createInMemoryEventStore({ registry });
    const decider = correctable(toyDecider, { definitions: [ToyFiled, ToyAnswered, ToyAppealed, ToyClosed] });
    const cached = correctableCommandHandler({ store, registry, decider, newId: uuid, cache: { maxEntries: 10 } });
    const other = correctableCommandHandler({ store, registry, decider, newId: uuid });
    await cached('g-1', file, context);
    await cached('g-1', deny, context);
    const [, answer] = await collect(store.readStream('g-1'));
    await other('g-1', { type: 'RetractEvent', eventId: answer!.eventId, reason: 'wrong grievance' }, context);
    const result = await cached('g-1', deny, context);
    expect(isRight(result) && result.right).toMatchObject({ version: 3, state: { status: 'open', step: 1, answered: true } });
  });

  it('two cached handlers writing the same streams at once lose no event and keep every chain intact', async () => {
    const store = createInMemoryEventStore({ registry });
    const cache = createStateCache({ maxEntries: 100 });
    const handlers = [handlerOn(store, cache, 50), handlerOn(store, { maxEntries: 100 }, 50)];
    const streams = ['g-1', 'g-2', 'g-3'];
    await Promise.all(streams.map((s) => handlers[0]!(s, file, context)));
    // Every Answer/Appeal pair is accepted in some order; each command is refused or appends exactly once.
    const commands = Array.from({ length: 40 }, (_, i) => ({ handle: handlers[i % 2]!, streamId: streams[i % 3]!, command: i % 4 < 2 ? deny : appeal }));
    const results = await Promise.all(commands.map(({ handle, streamId, command }) => handle(streamId, command, context)));
    const appended = results.filter(isRight).reduce((n, r) => n + r.right.events.length, 0);
    let total = 0;
    for (const streamId of streams) {
      const events = await collect(store.readStream(streamId));
      expect(verifyStream(events).ok).toBe(true);
      total += events.length - 1;
    }
    expect(appended).toBe(total);
  });
});

describe('state cache: property', () => {
  const command: fc.Arbitrary<ToyCommand> = fc.oneof(
    fc.constant(file),
    fc.constantFrom<ToyCommand>({ type: 'Answer', disposition: 'granted' }, deny, appeal),
  );
  /** A step: which of two writers acts, on which stream, with which command; or an outside write. */
  const step = fc.record({ writer: fc.integer({ min: 0, max: 1 }), stream: fc.constantFrom('g-1', 'g-2', 'g-3'), command });

  const run = async (steps: readonly { writer: number; stream: string; command: ToyCommand }[], cached: boolean) => {
    const store = createInMemoryEventStore({ registry });
    const shared = createStateCache({ maxEntries: 2 });
    // Writer 0 uses a cache that is too small for three streams (evictions); writer 1 a cache of its own.
    const writers = cached ? [handlerOn(store, shared), handlerOn(store, { maxEntries: 10 })] : [handlerOn(store), handlerOn(store)];
    const answers: unknown[] = [];
    for (const { writer, stream, command } of steps) {
      const result = await writers[writer]!(stream, command, context);
      answers.push(isLeft(result) ? result.left.code : { version: result.right.version, state: result.right.state as ToyState, events: result.right.events.length });
    }
    const streams: unknown[] = [];
    for (const streamId of ['g-1', 'g-2', 'g-3']) {
      streams.push((await collect(store.readStream(streamId))).map((e) => ({ version: e.streamVersion, type: e.type, data: e.data })));
    }
    return { answers, streams };
  };

  it('cached and uncached handlers give the same answers and leave the same stores, for any commands by two writers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        expect(await run(steps, true)).toEqual(await run(steps, false));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the state a command answers with is the state a reload gives, with the cache and without', () => {
  /** A codec that reads text trimmed: what is stored is the text as given, what is read back is trimmed. */
  const Trimmed = new t.Type<string, string, unknown>(
    'Trimmed',
    (u): u is string => typeof u === 'string' && u === u.trim(),
    (u, c) => (typeof u === 'string' ? t.success(u.trim()) : t.failure(u, c)),
    (a) => a,
  );
  const Noted = defineEventType('Noted', 1, t.type({ text: Trimmed }));
  type Note = { readonly type: 'Noted'; readonly data: { readonly text: string } };
  const notes: Decider<{ readonly text: string }, readonly string[], Note> = {
    decide: (command) => right([{ type: 'Noted', data: { text: command.text } }]),
    evolve: (state, event) => [...state, event.data.text],
    initialState: [],
  };
  const noteRegistry = createCodecRegistry([Noted]);

  it.each([
    ['without the cache', undefined],
    ['with the cache', { maxEntries: 10 }],
  ])('%s: the events as stored and read back are folded, not the decision as made', async (_label, cache) => {
    const store = createInMemoryEventStore({ registry: noteRegistry });
    const handle = commandHandler({ store, registry: noteRegistry, decider: notes, newId: uuid, ...(cache === undefined ? {} : { cache }) });
    const first = await handle('notes-1', { text: '  minutes of the step 2 meeting ' }, context);
    const second = await handle('notes-1', { text: 'grievant present ' }, context);
    if (isLeft(first) || isLeft(second)) throw new Error('a note was refused');
    const reloaded = await loadStream(store, noteRegistry, 'notes-1', notes.evolve, notes.initialState);
    expect(second.right.state).toEqual(reloaded.state);
    expect(reloaded.state).toEqual(['minutes of the step 2 meeting', 'grievant present']);
  });
});
