/** The rule checks calendar commands share, in the one `Check` style of `@laborcase/core`. */
import type { Either } from 'fp-ts/lib/Either.js';
import { compareDates, isIsoDate, isWeekend, reject, type Check, type DomainError } from '@laborcase/core';
import { closureOn, type CalendarVersion } from '../calendarVersion.js';
import { CalendarErrors, CalendarRules } from '../errors.js';
import type { WorkCalendarEvent } from '../events.js';

/** What deciding a calendar command yields. */
export type Decision = Either<DomainError, readonly WorkCalendarEvent[]>;

export const validDate = (field: string, value: string): Check =>
  isIsoDate(value) ? undefined : reject(CalendarErrors.invalidDate, `${field} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`, CalendarRules.validDate, field);

export const labelled = (field: string, value: string): Check =>
  value.trim().length > 0 ? undefined : reject(CalendarErrors.missingLabel, `${field} must not be blank`, CalendarRules.label, field);

export const insideYear = (calendar: Pick<CalendarVersion, 'coversFrom' | 'coversThrough' | 'schoolYear'>, field: string, date: string): Check =>
  compareDates(date, calendar.coversFrom) >= 0 && compareDates(date, calendar.coversThrough) <= 0
    ? undefined
    : reject(
        CalendarErrors.dateOutsideSchoolYear,
        `${field} ${date} is outside school year ${calendar.schoolYear} (${calendar.coversFrom}..${calendar.coversThrough})`,
        CalendarRules.insideYear,
        field,
      );

export const weekday = (field: string, date: string): Check =>
  isWeekend(date) ? reject(CalendarErrors.closureOnWeekend, `${field} ${date} is a weekend day`, CalendarRules.weekday, field) : undefined;

export const notClosed = (calendar: CalendarVersion, field: string, date: string): Check => {
  const closure = closureOn(calendar, date);
  return closure === undefined
    ? undefined
    : reject(CalendarErrors.dateAlreadyClosed, `${field} ${date} is already closed (${closure.kind}: ${closure.label})`, CalendarRules.notAlreadyClosed, field);
};

export const notABoundary = (calendar: CalendarVersion, field: string, date: string): Check =>
  date === calendar.firstStudentDay || date === calendar.lastStudentDay
    ? reject(CalendarErrors.studentDayBoundaryNotInSession, `${field} ${date} is the first or last student day; move it first`, CalendarRules.boundaryInSession, field)
    : undefined;

/** Checks over a list of `[field, value]` pairs, evaluated lazily in order. */
export const eachOf = (pairs: ReadonlyArray<readonly [string, string]>, check: (field: string, value: string) => Check): Check =>
  pairs.reduce<Check>((failure, [field, value]) => failure ?? check(field, value), undefined);
