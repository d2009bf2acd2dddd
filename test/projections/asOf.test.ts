/**
 * Two-axis as-of: "as effective on D, as known at R" equals a rebuild over the event list filtered by hand,
 * with a correction recorded after R (not applied) and a retraction of an event effective before D (applied).
 */
import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { ANY, type NewEvent } from '@laborcase/core';
import { buildAsOf, createInMemoryReadModelStore, rebuildProjection, targetOf } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';

const registry = caseRegistry();
const projection = caseBoard();

const scenario = async () => {
  let now = new Date('2026-01-10T09:00:00.000Z');
  const eventStore = createInMemoryEventStore({ registry, clock: () => now });
  const at = async (instant: string, streamId: string, ...events: NewEvent[]) => {
    now = new Date(instant);
    await eventStore.append(streamId, events, { expectedVersion: ANY });
  };
  const c1Opened = caseEvents.opened('c1', 'art-5', '2026-01-05');
  const c1Moved = caseEvents.moved('c1', 'art-2', '2026-01-25');
  const c2Opened = caseEvents.opened('c2', 'art-5', '2026-01-20');
  const c3Opened = caseEvents.opened('c3', 'art-1', '2026-01-06');
  const c3Closed = caseEvents.closed('c3', '2026-01-28');
  const c4Opened = caseEvents.opened('c4', 'art-5', '2026-02-05');
  const c3Retraction = caseEvents.retracted(c3Closed.eventId, '2026-02-10');
  const c1Correction = caseEvents.corrected(c1Moved.eventId, { type: 'CaseMoved', data: { caseId: 'c1', article: 'art-7' } }, '2026-02-20');
  await at('2026-01-10T09:00:00.000Z', 'case-c1', c1Opened);
  await at('2026-01-10T09:05:00.000Z', 'case-c3', c3Opened);
  await at('2026-01-21T10:00:00.000Z', 'case-c2', c2Opened);
  await at('2026-02-01T10:00:00.000Z', 'case-c1', c1Moved);
  await at('2026-02-01T11:00:00.000Z', 'case-c3', c3Closed);
  await at('2026-02-06T08:00:00.000Z', 'case-c4', c4Opened);
  await at('2026-02-10T08:00:00.000Z', 'case-c3', c3Retraction); // known by R, retracts an event effective before D
  await at('2026-02-20T08:00:00.000Z', 'case-c1', c1Correction); // recorded after R
  return { eventStore, c1Opened, c1Moved, c2Opened, c3Opened, c3Closed, c4Opened };
};

/** A rebuild over exactly these events (with their ids, streams and business dates), no corrections involved. */
const rebuildOver = async (events: readonly { streamId: string; event: NewEvent }[]) => {
  const eventStore = createInMemoryEventStore({ registry });
  for (const { streamId, event } of events) await eventStore.append(streamId, [event], { expectedVersion: ANY });
  const store = createInMemoryReadModelStore();
  await rebuildProjection({ eventStore, registry, store, projection });
  return { cases: await store.rows(targetOf(projection), 'cases'), applied: await store.rows(targetOf(projection), 'applied') };
};

const asOf = async (options: { effectiveOn?: string; knownAt?: string }) => {
  const { eventStore } = await scenarioOnce;
  const model = await buildAsOf({ eventStore, registry, projection, ...options });
  expect(model.problems).toEqual([]);
  return { cases: await model.rows('cases'), applied: await model.rows('applied') };
};
const scenarioOnce = scenario();

describe('as-of builds', () => {
  it('as effective on 2026-01-31, as known at 2026-02-15: equals a rebuild over the hand-filtered events', async () => {
    const s = await scenarioOnce;
    // known by R: everything but the correction; in force: c3's close is retracted; effective by D: not c4.
    const expected = await rebuildOver([
      { streamId: 'case-c1', event: s.c1Opened },
      { streamId: 'case-c3', event: s.c3Opened },
      { streamId: 'case-c2', event: s.c2Opened },
      { streamId: 'case-c1', event: s.c1Moved },
    ]);
    const actual = await asOf({ effectiveOn: '2026-01-31', knownAt: '2026-02-15T00:00:00.000Z' });
    expect(actual).toEqual(expected);
    expect(actual.cases.map((r) => [r['case_id'], r['article'], r['status']])).toEqual([
      ['c1', 'art-2', 'open'],
      ['c2', 'art-5', 'open'],
      ['c3', 'art-1', 'open'],
    ]);
  });

  it('as known now, the later correction applies; effective on D still leaves out c4', async () => {
    const s = await scenarioOnce;
    const expected = await rebuildOver([
      { streamId: 'case-c1', event: s.c1Opened },
      { streamId: 'case-c3', event: s.c3Opened },
      { streamId: 'case-c2', event: s.c2Opened },
      { streamId: 'case-c1', event: { ...s.c1Moved, data: { caseId: 'c1', article: 'art-7' } } },
    ]);
    expect(await asOf({ effectiveOn: '2026-01-31' })).toEqual(expected);
  });

  it('as known at 2026-02-02 only (before the retraction): c3 is closed, c4 not yet recorded', async () => {
    const s = await scenarioOnce;
    const expected = await rebuildOver([
      { streamId: 'case-c1', event: s.c1Opened },
      { streamId: 'case-c3', event: s.c3Opened },
      { streamId: 'case-c2', event: s.c2Opened },
      { streamId: 'case-c1', event: s.c1Moved },
      { streamId: 'case-c3', event: s.c3Closed },
    ]);
    const actual = await asOf({ knownAt: '2026-02-02T00:00:00.000Z' });
    expect(actual).toEqual(expected);
    expect(actual.cases.find((r) => r['case_id'] === 'c3')?.['status']).toBe('closed');
  });

  it('with neither axis it equals a full rebuild', async () => {
    const { eventStore } = await scenarioOnce;
    const store = createInMemoryReadModelStore();
    await rebuildProjection({ eventStore, registry, store, projection });
    expect((await asOf({})).cases).toEqual(await store.rows(targetOf(projection), 'cases'));
  });

  it('refuses a bad date or instant naming the field', async () => {
    const { eventStore } = await scenarioOnce;
    await expect(buildAsOf({ eventStore, registry, projection, effectiveOn: '2026-02-30' })).rejects.toMatchObject({ code: 'InvalidProjection', field: 'effectiveOn' });
    await expect(buildAsOf({ eventStore, registry, projection, knownAt: 'yesterday' })).rejects.toMatchObject({ code: 'InvalidProjection', field: 'knownAt' });
  });
});
