/**
 * Read model 4, upcoming deadlines, on the ECPS history (domain.md §7), the window counted by hand:
 *
 * - today Mon 2026-01-26 (as known that day: calendar v1, the snow day not yet declared), 10 school days ahead:
 *   1/27, 1/28, 1/29, 1/30, 2/2, 2/3, 2/4, 2/5, 2/6, 2/9 → window through 2/9. Running: G-26-004's Step 2 answer
 *   (hearing 1/21 → due Thu 2/5, owed by management, the superintendent's designee) and G-26-007's Step 1 answer
 *   (meeting 1/21 → due Thu 2/5, the principal); each 8 school days away (1/27–1/30, 2/2–2/5).
 * - today Tue 1/27, after the snow day: G-26-004's answer was recalculated to Fri 2/6, 8 school days away
 *   (1/28–1/30, 2/2–2/6, the 27th closed).
 * - today Fri 2026-06-12, G-26-011's appeal (Step 1 answered 6/10) is due Thu 6/25: 5 school days ahead are
 *   6/15, 6/16 (last student day), then summer working days 6/17, 6/18, 6/22 (6/19 Juneteenth) → through 6/22,
 *   so not listed; 10 ahead add 6/23, 6/24, 6/25, 6/26, 6/29 → listed, owed by the grievant, 8 days left, final.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { projectionSpec } from '../../testkit/spec.js';
import { rebuildEqualsIncremental } from '../../testkit/properties.js';
import { ecpsLogs } from '../testing/ecpsArbitraries.js';
import { ecpsLog, recordedEcpsStore } from '../testing/ecpsLog.js';
import { asOfLastDateEqualsLive } from '../testing/reportChecks.js';
import { upcomingDeadlinesProjection } from './projection.js';
import { upcomingDeadlinesReport } from './report.js';
import { upcomingRows, type UpcomingTables } from './rows.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');
const ecpsStore = (): Promise<EventStore> => recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));
const on = async (eventStore: EventStore, today: string, schoolDays: number) => upcomingDeadlinesReport({ eventStore, registry, clock, today, schoolDays, asOf: { effectiveOn: today } });

describe('upcoming deadlines (read model 4)', () => {
  it('given G-26-011 waiting on its appeal, when the deadline is recounted on the fallback calendar, then it is provisional; when met, it is gone', async () => {
    const g26011 = ecpsLog().filter((e) => e.streamId === 'grievance-G-26-011');
    const rule = {
      limit: { n: 10, dayType: 'school', summerDayType: 'working' },
      calendarId: 'calendar-ecps-2025-26',
      calendarVersion: 2,
      calendars: [
        { calendarId: 'calendar-ecps-2025-26', calendarVersion: 2 },
        { calendarId: 'calendar-ecps-2026-27', calendarVersion: 0 },
      ],
      provisional: true,
      fallback: 'weekdays-minus-us-federal-holidays',
    };
    const recount = { streamId: 'grievance-G-26-011', type: 'DeadlineRecalculated', effectiveOn: '2026-06-12', data: { deadlineId: 'G-26-011/step-1/appeal', previousDueOn: '2026-06-25', newDueOn: '2026-06-26', rule } };
    const scenario = projectionSpec(upcomingDeadlinesProjection, registry).given(g26011).when([recount]);
    const running = async (events: typeof scenario) => upcomingRows((await events.model()).tables as UpcomingTables);
    expect(await running(scenario)).toEqual([
      {
        deadline_id: 'G-26-011/step-1/appeal',
        grievance_id: 'G-26-011',
        stream_id: 'grievance-G-26-011',
        unit_id: 'ecea',
        step_id: 'step-1',
        kind: 'appeal',
        party: 'grievant',
        hearer: 'principal',
        due_on: '2026-06-26',
        provisional: true,
        status: 'open',
        calendar_id: 'calendar-ecps-2025-26',
      },
    ]);
    expect(await running(scenario.when([{ streamId: 'grievance-G-26-011', type: 'DeadlineMet', effectiveOn: '2026-06-20', data: { deadlineId: 'G-26-011/step-1/appeal', metOn: '2026-06-20' } }]))).toEqual([]);
  });

  it('given the ECPS log, when it is projected, then no grievance event reads a row back (each fact is written by key)', async () => {
    // Only a snow day reads: the calendar's current version, to fold the change into it.
    expect(await rowReadsOverEcps(upcomingDeadlinesProjection)).toEqual({ EmergencyClosureDeclared: 1 });
  });

  it('ECPS on 2026-01-26, 10 school days ahead: two Step answers due 2/5, owed by management', async () => {
    const report = await on(await ecpsStore(), '2026-01-26', 10);
    expect(report.windowEnds).toEqual([{ calendarId: 'calendar-ecps-2025-26', through: '2026-02-09' }]);
    expect(report.upcoming).toEqual([
      { dueOn: '2026-02-05', grievanceId: 'G-26-004', unitId: 'ecea', deadlineId: 'G-26-004/step-2/answer', kind: 'answer', stepId: 'step-2', party: 'management', hearer: "superintendent's designee", firmness: 'final', schoolDaysLeft: 8 },
      { dueOn: '2026-02-05', grievanceId: 'G-26-007', unitId: 'ecea', deadlineId: 'G-26-007/step-1/answer', kind: 'answer', stepId: 'step-1', party: 'management', hearer: 'principal', firmness: 'final', schoolDaysLeft: 8 },
    ]);
    expect(report.overdue).toEqual([]);
  });

  it('ECPS on 2026-01-27, after the snow day: G-26-004’s answer moved to 2/6, still 8 school days away', async () => {
    const report = await on(await ecpsStore(), '2026-01-27', 10);
    expect(report.upcoming.find((d) => d.grievanceId === 'G-26-004')).toMatchObject({ dueOn: '2026-02-06', schoolDaysLeft: 8 });
  });

  it('ECPS on 2026-06-12: G-26-011’s appeal (due 6/25) is beyond 5 school days, within 10', async () => {
    const eventStore = await ecpsStore();
    const five = await on(eventStore, '2026-06-12', 5);
    expect([five.windowEnds, five.upcoming]).toEqual([[{ calendarId: 'calendar-ecps-2025-26', through: '2026-06-22' }], []]);
    const ten = await on(eventStore, '2026-06-12', 10);
    expect(ten.windowEnds).toEqual([{ calendarId: 'calendar-ecps-2025-26', through: '2026-06-29' }]);
    expect(ten.upcoming.map((d) => [d.deadlineId, d.dueOn, d.party, d.hearer, d.firmness, d.schoolDaysLeft])).toEqual([['G-26-011/step-1/appeal', '2026-06-25', 'grievant', 'principal', 'final', 8]]);
  });

  it('ECPS on 2026-06-29 (the whole log): the appeal due 6/25 was never recorded as missed, so it is overdue', async () => {
    const report = await upcomingDeadlinesReport({ eventStore: await ecpsStore(), registry, clock, today: '2026-06-29', schoolDays: 10 });
    expect(report.upcoming).toEqual([]);
    expect(report.overdue.map((d) => [d.deadlineId, d.dueOn, d.schoolDaysLeft])).toEqual([['G-26-011/step-1/appeal', '2026-06-25', 0]]);
  });

  it('refuses a malformed today or window, naming the field', async () => {
    const eventStore = await ecpsStore();
    await expect(upcomingDeadlinesReport({ eventStore, registry, clock, today: '26-01-2026', schoolDays: 10 })).rejects.toMatchObject({ field: 'today' });
    await expect(upcomingDeadlinesReport({ eventStore, registry, clock, today: '2026-01-26', schoolDays: 0 })).rejects.toMatchObject({ field: 'schoolDays' });
    await expect(upcomingDeadlinesReport({ eventStore, registry, clock, today: '2026-01-26', schoolDays: 2.5 })).rejects.toMatchObject({ field: 'schoolDays' });
  });

  it('as of the last event’s date equals the live model', async () => {
    await asOfLastDateEqualsLive(await ecpsStore(), registry, upcomingDeadlinesProjection, (options) => upcomingDeadlinesReport({ ...options, today: '2026-06-12', schoolDays: 10 }));
  });

  it('property: built incrementally equals rebuilt', async () => {
    await fc.assert(rebuildEqualsIncremental(upcomingDeadlinesProjection, registry, ecpsLogs()), { numRuns: 25 });
  });
});
