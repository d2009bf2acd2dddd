import { describe, expect, it } from '@jest/globals';
import { fold } from '@laborcase/core';
import {
  DateOutsideCalendarError,
  closureOn,
  dayTypeOn,
  isCountedDay,
  isSchoolDay,
  isSummer,
  isWorkingDay,
  schoolYearCoverage,
  studentDayCount,
  type CalendarVersion,
} from './calendarVersion.js';
import { workCalendarDecider } from './decide/index.js';
import type { WorkCalendarEvent } from './events.js';
import { tcpsAdopted } from './specFixtures.js';
import { calendarAsOf, currentCalendar } from './queries.js';

const snow: WorkCalendarEvent = {
  type: 'EmergencyClosureDeclared',
  data: { calendarVersion: 2, date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-27' },
};
const heating: WorkCalendarEvent = {
  type: 'EmergencyClosureDeclared',
  data: { calendarVersion: 3, date: '2026-01-28', scope: 'schoolsOnly', reason: 'Heating failure', declaredOn: '2026-01-28' },
};
const rescinded: WorkCalendarEvent = {
  type: 'EmergencyClosureRescinded',
  data: { calendarVersion: 4, date: '2026-01-27', reason: 'Recorded in error', rescindedOn: '2026-01-29' },
};
const amended: WorkCalendarEvent = {
  type: 'CalendarAmended',
  data: {
    calendarVersion: 5,
    closuresAdded: [{ date: '2026-03-20', kind: 'holiday', label: 'Eid al-Fitr' }],
    datesReopened: [{ date: '2026-01-02', label: 'Make-up day' }],
    lastStudentDay: '2026-06-15',
    reason: 'Board vote',
    amendedOn: '2026-02-10',
  },
};
const history = [tcpsAdopted, snow, heating, rescinded, amended];
const state = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, history);
const version = (n: number): CalendarVersion => {
  const calendar = calendarAsOf(state, n);
  if (calendar === undefined) throw new Error(`no version ${n}`);
  return calendar;
};

describe('calendar versions', () => {
  it('keeps every version, each as it was when in force', () => {
    expect(state.status === 'adopted' && state.currentVersion).toBe(5);
    expect([1, 2, 3, 4, 5].map((n) => version(n).version)).toEqual([1, 2, 3, 4, 5]);
    expect(currentCalendar(state)).toBe(version(5));
    expect(calendarAsOf(state, 6)).toBeUndefined();
    expect(calendarAsOf(workCalendarDecider.initialState, 1)).toBeUndefined();
    expect(closureOn(version(1), '2026-01-27')).toBeUndefined();
    expect(closureOn(version(2), '2026-01-27')).toEqual({ kind: 'emergencyClosure', label: 'Snow', closesOffices: true });
    expect(closureOn(version(4), '2026-01-27')).toBeUndefined();
    expect(version(4).lastStudentDay).toBe('2026-06-12');
    expect(version(5).lastStudentDay).toBe('2026-06-15');
  });

  it('replaying a prefix reproduces the version in force at that point', () => {
    const asOfTwo = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, history.slice(0, 2));
    expect(currentCalendar(asOfTwo)).toEqual(version(2));
  });

  it('covers July 1 to June 30 of the school year', () => {
    expect(schoolYearCoverage('2025-26')).toEqual({ from: '2025-07-01', through: '2026-06-30' });
    expect(schoolYearCoverage('2099-00')).toEqual({ from: '2099-07-01', through: '2100-06-30' });
    expect(schoolYearCoverage('2025-25')).toBeUndefined();
    expect(version(1)).toMatchObject({ coversFrom: '2025-07-01', coversThrough: '2026-06-30', calendarId: 'calendar-tcps-2025-26' });
  });

  it('records a holiday inside a break as a holiday (offices closed), other break days as open offices', () => {
    expect(closureOn(version(1), '2025-12-25')).toEqual({ kind: 'holiday', label: 'Christmas Day', closesOffices: true });
    expect(closureOn(version(1), '2025-12-24')).toEqual({ kind: 'break', label: 'Winter break', closesOffices: false });
    expect(closureOn(version(1), '2025-12-27')).toBeUndefined();
  });
});

describe('day predicates', () => {
  const v1 = version(1);
  it.each([
    // date, school, working, why
    ['2025-09-02', true, true, 'first student day'],
    ['2025-09-01', false, true, 'before the first student day (summer)'],
    ['2025-09-06', false, false, 'Saturday'],
    ['2025-10-10', false, true, 'PD day: offices open'],
    ['2025-11-27', false, false, 'holiday'],
    ['2025-12-24', false, true, 'break day: offices open'],
    ['2025-12-25', false, false, 'holiday inside the break'],
    ['2026-06-12', true, true, 'last student day'],
    ['2026-06-15', false, true, 'after the last student day (summer)'],
  ])('%s: school %s, working %s (%s)', (date, school, working) => {
    expect(isSchoolDay(v1, date)).toBe(school);
    expect(isWorkingDay(v1, date)).toBe(working);
    expect(isCountedDay(v1, date, 'school')).toBe(school);
    expect(isCountedDay(v1, date, 'working')).toBe(working);
    expect(isCountedDay(v1, date, 'calendar')).toBe(true);
  });

  it('distinguishes closure scopes: a snow day closes offices, a schools-only closure does not', () => {
    expect([isSchoolDay(version(3), '2026-01-27'), isWorkingDay(version(3), '2026-01-27')]).toEqual([false, false]);
    expect([isSchoolDay(version(3), '2026-01-28'), isWorkingDay(version(3), '2026-01-28')]).toEqual([false, true]);
  });

  it('summer is before the first and after the last student day; the summer day type applies only there', () => {
    expect([isSummer(v1, '2025-08-29'), isSummer(v1, '2025-09-02'), isSummer(v1, '2026-06-12'), isSummer(v1, '2026-06-15')]).toEqual([true, false, false, true]);
    const limit = { n: 5, dayType: 'school', summerDayType: 'working' } as const;
    expect(dayTypeOn(v1, '2026-06-12', limit)).toBe('school');
    expect(dayTypeOn(v1, '2026-06-15', limit)).toBe('working');
    expect(dayTypeOn(v1, '2026-06-15', { n: 5, dayType: 'school' })).toBe('school');
  });

  it('refuses to answer for dates the calendar does not cover', () => {
    expect(() => isSchoolDay(v1, '2026-07-01')).toThrow(DateOutsideCalendarError);
    expect(() => isWorkingDay(v1, '2025-06-30')).toThrow(DateOutsideCalendarError);
    expect(() => isCountedDay(v1, '2026-07-01', 'calendar')).toThrow(DateOutsideCalendarError);
  });

  it('counts student days per version', () => {
    const weekdaysSep2ToJun12 = 204;
    // closed on weekdays: PD 10/10, Thanksgiving 11/27, winter break 12/22–1/2 (10 weekdays)
    expect(studentDayCount(v1)).toBe(weekdaysSep2ToJun12 - 12);
    expect(studentDayCount(version(2))).toBe(studentDayCount(v1) - 1);
    // v5: snow rescinded, heating closure stays (-1), 1/2 reopened (+1), 3/20 closed (-1), one more day 6/15 (+1)
    expect(studentDayCount(version(5))).toBe(studentDayCount(v1));
  });
});
