/**
 * Business-date arithmetic on YYYY-MM-DD strings. Dates are days, not instants: no time zone, no clock.
 * Internally a date is its day number (days since 1970-01-01, UTC), which makes counting exact.
 */
import { isIsoDate } from '../codecs/primitives.js';

const MS_PER_DAY = 86_400_000;

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';
const WEEKDAYS: readonly Weekday[] = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];

export const toDayNumber = (date: string): number => {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const day = new Date(0);
  day.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return day.getTime() / MS_PER_DAY;
};

export const fromDayNumber = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromDayNumber(toDayNumber(date) + days);

/** Calendar days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => toDayNumber(to) - toDayNumber(from);

export const compareDates = (a: string, b: string): -1 | 0 | 1 => (a === b ? 0 : a < b ? -1 : 1);

export const weekdayOf = (date: string): Weekday => WEEKDAYS[((toDayNumber(date) % 7) + 7) % 7] as Weekday;

export const isWeekend = (date: string): boolean => {
  const day = weekdayOf(date);
  return day === 'Sat' || day === 'Sun';
};

/** Every date from `first` to `last`, both included. */
export const eachDate = (first: string, last: string): string[] => {
  const out: string[] = [];
  for (let d = toDayNumber(first), end = toDayNumber(last); d <= end; d++) out.push(fromDayNumber(d));
  return out;
};

/** Local business date of an instant in an IANA time zone (for turning a clock reading into `effectiveOn`). */
export const dateInZone = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
