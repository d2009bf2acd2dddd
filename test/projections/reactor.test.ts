/** Reactors: deterministic command ids, and a redelivered event (after a crash mid-dispatch) never acts twice. */
import { describe, expect, it } from '@jest/globals';
import { ANY, type EventStore } from '@laborcase/core';
import { alreadyCaused, commandIdOf, createInMemoryReadModelStore, createReactorRunner, runDueSweep, type DueItem, type DueSweeper, type Reactor } from '@laborcase/projections';
import { caseEvents, caseRegistry } from '@laborcase/projections/testkit';
import { append, memoryStores, pgliteStores } from './support.js';

const registry = caseRegistry();

type Assign = { readonly type: 'AssignDefaultArticle'; readonly caseId: string; readonly streamId: string };

/** On every case opened without an article, move it to art-1; the crash hook fails after the append, once. */
const assigner = (eventStore: EventStore, crashAfterAppend: { once: boolean }): Reactor<Assign> => ({
  name: 'assigner',
  eventTypes: ['CaseOpened'],
  react: (event) => {
    const data = event.data as { caseId: string; article: string };
    return data.article === 'none' ? [{ type: 'AssignDefaultArticle', caseId: data.caseId, streamId: event.streamId }] : [];
  },
  async dispatch(command, { commandId }) {
    if (await alreadyCaused(eventStore, command.streamId, commandId)) return;
    const moved = caseEvents.moved(command.caseId, 'art-1');
    await eventStore.append(command.streamId, [{ ...moved, metadata: { ...moved.metadata, causationId: commandId } }], { expectedVersion: ANY });
    if (crashAfterAppend.once) {
      crashAfterAppend.once = false;
      throw new Error('crashed after the append, before the dispatch was recorded');
    }
  },
});

describe.each([
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
])('reactor runner on %s', (_name, factory) => {
  it('dispatches each command once, even when the event is redelivered after a crash', async () => {
    const { eventStore, store, close } = await factory(registry);
    try {
      await append(eventStore, 'case-1', caseEvents.opened('1', 'none'));
      await append(eventStore, 'case-2', caseEvents.opened('2', 'art-4'));
      await append(eventStore, 'case-3', caseEvents.opened('3', 'none'));
      const crash = { once: true };
      const runner = createReactorRunner({ eventStore, registry, store, reactor: assigner(eventStore, crash) });
      await expect(runner.runOnce()).rejects.toThrow(/crashed/);
      const result = await runner.runOnce();
      expect(result.dispatched).toBe(2);
      expect(await runner.runOnce()).toMatchObject({ dispatched: 0 });
      const moves: string[] = [];
      for await (const e of eventStore.readAll({ eventTypes: ['CaseMoved'] })) moves.push(e.streamId);
      expect(moves.sort()).toEqual(['case-1', 'case-3']);
      expect((await runner.dispatched()).sort()).toEqual([commandIdOf('assigner', (await first(eventStore, 'case-1')).eventId, 0), commandIdOf('assigner', (await first(eventStore, 'case-3')).eventId, 0)].sort());
    } finally {
      await close();
    }
  });
});

const first = async (eventStore: EventStore, streamId: string) => {
  for await (const e of eventStore.readStream(streamId)) return e;
  throw new Error('empty stream');
};

describe('commandIdOf', () => {
  it('is a deterministic UUID per reactor, event and index', () => {
    const id = commandIdOf('assigner', 'event-1', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandIdOf('assigner', 'event-1', 0)).toBe(id);
    expect(new Set([id, commandIdOf('assigner', 'event-1', 1), commandIdOf('other', 'event-1', 0), commandIdOf('assigner', 'event-2', 0)]).size).toBe(4);
  });
});

describe('runDueSweep', () => {
  it('records an item only when its dispatch did not answer notDone, so a refused one is asked again next run', async () => {
    const store = createInMemoryReadModelStore();
    const answers: ('done' | 'notDone')[] = ['notDone', 'done'];
    const asked: string[] = [];
    const sweeper: DueSweeper<DueItem> = {
      name: 'retry_later',
      today: () => '2026-02-10',
      due: async () => [{ id: 'deadline-1', dueOn: '2026-02-05' }],
      dispatch: async (_item, { commandId }) => {
        asked.push(commandId);
        return answers.shift();
      },
    };
    expect(await runDueSweep(sweeper, store)).toEqual([]);
    expect(await runDueSweep(sweeper, store)).toEqual([{ id: 'deadline-1', dueOn: '2026-02-05' }]);
    expect(await runDueSweep(sweeper, store)).toEqual([]);
    expect(asked).toEqual([commandIdOf('retry_later', 'deadline-1@2026-02-05', 0), commandIdOf('retry_later', 'deadline-1@2026-02-05', 0)]);
  });
});
