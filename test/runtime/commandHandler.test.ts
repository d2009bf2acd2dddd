import { describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import {
  ANY,
  NO_STREAM,
  STREAM_HAS_QUARANTINED_EVENTS,
  WrongExpectedVersion,
  commandHandler,
  createCodecRegistry,
  loadStream,
  verifyStream,
  type CommandContext,
  type EventStore,
} from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import {
  ToyAnswered,
  ToyAppealed,
  ToyClosed,
  toyDecider,
  toyRegistry,
  collect,
  rejection,
  filed,
  metadata,
} from '@laborcase/core/adapter-kit';

const context: CommandContext = {
  provenance: { actorId: 'rep-4', role: 'association-rep', onBehalfOf: 'teacher-41' },
  effectiveOn: '2025-10-21',
  commandId: 'cmd-42',
  correlationId: 'request-7',
};
const fileCommand = { type: 'File', grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' } as const;

const setup = (maxAttempts = 1, store: EventStore = createInMemoryEventStore({ registry: toyRegistry, clock: () => new Date('2025-10-21T13:00:00Z') })) => ({
  store,
  handle: commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuid, retry: { maxAttempts } }),
});

/** A store whose first append is pre-empted by another writer, as if two clerks acted at once. */
const withRival = (inner: EventStore, rivals: number): EventStore => {
  let remaining = rivals;
  return {
    ...inner,
    readStream: inner.readStream.bind(inner),
    readAll: inner.readAll.bind(inner),
    streamVersion: inner.streamVersion.bind(inner),
    headPosition: inner.headPosition.bind(inner),
    waitForEvents: inner.waitForEvents.bind(inner),
    close: inner.close.bind(inner),
    async append(streamId, events, options) {
      if (remaining > 0) {
        remaining -= 1;
        await inner.append(streamId, [{ ...filed(), type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' } }], { expectedVersion: ANY });
      }
      return inner.append(streamId, events, options);
    },
  };
};

describe('command handler', () => {
  it('loads, decides and appends with provenance, correlation and causation', async () => {
    const { store, handle } = setup();
    const result = await handle('grievance-1', fileCommand, context);
    expect(isRight(result)).toBe(true);
    const events = await collect(store.readStream('grievance-1'));
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toEqual({
      provenance: context.provenance,
      correlationId: 'request-7',
      causationId: 'cmd-42',
      effectiveOn: '2025-10-21',
      recordedAt: '2025-10-21T13:00:00.000Z',
    });
    const answered = await handle('grievance-1', { type: 'Answer', disposition: 'granted' }, { ...context, effectiveOn: '2025-11-14' });
    expect(isRight(answered) && answered.right).toMatchObject({ version: 2, state: { status: 'closed', resolvedAtStep: 1 }, attempts: 1 });
    expect(verifyStream(await collect(store.readStream('grievance-1'))).ok).toBe(true);
  });

  it('returns a domain rejection as Left and appends nothing', async () => {
    const { store, handle } = setup();
    const result = await handle('grievance-2', { type: 'Appeal' }, context);
    expect(isLeft(result) && result.left.code).toBe('NotOpen');
    expect(await store.streamVersion('grievance-2')).toBe(NO_STREAM);
    expect(await collect(store.readAll())).toEqual([]);
  });

  it('throws the typed conflict when another writer got there first and no retry is allowed', async () => {
    const { store: inner, handle: fileIt } = setup();
    await fileIt('grievance-3', fileCommand, context);
    const { handle } = setup(1, withRival(inner, 1));
    const error = await rejection(handle('grievance-3', { type: 'Appeal' }, context));
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: 'grievance-3', expected: 0, actual: 1 });
  });

  it('reloads and decides again on conflict, within the retry bound', async () => {
    const { store: inner, handle: fileIt } = setup();
    await fileIt('grievance-4', fileCommand, context);
    const { handle: twice } = setup(2, withRival(inner, 2));
    expect(await rejection(twice('grievance-4', { type: 'Appeal' }, context))).toMatchObject({ code: 'WrongExpectedVersion', expected: 1, actual: 2 });

    const { handle: thrice } = setup(3, withRival(inner, 2));
    const result = await thrice('grievance-4', { type: 'Appeal' }, context);
    expect(isRight(result) && result.right).toMatchObject({ attempts: 3, version: 5 });
    expect((await collect(inner.readStream('grievance-4'))).map((e) => e.type)).toEqual([
      'ToyGrievanceFiled',
      'ToyStepAnswered',
      'ToyStepAnswered',
      'ToyStepAnswered',
      'ToyStepAnswered',
      'ToyGrievanceAppealed',
    ]);
  });

  it('refuses to decide on a stream holding events it cannot read, without crashing', async () => {
    const { store, handle } = setup();
    await handle('grievance-5', fileCommand, context);
    await store.append('grievance-5', [{ eventId: uuid(), type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' }, metadata: metadata() }], { expectedVersion: 0 });
    const olderCode = createCodecRegistry([ToyAppealed, ToyClosed, { type: 'ToyGrievanceFiled', version: 1, codec: ToyAnswered.codec as never }]);
    const stale = commandHandler({ store, registry: olderCode, decider: toyDecider, newId: uuid });
    const result = await stale('grievance-5', { type: 'Appeal' }, context);
    expect(isLeft(result) && result.left).toMatchObject({ code: STREAM_HAS_QUARANTINED_EVENTS, details: { versions: [0, 1] } });
    const loaded = await loadStream(store, olderCode, 'grievance-5', toyDecider.evolve, toyDecider.initialState);
    expect(loaded.quarantined.map((q) => q.reason)).toEqual(['unknown-version', 'unknown-type']);
    expect(await store.streamVersion('grievance-5')).toBe(1);
  });

  it('does not append when the decider produces no events', async () => {
    const noop = { ...toyDecider, decide: () => ({ _tag: 'Right' as const, right: [] }) };
    const store = createInMemoryEventStore({ registry: toyRegistry });
    const handle = commandHandler({ store, registry: toyRegistry, decider: noop, newId: uuid });
    const result = await handle('grievance-6', fileCommand, context);
    expect(isRight(result) && result.right).toMatchObject({ version: NO_STREAM, events: [] });
    expect(await store.headPosition()).toBe((await createInMemoryEventStore({ registry: toyRegistry }).headPosition()));
  });
});
