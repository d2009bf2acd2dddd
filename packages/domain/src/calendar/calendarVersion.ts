/**
 * One version of a district's work calendar as a pure value, and the day predicates the deadline engine uses.
 *
 * Coverage: a calendar for school year "2025-26" covers 2025-07-01 through 2026-06-30 (the fiscal and contract
 * year), so the summer after the last student day and the summer before the first one belong to it.
 *
 * Day semantics (decided here, documented because contracts differ):
 * - school day: Mon–Fri from the first to the last student day, not closed to students by anything.
 * - working day: Mon–Fri anywhere in coverage, except days that close offices: district holidays and
 *   emergency closures declared for schools and offices. Break days that are not holidays, no-student days
 *   (PD, grading) and schools-only emergency closures are working days but not school days.
 * - calendar day: every day in coverage, weekends and holidays included.
 * - summer: coverage days before the first or after the last student day. A limit with `summerDayType`
 *   counts those days with that day type instead (ECEA: school days become working days).
 */
import { addDays, compareDates, isWeekend } from '@laborcase/core';
import type { DayType, Limit } from './limit.js';

export type ClosureKind = 'holiday' | 'break' | 'noStudentDay' | 'emergencyClosure';

/** Why a date is closed to students, and whether offices close too. */
export interface ClosedDay {
  readonly kind: ClosureKind;
  readonly label: string;
  readonly closesOffices: boolean;
}

export interface CalendarVersion {
  /** The calendar's stream id, e.g. `calendar-ecps-2025-26`. */
  readonly calendarId: string;
  readonly districtId: string;
  readonly schoolYear: string;
  /** 1 = adoption; each accepted change adds one. */
  readonly version: number;
  readonly coversFrom: string;
  readonly coversThrough: string;
  readonly firstStudentDay: string;
  readonly lastStudentDay: string;
  /** Dates closed to students, keyed by YYYY-MM-DD (weekends are never listed; breaks are listed day by day). */
  readonly closedDays: Readonly<Record<string, ClosedDay>>;
}

/** Thrown by the predicates below when asked about a date the calendar does not cover: never guess. */
export class DateOutsideCalendarError extends RangeError {
  constructor(
    readonly calendarId: string,
    readonly date: string,
  ) {
    super(`${date} is outside calendar ${calendarId}`);
    this.name = 'DateOutsideCalendarError';
  }
}

const SCHOOL_YEAR = /^(\d{4})-(\d{2})$/;

/** The coverage of a school year written `YYYY-YY` (consecutive years), or undefined if malformed. */
export const schoolYearCoverage = (schoolYear: string): { readonly from: string; readonly through: string } | undefined => {
  const match = SCHOOL_YEAR.exec(schoolYear);
  if (match === null) return undefined;
  const start = Number(match[1]);
  if (Number(match[2]) !== (start + 1) % 100) return undefined;
  return { from: `${start}-07-01`, through: `${start + 1}-06-30` };
};

export const covers = (calendar: CalendarVersion, date: string): boolean =>
  compareDates(date, calendar.coversFrom) >= 0 && compareDates(date, calendar.coversThrough) <= 0;

const requireCovered = (calendar: CalendarVersion, date: string): void => {
  if (!covers(calendar, date)) throw new DateOutsideCalendarError(calendar.calendarId, date);
};

export const closureOn = (calendar: CalendarVersion, date: string): ClosedDay | undefined =>
  Object.prototype.hasOwnProperty.call(calendar.closedDays, date) ? calendar.closedDays[date] : undefined;

export const isInStudentYear = (calendar: CalendarVersion, date: string): boolean =>
  compareDates(date, calendar.firstStudentDay) >= 0 && compareDates(date, calendar.lastStudentDay) <= 0;

/** Summer recess: a covered date before the first or after the last student day. */
export const isSummer = (calendar: CalendarVersion, date: string): boolean => {
  requireCovered(calendar, date);
  return !isInStudentYear(calendar, date);
};

export const isSchoolDay = (calendar: CalendarVersion, date: string): boolean => {
  requireCovered(calendar, date);
  return isInStudentYear(calendar, date) && !isWeekend(date) && closureOn(calendar, date) === undefined;
};

export const isWorkingDay = (calendar: CalendarVersion, date: string): boolean => {
  requireCovered(calendar, date);
  return !isWeekend(date) && closureOn(calendar, date)?.closesOffices !== true;
};

export const isCountedDay = (calendar: CalendarVersion, date: string, dayType: DayType): boolean => {
  switch (dayType) {
    case 'school':
      return isSchoolDay(calendar, date);
    case 'working':
      return isWorkingDay(calendar, date);
    case 'calendar':
      requireCovered(calendar, date);
      return true;
  }
};

/** The day type a limit counts on `date`: its summer day type in summer when it has one, else its day type. */
export const dayTypeOn = (calendar: CalendarVersion, date: string, limit: Limit): DayType =>
  limit.summerDayType !== undefined && isSummer(calendar, date) ? limit.summerDayType : limit.dayType;

/** Student days (school days) in the version, first to last student day. */
export const studentDayCount = (calendar: CalendarVersion): number => {
  let count = 0;
  for (let date = calendar.firstStudentDay; compareDates(date, calendar.lastStudentDay) <= 0; date = addDays(date, 1)) {
    if (isSchoolDay(calendar, date)) count++;
  }
  return count;
};
