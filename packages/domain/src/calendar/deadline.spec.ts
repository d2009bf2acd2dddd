import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { fold, addDays, compareDates } from '@laborcase/core';
import { decidedHistory } from '@laborcase/core/testkit';
import { dayTypeOn, isCountedDay, type CalendarVersion } from './calendarVersion.js';
import { DeadlineRule, dueDate, isTimely } from './deadline.js';
import { workCalendarDecider } from './decide/index.js';
import { adoptedVersion } from './state.js';
import type { Limit } from './limit.js';
import { anyLimit, commandsAfterAdoption, dateAround, dateInCoverage, tcpsAdopted } from './specFixtures.js';
import { currentCalendar } from './queries.js';

const tcps = adoptedVersion(tcpsAdopted.data);
const dueOn = (anchor: string, limit: Limit, calendar: CalendarVersion = tcps): string => {
  const result = dueDate(anchor, limit, calendar);
  if (isLeft(result)) throw new Error(result.left.code);
  return result.right.dueOn;
};

/** Calendars the aggregate itself could reach: adoption followed by random closures and amendments. */
const reachableCalendar: fc.Arbitrary<CalendarVersion> = decidedHistory(workCalendarDecider, commandsAfterAdoption).map((events) => {
  const calendar = currentCalendar(fold(workCalendarDecider.evolve, workCalendarDecider.initialState, events));
  if (calendar === undefined) throw new Error('adoption is always first');
  return calendar;
});

describe('dueDate', () => {
  it('excludes the anchor: 1 school day after a Friday is the Monday', () => {
    expect(dueOn('2025-09-05', { n: 1, dayType: 'school' })).toBe('2025-09-08');
  });
  it('is due on the anchor when n = 0, counting nothing', () => {
    expect(dueDate('2025-09-06', { n: 0, dayType: 'school' }, tcps)).toEqual({
      _tag: 'Right',
      right: { anchor: '2025-09-06', dueOn: '2025-09-06', rule: { limit: { n: 0, dayType: 'school' }, calendarId: 'calendar-tcps-2025-26', calendarVersion: 1 }, countedDays: [] },
    });
  });
  it('counts calendar days through weekends and holidays without rolling the due date forward', () => {
    expect(dueOn('2025-11-21', { n: 6, dayType: 'calendar' })).toBe('2025-11-27');
  });
  it('counts working days through break days but not holidays', () => {
    expect(dueOn('2025-12-19', { n: 5, dayType: 'working' })).toBe('2025-12-29');
    expect(dueOn('2025-12-19', { n: 5, dayType: 'school' })).toBe('2026-01-09');
  });
  it('applies the summer day type before the first student day too', () => {
    expect(dueOn('2025-08-27', { n: 5, dayType: 'school', summerDayType: 'working' })).toBe('2025-09-03'); // 8/28, 8/29, 9/1 (summer working days), 9/2, 9/3
    expect(dueOn('2025-08-27', { n: 5, dayType: 'school' })).toBe('2025-09-08');
  });
  it('rejects an anchor the calendar does not cover', () => {
    const result = dueDate('2025-06-30', { n: 3, dayType: 'working' }, tcps);
    expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['AnchorOutsideCalendar', 'anchor']);
  });
  it('rejects a limit that is not a Limit (negative or fractional n, unknown day type)', () => {
    for (const limit of [{ n: -1, dayType: 'school' }, { n: 1.5, dayType: 'working' }, { n: 3, dayType: 'weekday' }] as unknown as Limit[]) {
      const result = dueDate('2025-09-05', limit, tcps);
      expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['InvalidLimit', 'limit']);
      expect(isLeft(isTimely('2025-09-05', limit, tcps, '2025-09-06'))).toBe(true);
    }
  });
  it('returns a rule that its codec accepts', () => {
    const result = dueDate('2025-09-05', { n: 3, dayType: 'school', summerDayType: 'working' }, tcps);
    expect(isRight(result) && DeadlineRule.is(result.right.rule)).toBe(true);
  });
  it('refuses to count past the end of the calendar', () => {
    const result = dueDate('2026-06-25', { n: 5, dayType: 'working' }, tcps);
    expect(isLeft(result) && result.left).toMatchObject({ code: 'CalendarRangeExceeded', details: { counted: 3 } });
    expect(dueOn('2026-06-25', { n: 3, dayType: 'working' })).toBe('2026-06-30');
  });
});

