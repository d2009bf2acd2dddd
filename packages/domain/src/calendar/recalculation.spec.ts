import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { fold } from '@laborcase/core';
import { dueDate } from './deadline.js';
import { workCalendarDecider } from './decider.js';
import type { WorkCalendarEvent } from './events.js';
import { adoptedVersion, nextCalendarVersion } from './evolve.js';
import type { Limit } from './limit.js';
import { onCalendarChanged, planDeadlineRecalculations, type OpenDeadline } from './recalculation.js';
import { anyLimit, dateAround, dateInCoverage, tcpsAdopted } from './specFixtures.js';
import { currentCalendar } from './state.js';

const schoolDays = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });
const v1 = adoptedVersion(tcpsAdopted.data);
const snowEvent: WorkCalendarEvent = {
  type: 'EmergencyClosureDeclared',
  data: { calendarVersion: 2, date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-27' },
};
const stateAfterSnow = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, [tcpsAdopted, snowEvent]);
const open = (change: Partial<OpenDeadline>): OpenDeadline => ({
  deadlineId: 'g-1/answer',
  streamId: 'grievance-g-1',
  anchor: '2026-01-21',
  limit: schoolDays(10),
  calendarId: 'calendar-tcps-2025-26',
  calendarVersion: 1,
  dueOn: '2026-02-04',
  ...change,
});

describe('deadline recalculation on calendar change', () => {
  it('moves a deadline the snow day pushes out, recording the rule and version', () => {
    expect(onCalendarChanged(snowEvent, stateAfterSnow, [open({})]).recalculations).toEqual([
      {
        type: 'RecalculateDeadline',
        deadlineId: 'g-1/answer',
        streamId: 'grievance-g-1',
        previousDueOn: '2026-02-04',
        newDueOn: '2026-02-05',
        calendarVersion: 2,
        rule: { limit: schoolDays(10), calendarId: 'calendar-tcps-2025-26', calendarVersion: 2 },
      },
    ]);
  });

  it('skips deadlines on other calendars, already at this version or later, or whose date does not move', () => {
    const deadlines = [
      open({ deadlineId: 'other-calendar', calendarId: 'calendar-ecps-2025-26' }),
      open({ deadlineId: 'already-v2', calendarVersion: 2, dueOn: '2026-02-05' }),
      open({ deadlineId: 'computed-under-v3', calendarVersion: 3 }),
      open({ deadlineId: 'due-before-snow', anchor: '2026-01-05', dueOn: '2026-01-19' }),
    ];
    expect(onCalendarChanged(snowEvent, stateAfterSnow, deadlines)).toEqual({ recalculations: [], failures: [] });
  });

  it('yields nothing for an adoption', () => {
    expect(onCalendarChanged(tcpsAdopted, stateAfterSnow, [open({})])).toEqual({ recalculations: [], failures: [] });
  });

  it('moves a deadline earlier when an amendment reopens a closed day', () => {
    const reopen: WorkCalendarEvent = {
      type: 'CalendarAmended',
      data: { calendarVersion: 2, closuresAdded: [], datesReopened: [{ date: '2026-01-02', label: 'Make-up day' }], reason: 'Board vote', amendedOn: '2025-12-01' },
    };
    const stateAfter = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, [tcpsAdopted, reopen]);
    const deadline = open({ anchor: '2025-12-19', dueOn: '2026-01-05', limit: schoolDays(1) });
    expect(onCalendarChanged(reopen, stateAfter, [deadline]).recalculations.map((r) => [r.previousDueOn, r.newDueOn])).toEqual([['2026-01-05', '2026-01-02']]);
  });

  it('reports a deadline the new version cannot compute instead of guessing', () => {
    const lateSnow = nextCalendarVersion(v1, { type: 'EmergencyClosureDeclared', data: { calendarVersion: 2, date: '2026-06-29', scope: 'schoolsAndOffices', reason: 'Storm', declaredOn: '2026-06-29' } });
    const deadline = open({ anchor: '2026-06-24', limit: { n: 4, dayType: 'working' }, dueOn: '2026-06-30' });
    const plan = planDeadlineRecalculations(lateSnow, [deadline]);
    expect(plan.recalculations).toEqual([]);
    expect(plan.failures.map((f) => [f.deadlineId, f.calendarVersion, f.error.code])).toEqual([['g-1/answer', 2, 'CalendarRangeExceeded']]);
  });

  it('property: applying the plan and planning again yields nothing; every instruction matches the engine', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dateInCoverage, anyLimit), { maxLength: 8 }), dateAround, (seeds, snowDate) => {
        const before = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, [tcpsAdopted]);
        const decision = workCalendarDecider.decide({ type: 'DeclareEmergencyClosure', date: snowDate, scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: snowDate }, before);
        if (isLeft(decision)) return;
        const event = decision.right[0]!;
        const after = fold(workCalendarDecider.evolve, before, decision.right);
        const deadlines: OpenDeadline[] = seeds.flatMap(([anchor, limit], i) => {
          const due = dueDate(anchor, limit, v1);
          return isLeft(due) ? [] : [open({ deadlineId: `d${i}`, anchor, limit, dueOn: due.right.dueOn })];
        });
        const plan = onCalendarChanged(event, after, deadlines);
        const v2 = currentCalendar(after)!;
        for (const instruction of plan.recalculations) {
          const deadline = deadlines.find((d) => d.deadlineId === instruction.deadlineId)!;
          const recomputed = dueDate(deadline.anchor, deadline.limit, v2);
          expect(isLeft(recomputed) ? undefined : recomputed.right.dueOn).toBe(instruction.newDueOn);
          expect(instruction.newDueOn > instruction.previousDueOn).toBe(true);
        }
        const applied = deadlines.map((d) => {
          const instruction = plan.recalculations.find((r) => r.deadlineId === d.deadlineId);
          return instruction === undefined ? d : { ...d, dueOn: instruction.newDueOn, calendarVersion: instruction.calendarVersion };
        });
        expect(onCalendarChanged(event, after, applied).recalculations).toEqual([]);
        expect(onCalendarChanged(event, after, deadlines)).toEqual(plan);
      }),
    );
  });
});
