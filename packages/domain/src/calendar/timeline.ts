/**
 * A district calendar timeline: the consecutive school-year calendars of one district, joined at July 1. Each
 * school year keeps its own stream and versions; the timeline only says which version of each the deadline
 * engine counts on, and which years are not adopted yet.
 *
 * Every day is judged by the year that covers it. Summer is therefore per year: the days after one year's last
 * student day belong to that year's calendar (through June 30), the days before the next year's first student
 * day to the next one, so a limit's `summerDayType` applies across the join without any stitching.
 *
 * A year with no adopted calendar is counted under the fallback: Monday–Friday minus US federal holidays, every
 * day a summer day (no student days are assumed). Deadlines that needed such a day are provisional.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { compareDates, domainError, isWeekend, type DomainError } from '@laborcase/core';
import { dayTypeOn, isCountedDay, schoolYearCoverage, type CalendarVersion } from './calendarVersion.js';
import { CalendarErrors, CalendarRules } from './errors.js';
import { isUsFederalHoliday } from './federalHolidays.js';
import type { Limit } from './limit.js';
import { calendarStreamId } from './streamId.js';

/** The fallback's name, as a provisional deadline's rule records it. */
export const FALLBACK_CALENDAR = 'weekdays-minus-us-federal-holidays';
export type FallbackCalendar = typeof FALLBACK_CALENDAR;

export interface TimelineYear {
  readonly schoolYear: string;
  /** The year's calendar stream id, adopted or not: `calendar-ecps-2026-27`. */
  readonly calendarId: string;
  readonly coversFrom: string;
  readonly coversThrough: string;
  /** The version counted on; absent while the year's calendar is not adopted (the fallback applies). */
  readonly calendar?: CalendarVersion;
}

export interface CalendarTimeline {
  readonly kind: 'timeline';
  readonly districtId: string;
  /** Consecutive school years, earliest first. */
  readonly years: readonly TimelineYear[];
}

/** What the deadline engine counts on: one calendar version, or a timeline of several school years. */
export type DeadlineCalendar = CalendarVersion | CalendarTimeline;

export interface TimelineEntry {
  readonly schoolYear: string;
  readonly calendar?: CalendarVersion;
}

const invalid = (message: string, field: string): Either<DomainError, never> =>
  left(domainError(CalendarErrors.invalidTimeline, message, { rule: CalendarRules.timeline, field }));

/**
 * A timeline of `entries` (consecutive school years, earliest first; a calendar, when given, of that district
 * and year), or `Left InvalidTimeline` naming the offending entry.
 */
export const calendarTimeline = (districtId: string, entries: readonly TimelineEntry[]): Either<DomainError, CalendarTimeline> => {
  if (entries.length === 0) return invalid('a timeline holds at least one school year', 'years');
  const years: TimelineYear[] = [];
  for (const [index, { schoolYear, calendar }] of entries.entries()) {
    const coverage = schoolYearCoverage(schoolYear);
    if (coverage === undefined) return invalid(`not a school year: ${JSON.stringify(schoolYear)}`, `years.${index}.schoolYear`);
    const previous = years[years.length - 1];
    // Coverage ends on June 30, so the next year directly follows when it starts on July 1 of that year.
    if (previous !== undefined && coverage.from !== `${previous.coversThrough.slice(0, 4)}-07-01`) {
      return invalid(`${schoolYear} does not directly follow ${previous.schoolYear}`, `years.${index}.schoolYear`);
    }
    if (calendar !== undefined && (calendar.districtId !== districtId || calendar.schoolYear !== schoolYear)) {
      return invalid(`calendar ${calendar.calendarId} is not ${districtId}'s calendar for ${schoolYear}`, `years.${index}.calendar`);
    }
    years.push({ schoolYear, calendarId: calendarStreamId(districtId, schoolYear), coversFrom: coverage.from, coversThrough: coverage.through, ...(calendar !== undefined ? { calendar } : {}) });
  }
  return right({ kind: 'timeline', districtId, years });
};

/** The school year `by` years after `schoolYear` (before it when negative): `shiftSchoolYear('2025-26', 1)` is `2026-27`. */
export const shiftSchoolYear = (schoolYear: string, by: number): string => {
  const start = Number(schoolYear.slice(0, 4)) + by;
  return `${String(start).padStart(4, '0')}-${String((start + 1) % 100).padStart(2, '0')}`;
};

/** The school years from `first` through `last`, both included (empty when `last` is before `first`). */
export const schoolYearsFromTo = (first: string, last: string): readonly string[] => {
  const count = Number(last.slice(0, 4)) - Number(first.slice(0, 4)) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, i) => shiftSchoolYear(first, i));
};

/** The one-year timeline of a single calendar version. */
export const timelineOfCalendar = (calendar: CalendarVersion): CalendarTimeline => ({
  kind: 'timeline',
  districtId: calendar.districtId,
  years: [{ schoolYear: calendar.schoolYear, calendarId: calendar.calendarId, coversFrom: calendar.coversFrom, coversThrough: calendar.coversThrough, calendar }],
});

export const asTimeline = (on: DeadlineCalendar): CalendarTimeline => ('kind' in on && on.kind === 'timeline' ? on : timelineOfCalendar(on as CalendarVersion));

/** The timeline with `calendar` counted for its school year; unchanged if the timeline does not hold that year. */
export const withCalendar = (timeline: CalendarTimeline, calendar: CalendarVersion): CalendarTimeline => ({
  ...timeline,
  years: timeline.years.map((year) => (year.calendarId === calendar.calendarId ? { ...year, calendar } : year)),
});

export const yearCovering = (timeline: CalendarTimeline, date: string): TimelineYear | undefined =>
  timeline.years.find((year) => compareDates(date, year.coversFrom) >= 0 && compareDates(date, year.coversThrough) <= 0);

/** Whether `limit` counts `date`, a day of `year`: on the year's calendar, or under the fallback. */
export const isCountedIn = (year: TimelineYear, date: string, limit: Limit): boolean => {
  if (year.calendar !== undefined) return isCountedDay(year.calendar, date, dayTypeOn(year.calendar, date, limit));
  switch (limit.summerDayType ?? limit.dayType) {
    case 'school':
      return false;
    case 'working':
      return !isWeekend(date) && !isUsFederalHoliday(date);
    case 'calendar':
      return true;
  }
};
