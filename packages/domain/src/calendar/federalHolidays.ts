/**
 * US federal holidays as observed by federal offices (5 U.S.C. 6103): the fallback calendar a provisional
 * deadline counts on while a school year's own calendar is not adopted. A holiday on a Saturday is observed the
 * Friday before, one on a Sunday the Monday after (so New Year's Day can be observed on December 31).
 */
import { addDays, weekdayOf, type Weekday } from '@laborcase/core';

const pad = (n: number): string => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number): string => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

const WEEKDAY_INDEX: Readonly<Record<Weekday, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The `nth` (1-based) `weekday` of a month, or its last one when `nth` is 'last'. */
const nthWeekday = (year: number, month: number, weekday: Weekday, nth: number | 'last'): string => {
  if (nth === 'last') {
    const next = month === 12 ? dateOf(year + 1, 1, 1) : dateOf(year, month + 1, 1);
    const last = addDays(next, -1);
    return addDays(last, -((WEEKDAY_INDEX[weekdayOf(last)] - WEEKDAY_INDEX[weekday] + 7) % 7));
  }
  const first = dateOf(year, month, 1);
  return addDays(first, ((WEEKDAY_INDEX[weekday] - WEEKDAY_INDEX[weekdayOf(first)] + 7) % 7) + 7 * (nth - 1));
};

const observed = (date: string): string => {
  const day = weekdayOf(date);
  return day === 'Sat' ? addDays(date, -1) : day === 'Sun' ? addDays(date, 1) : date;
};

/** The observed federal holidays whose actual date falls in `year`, in date order. */
export const usFederalHolidays = (year: number): readonly string[] =>
  [
    observed(dateOf(year, 1, 1)), // New Year's Day
    nthWeekday(year, 1, 'Mon', 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 2, 'Mon', 3), // Washington's Birthday
    nthWeekday(year, 5, 'Mon', 'last'), // Memorial Day
    observed(dateOf(year, 6, 19)), // Juneteenth National Independence Day
    observed(dateOf(year, 7, 4)), // Independence Day
    nthWeekday(year, 9, 'Mon', 1), // Labor Day
    nthWeekday(year, 10, 'Mon', 2), // Columbus Day
    observed(dateOf(year, 11, 11)), // Veterans Day
    nthWeekday(year, 11, 'Thu', 4), // Thanksgiving Day
    observed(dateOf(year, 12, 25)), // Christmas Day
  ].sort();

const cache = new Map<number, ReadonlySet<string>>();

const observedAround = (year: number): ReadonlySet<string> => {
  let set = cache.get(year);
  if (set === undefined) {
    // Next year's New Year's Day may be observed on this year's December 31.
    set = new Set([...usFederalHolidays(year), ...usFederalHolidays(year + 1)].filter((d) => d.startsWith(`${String(year).padStart(4, '0')}-`)));
    cache.set(year, set);
  }
  return set;
};

/** Whether federal offices are closed for a holiday on `date` (YYYY-MM-DD). */
export const isUsFederalHoliday = (date: string): boolean => observedAround(Number(date.slice(0, 4))).has(date);
