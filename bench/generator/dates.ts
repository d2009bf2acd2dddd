/** Date helpers for the generator's plans (business dates, YYYY-MM-DD), on top of core's date arithmetic. */
import { addDays, isWeekend, weekdayOf, type Weekday } from '@laborcase/core';

const ORDER: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayIndex = (date: string): number => ORDER.indexOf(weekdayOf(date));

export const pad2 = (n: number): string => String(n).padStart(2, '0');
export const dateOf = (year: number, month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`;

/** The `n`th (1-based) `weekday` of a month; `n = -1` for the last one. */
export const nthWeekday = (year: number, month: number, weekday: Weekday, n: number): string => {
  const target = ORDER.indexOf(weekday);
  if (n > 0) {
    const first = dateOf(year, month, 1);
    return addDays(first, ((target - dayIndex(first) + 7) % 7) + 7 * (n - 1));
  }
  const last = addDays(dateOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return addDays(last, -((dayIndex(last) - target + 7) % 7));
};

/** The first `weekday` on or after `date`. */
export const onOrAfter = (date: string, weekday: Weekday): string => addDays(date, (ORDER.indexOf(weekday) - dayIndex(date) + 7) % 7);

/** A fixed-date holiday as observed: Saturday moves to Friday, Sunday to Monday. */
export const observed = (date: string): string => {
  const day = weekdayOf(date);
  return day === 'Sat' ? addDays(date, -1) : day === 'Sun' ? addDays(date, 1) : date;
};

/** `date` if it is a weekday, else the Monday after. */
export const weekdayOnOrAfter = (date: string): string => (isWeekend(date) ? onOrAfter(date, 'Mon') : date);

/** The weekday `n` weekdays after `date` (weekends skipped, holidays not known here). */
export const addWeekdays = (date: string, n: number): string => {
  let current = date;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left--;
  }
  return current;
};

export const later = (a: string, b: string): string => (a > b ? a : b);
export const earlier = (a: string, b: string): string => (a < b ? a : b);
