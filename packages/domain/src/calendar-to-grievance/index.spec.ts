import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { addDays, fold } from '@laborcase/core';
import { currentCalendar, dueDate, workCalendarDecider, type Limit, type WorkCalendarEvent } from '../calendar/index.js';
import { onCalendarChanged, planDeadlineRecalculations, type OpenDeadline } from './index.js';

const schoolDays = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });

// A small made-up calendar ("TCPS" 2025-26, covering 2025-07-01..2026-06-30), as its stream stores it.
const tcpsAdopted: WorkCalendarEvent = {
  type: 'CalendarAdopted',
  data: {
    calendarId: 'calendar-tcps-2025-26',
    districtId: 'tcps',
    schoolYear: '2025-26',
    calendarVersion: 1,
    firstStudentDay: '2025-09-02',
    lastStudentDay: '2026-06-12',
    holidays: [
      { date: '2025-11-27', label: 'Thanksgiving Day' },
      { date: '2025-12-25', label: 'Christmas Day' },
    ],
    breaks: [{ first: '2025-12-22', last: '2026-01-02', label: 'Winter break' }],
    noStudentDays: [{ date: '2025-10-10', label: 'PD day' }],
    adoptedOn: '2025-05-01',
  },
};
const snow = (date: string): WorkCalendarEvent => ({
  type: 'EmergencyClosureDeclared',
  data: { calendarVersion: 2, date, scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: date },
});
const calendarAfter = (...events: WorkCalendarEvent[]) => fold(workCalendarDecider.evolve, workCalendarDecider.initialState, [tcpsAdopted, ...events]);

const snowEvent = snow('2026-01-27');
const stateAfterSnow = calendarAfter(snowEvent);
const v1 = currentCalendar(calendarAfter())!;
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

const dateAround = fc.integer({ min: -10, max: 375 }).map((offset) => addDays('2025-07-01', offset));
const dateInCoverage = fc.integer({ min: 0, max: 364 }).map((offset) => addDays('2025-07-01', offset));
const anyLimit: fc.Arbitrary<Limit> = fc.record(
  {
    n: fc.nat({ max: 40 }),
    dayType: fc.constantFrom('school' as const, 'working' as const, 'calendar' as const),
    summerDayType: fc.constantFrom('working' as const, 'calendar' as const),
  },
  { requiredKeys: ['n', 'dayType'] },
);

describe('calendar → grievance deadline recalculation', () => {
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
    const deadline = open({ anchor: '2025-12-19', dueOn: '2026-01-05', limit: schoolDays(1) });
    expect(onCalendarChanged(reopen, calendarAfter(reopen), [deadline]).recalculations.map((r) => [r.previousDueOn, r.newDueOn])).toEqual([['2026-01-05', '2026-01-02']]);
  });

  it('reports a deadline the new version cannot compute instead of guessing', () => {
    const lateSnow = currentCalendar(calendarAfter(snow('2026-06-29')))!;
    const deadline = open({ anchor: '2026-06-24', limit: { n: 4, dayType: 'working' }, dueOn: '2026-06-30' });
    const plan = planDeadlineRecalculations(lateSnow, [deadline]);
    expect(plan.recalculations).toEqual([]);
    expect(plan.failures.map((f) => [f.deadlineId, f.calendarVersion, f.error.code])).toEqual([['g-1/answer', 2, 'CalendarRangeExceeded']]);
  });

  it('property: applying the plan and planning again yields nothing; every instruction matches the engine', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(dateInCoverage, anyLimit), { maxLength: 8 }), dateAround, (seeds, snowDate) => {
        const before = calendarAfter();
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
