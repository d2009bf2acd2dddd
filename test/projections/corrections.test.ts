/**
 * How a correction or retraction updates what was projected (packages/projections/src/view.ts): the stream is
 * re-projected from its effective events, exactly what `loadStream` folds.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { afterEach } from '@jest/globals';
import { ANY, type EventStore } from '@laborcase/core';
import { createProjectionRunner, defineProjection, InvalidProjection, targetOf } from '@laborcase/projections';
import { memoryStores, pgliteStores, type StoresFactory } from './support.js';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';

const registry = caseRegistry();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let factory: StoresFactory = memoryStores;
const setup = async () => {
  const { eventStore, store, close } = await factory(registry);
  cleanups.push(close);
  const projection = caseBoard();
  const runner = createProjectionRunner({ eventStore, registry, store, projection, batchSize: 3 });
  await runner.start();
  cleanups.push(() => runner.stop());
  const rows = async (table: 'cases' | 'applied') => store.rows(targetOf(projection), table);
  return { eventStore, store, runner, rows };
};
const append = (eventStore: EventStore, streamId: string, ...events: Parameters<EventStore['append']>[1]) => eventStore.append(streamId, events, { expectedVersion: ANY });

describe.each([
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
])('the corrected view a projection sees (%s)', (_name, stores) => {
  beforeEach(() => {
    factory = stores;
  });
  it('a correction replaces what the corrected event projected, keeping its business date', async () => {
    const { eventStore, runner, rows } = await setup();
    const opened = caseEvents.opened('c1', 'art-5', '2026-01-05');
    await append(eventStore, 'case-c1', opened, caseEvents.opened('c1b', 'art-1'));
    await append(eventStore, 'case-c2', caseEvents.opened('c2', 'art-7'));
    await runner.whenCaughtUp();
    expect((await rows('cases')).find((r) => r['case_id'] === 'c1')?.['article']).toBe('art-5');
    await append(eventStore, 'case-c1', caseEvents.corrected(opened.eventId, { type: 'CaseOpened', data: { caseId: 'c1', article: 'art-9' } }, '2026-02-01'));
    await runner.whenCaughtUp();
    const c1 = (await rows('cases')).find((r) => r['case_id'] === 'c1');
    expect(c1).toMatchObject({ article: 'art-9', opened_on: '2026-01-05', status: 'open' });
    // the other streams are untouched, and every event is counted once after the re-projection
    expect((await rows('cases')).map((r) => r['case_id'])).toEqual(['c1', 'c1b', 'c2']);
    expect((await rows('applied')).every((r) => r['times'] === 1)).toBe(true);
    await runner.stop();
  });

  it('a retraction removes what the retracted event projected; retracting the retraction restores it', async () => {
    const { eventStore, runner, rows } = await setup();
    const closed = caseEvents.closed('c1');
    await append(eventStore, 'case-c1', caseEvents.opened('c1', 'art-5'), closed);
    await runner.whenCaughtUp();
    expect((await rows('cases'))[0]?.['status']).toBe('closed');
    const retraction = caseEvents.retracted(closed.eventId);
    await append(eventStore, 'case-c1', retraction);
    await runner.whenCaughtUp();
    expect((await rows('cases'))[0]?.['status']).toBe('open');
    expect((await rows('applied')).length).toBe(1);
    await append(eventStore, 'case-c1', caseEvents.retracted(retraction.eventId));
    await runner.whenCaughtUp();
    expect((await rows('cases'))[0]?.['status']).toBe('closed');
    await runner.stop();
  });

  it('a correction that changes the type of an event projects the new type; later events still apply', async () => {
    const { eventStore, runner, rows } = await setup();
    const moved = caseEvents.moved('c1', 'art-2');
    await append(eventStore, 'case-c1', caseEvents.opened('c1', 'art-5'), moved);
    await append(eventStore, 'case-c1', caseEvents.corrected(moved.eventId, { type: 'CaseClosed', data: { caseId: 'c1' } }));
    await append(eventStore, 'case-c1', caseEvents.moved('c1', 'art-3'));
    await runner.whenCaughtUp();
    expect((await rows('cases'))[0]).toMatchObject({ article: 'art-3', status: 'closed' });
    await runner.stop();
  });

  it('a correction that cannot be applied changes nothing', async () => {
    const { eventStore, runner, rows } = await setup();
    await append(eventStore, 'case-c1', caseEvents.opened('c1', 'art-5'));
    await append(eventStore, 'case-c1', caseEvents.retracted('00000000-0000-4000-8000-ffffffffffff'));
    await runner.whenCaughtUp();
    expect((await rows('cases'))[0]).toMatchObject({ article: 'art-5', status: 'open' });
    await runner.stop();
  });

});

describe('projection definitions', () => {
  it('refuses a definition that could not undo a stream, naming the field', () => {
    const attempt = () =>
      defineProjection({ name: 'x', version: 1, tables: [{ name: 't', columns: { id: 'text' }, primaryKey: ['id'] }], handlers: { CaseOpened: () => undefined } });
    expect(attempt).toThrow(InvalidProjection);
    expect(attempt).toThrow(/forgetStream/);
    const bad = () => defineProjection({ name: 'Bad-Name', version: 1, tables: [], handlers: {} });
    expect(bad).toThrow(expect.objectContaining({ field: 'name' }) as unknown as Error);
  });
});