describe('isTimely', () => {
  const limit: Limit = { n: 3, dayType: 'working' };
  it('is timely up to and including the due date, late after it', () => {
    expect(dueOn('2025-09-05', limit)).toBe('2025-09-10');
    expect(isTimely('2025-09-05', limit, tcps, '2025-09-10')).toEqual({ _tag: 'Right', right: true });
    expect(isTimely('2025-09-05', limit, tcps, '2025-09-11')).toEqual({ _tag: 'Right', right: false });
    expect(isTimely('2025-09-05', limit, tcps, '2025-09-01')).toEqual({ _tag: 'Right', right: true });
  });
  it('recognises a timely act even when the full deadline would run past the calendar', () => {
    expect(isLeft(dueDate('2026-06-25', { n: 5, dayType: 'working' }, tcps))).toBe(true);
    expect(isTimely('2026-06-25', { n: 5, dayType: 'working' }, tcps, '2026-06-29')).toEqual({ _tag: 'Right', right: true });
  });
  it('calls an act after a zero-day limit late even past the calendar end (found by the property below)', () => {
    expect(dueOn('2026-06-30', { n: 0, dayType: 'school' })).toBe('2026-06-30');
    expect(isTimely('2026-06-30', { n: 0, dayType: 'school' }, tcps, '2026-07-02')).toEqual({ _tag: 'Right', right: false });
  });
  it('rejects an anchor outside the calendar', () => {
    const result = isTimely('2026-07-01', limit, tcps, '2026-07-02');
    expect(isLeft(result) && result.left.code).toBe('AnchorOutsideCalendar');
  });
});

describe('deadline engine properties', () => {
  it('a due date is a counted day of the day type that applies on it, and n days are counted', () => {
    fc.assert(
      fc.property(reachableCalendar, dateInCoverage, anyLimit, (calendar, anchor, limit) => {
        const result = dueDate(anchor, limit, calendar);
        if (isLeft(result)) return result.left.code === 'CalendarRangeExceeded';
        const { dueOn: due, countedDays } = result.right;
        if (limit.n === 0) return due === anchor && countedDays.length === 0;
        return (
          countedDays.length === limit.n &&
          countedDays[countedDays.length - 1] === due &&
          countedDays.every((d) => compareDates(d, anchor) > 0 && isCountedDay(calendar, d, dayTypeOn(calendar, d, limit)))
        );
      }),
    );
  });

  it('is strictly increasing in n (and never before the anchor)', () => {
    fc.assert(
      fc.property(reachableCalendar, dateInCoverage, anyLimit, (calendar, anchor, limit) => {
        const shorter = dueDate(anchor, limit, calendar);
        const longer = dueDate(anchor, { ...limit, n: limit.n + 1 }, calendar);
        if (isLeft(shorter)) return isLeft(longer);
        if (compareDates(shorter.right.dueOn, anchor) < 0) return false;
        return isLeft(longer) || compareDates(longer.right.dueOn, shorter.right.dueOn) > 0;
      }),
    );
  });

  it('adding an emergency closure never makes a deadline earlier', () => {
    fc.assert(
      fc.property(
        decidedHistory(workCalendarDecider, commandsAfterAdoption),
        dateAround,
        fc.constantFrom('schoolsAndOffices' as const, 'schoolsOnly' as const),
        dateInCoverage,
        anyLimit,
        (events, closed, scope, anchor, limit) => {
          const before = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, events);
          const decision = workCalendarDecider.decide({ type: 'DeclareEmergencyClosure', date: closed, scope, reason: 'Snow', declaredOn: closed }, before);
          if (isLeft(decision)) return true;
          const after = fold(workCalendarDecider.evolve, before, decision.right);
          const [v1, v2] = [currentCalendar(before), currentCalendar(after)];
          if (v1 === undefined || v2 === undefined) return false;
          const [d1, d2] = [dueDate(anchor, limit, v1), dueDate(anchor, limit, v2)];
          if (isLeft(d1)) return isLeft(d2);
          return isLeft(d2) || compareDates(d2.right.dueOn, d1.right.dueOn) >= 0;
        },
      ),
    );
  });

  it('isTimely agrees with the due date wherever the due date exists', () => {
    fc.assert(
      fc.property(reachableCalendar, dateInCoverage, anyLimit, fc.integer({ min: -5, max: 80 }), (calendar, anchor, limit, offset) => {
        const due = dueDate(anchor, limit, calendar);
        const actedOn = addDays(anchor, offset);
        const timely = isTimely(anchor, limit, calendar, actedOn);
        if (isLeft(due)) return true;
        return isRight(timely) && timely.right === compareDates(actedOn, due.right.dueOn) <= 0;
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(fc.property(reachableCalendar, dateInCoverage, anyLimit, (calendar, anchor, limit) => {
      expect(dueDate(anchor, limit, calendar)).toEqual(dueDate(anchor, limit, calendar));
    }));
  });
});
