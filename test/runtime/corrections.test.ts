import { describe, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, correctionEventDefinitions, createCodecRegistry, loadStream, verifyStream, type NewEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import {
  ToyAnswered,
  ToyAppealed,
  ToyClosed,
  ToyFiled,
  toyDecider,
  collect,
  answered,
  appealed,
  filed,
  metadata,
} from '@laborcase/core/adapter-kit';

const registry = createCodecRegistry([ToyFiled, ToyAnswered, ToyAppealed, ToyClosed, ...correctionEventDefinitions]);
const correction = (type: 'EventCorrected' | 'EventRetracted', data: unknown): NewEvent => ({ eventId: uuid(), type, data, metadata: metadata() });
const load = (store: ReturnType<typeof createInMemoryEventStore>, streamId: string) =>
  loadStream(store, registry, streamId, toyDecider.evolve, toyDecider.initialState);

describe('loading honours corrections and retractions', () => {
  it('skips a retracted event and keeps both in the stream', async () => {
    const store = createInMemoryEventStore({ registry });
    const appeal = appealed(2);
    await store.append('g-1', [filed(), answered(1), appeal], { expectedVersion: NO_STREAM });
    expect((await load(store, 'g-1')).state).toEqual({ status: 'open', step: 2, answered: false });
    await store.append('g-1', [correction('EventRetracted', { eventId: appeal.eventId, reason: 'appeal was filed in the wrong case' })], { expectedVersion: 2 });
    const loaded = await load(store, 'g-1');
    expect(loaded.state).toEqual({ status: 'open', step: 1, answered: true });
    expect(loaded.version).toBe(3);
    expect(loaded.correctionProblems).toEqual([]);
    const stored = await collect(store.readStream('g-1'));
    expect(stored.map((e) => e.type)).toEqual(['ToyGrievanceFiled', 'ToyStepAnswered', 'ToyGrievanceAppealed', 'EventRetracted']);
    expect(verifyStream(stored).ok).toBe(true);
  });

  it('folds a correction in place of the corrected event, upcasting an old-schema replacement', async () => {
    const store = createInMemoryEventStore({ registry });
    const closed: NewEvent = { eventId: uuid(), type: 'ToyGrievanceClosed', data: { resolvedAtStep: 1 }, metadata: metadata() };
    const first = filed();
    await store.append('g-2', [first, closed], { expectedVersion: NO_STREAM });
    await store.append(
      'g-2',
      [
        correction('EventCorrected', { correctedEventId: closed.eventId, reason: 'resolved at Step 2, not Step 1', replacement: { type: 'ToyGrievanceClosed', data: { resolvedAtStep: 2 } } }),
        correction('EventCorrected', {
          correctedEventId: first.eventId,
          reason: 'wrong article cited',
          replacement: { type: 'ToyGrievanceFiled', schemaVersion: 1, data: { grievant: 'T. Lee', article: 'schedules-workload', occurredOn: '2025-10-06' } },
        }),
      ],
      { expectedVersion: 1 },
    );
    const loaded = await load(store, 'g-2');
    expect(loaded.state).toEqual({ status: 'closed', resolvedAtStep: 2 });
    expect(loaded.correctionProblems).toEqual([]);
  });

  it('reports a correction it cannot apply instead of failing the load', async () => {
    const store = createInMemoryEventStore({ registry });
    await store.append('g-3', [filed(), correction('EventRetracted', { eventId: uuid(), reason: 'typo' })], { expectedVersion: NO_STREAM });
    const loaded = await load(store, 'g-3');
    expect(loaded.state).toEqual({ status: 'open', step: 1, answered: false });
    expect(loaded.correctionProblems).toMatchObject([{ kind: 'unknownTarget', position: 1 }]);
  });
});
