import type { Either } from 'fp-ts/lib/Either.js';
import { isIsoDate, compareDates, isWeekend, domainError, type DomainError } from '@laborcase/core';
import { closureOn, type CalendarVersion } from './calendarVersion.js';
import type { WorkCalendarEvent } from './events.js';

/** What deciding a calendar command yields. */
export type Decision = Either<DomainError, readonly WorkCalendarEvent[]>;

/** A failed check, or undefined when the check passes. */
export type Check = DomainError | undefined;

/** The invariants a calendar command can break, named in every rejection's `rule`. */
export const RULE = {
  adoptOnce: 'WorkCalendar: a calendar is adopted once per district and school year',
  adoptedFirst: 'WorkCalendar: changes need an adopted calendar',
  schoolYear: 'WorkCalendar: school year is YYYY-YY and covers July 1 through June 30',
  districtId: 'WorkCalendar: district id is a lower-case slug (it names the stream)',
  validDate: 'WorkCalendar: dates are YYYY-MM-DD',
  label: 'WorkCalendar: every closure, break and change has a label or reason',
  insideYear: 'WorkCalendar: dates lie inside the school year',
  studentDayOrder: 'WorkCalendar: first student day ≤ last student day',
  boundaryInSession: 'WorkCalendar: the first and last student days are school days',
  breakOrder: 'WorkCalendar: a break starts on or before its last day',
  weekday: 'WorkCalendar: a closed date is a weekday',
  oneClosurePerDate: 'WorkCalendar: a date is closed once (a holiday may fall inside a break)',
  notAlreadyClosed: 'WorkCalendar: an emergency closure or added closure falls on a day that is open',
  closedToReopen: 'WorkCalendar: only a closed date can be reopened',
  rescindEmergencyOnly: 'WorkCalendar: emergency closures are corrected by rescinding, not by amendment',
  emergencyToRescind: 'WorkCalendar: only a declared emergency closure can be rescinded',
  nonEmptyAmendment: 'WorkCalendar: an amendment changes something',
} as const;

export const DISTRICT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const firstProblem = (...checks: ReadonlyArray<() => Check>): Check => {
  for (const check of checks) {
    const problem = check();
    if (problem !== undefined) return problem;
  }
  return undefined;
};

export const invalidDate = (field: string, value: string): Check =>
  isIsoDate(value) ? undefined : domainError('InvalidDate', `${field} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`, { rule: RULE.validDate, field });

export const missingLabel = (field: string, value: string): Check =>
  value.trim().length > 0 ? undefined : domainError('MissingLabel', `${field} must not be blank`, { rule: RULE.label, field });

export const insideYear = (calendar: Pick<CalendarVersion, 'coversFrom' | 'coversThrough' | 'schoolYear'>, field: string, date: string): Check =>
  compareDates(date, calendar.coversFrom) >= 0 && compareDates(date, calendar.coversThrough) <= 0
    ? undefined
    : domainError('DateOutsideSchoolYear', `${field} ${date} is outside school year ${calendar.schoolYear} (${calendar.coversFrom}..${calendar.coversThrough})`, {
        rule: RULE.insideYear,
        field,
      });

export const weekday = (field: string, date: string): Check =>
  isWeekend(date) ? domainError('ClosureOnWeekend', `${field} ${date} is a weekend day`, { rule: RULE.weekday, field }) : undefined;

export const notClosed = (calendar: CalendarVersion, field: string, date: string): Check => {
  const closure = closureOn(calendar, date);
  return closure === undefined
    ? undefined
    : domainError('DateAlreadyClosed', `${field} ${date} is already closed (${closure.kind}: ${closure.label})`, { rule: RULE.notAlreadyClosed, field });
};

export const notABoundary = (calendar: CalendarVersion, field: string, date: string): Check =>
  date === calendar.firstStudentDay || date === calendar.lastStudentDay
    ? domainError('StudentDayBoundaryNotInSession', `${field} ${date} is the first or last student day; move it first`, { rule: RULE.boundaryInSession, field })
    : undefined;

