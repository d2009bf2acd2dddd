/**
 * The deadline engine: pure functions from (anchor, limit, calendar version) to a due date.
 *
 * - "Within N days after X" excludes X: counting starts the day after the anchor.
 * - N = 0 means due on the anchor itself (nothing is counted).
 * - Each day is counted with the limit's day type, or its `summerDayType` on summer days (see calendarVersion.ts).
 * - The due date is the N-th counted day. It is not rolled forward: for calendar-day limits it may be a weekend
 *   or holiday, exactly as the contract text reads.
 * - The calendar must cover the anchor and every day counted; otherwise a `CalendarRangeExceeded` or
 *   `AnchorOutsideCalendar` error is returned rather than a guessed date.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInteger, addDays, compareDates, domainError, type DomainError } from '@laborcase/core';
import { covers, dayTypeOn, isCountedDay, type CalendarVersion } from './calendarVersion.js';
import { CalendarErrors, CalendarRules } from './errors.js';
import { Limit } from './limit.js';

/**
 * What a due date was computed from: the same anchor under the same rule gives the same date on replay.
 * A codec, so streams that schedule deadlines can carry it in their events.
 */
export const DeadlineRule = t.type({ limit: Limit, calendarId: NonEmptyString, calendarVersion: NonNegativeInteger }, 'DeadlineRule');
export type DeadlineRule = t.TypeOf<typeof DeadlineRule>;

export interface ComputedDeadline {
  readonly anchor: string;
  readonly dueOn: string;
  readonly rule: DeadlineRule;
  /** The counted days, in order; the last one is `dueOn` (empty when N = 0). */
  readonly countedDays: readonly string[];
}

const RULE = CalendarRules.deadlineCoverage;

const anchorOutside = (anchor: string, calendar: CalendarVersion): DomainError =>
  domainError(CalendarErrors.anchorOutsideCalendar, `anchor ${anchor} is outside calendar ${calendar.calendarId} (${calendar.coversFrom}..${calendar.coversThrough})`, {
    rule: RULE,
    field: 'anchor',
    details: { calendarId: calendar.calendarId, calendarVersion: calendar.version, anchor },
  });

const rangeExceeded = (anchor: string, limit: Limit, calendar: CalendarVersion, counted: number): DomainError =>
  domainError(
    CalendarErrors.calendarRangeExceeded,
    `${limit.n} ${limit.dayType} days after ${anchor} run past ${calendar.coversThrough}, the end of calendar ${calendar.calendarId} (${counted} counted by then)`,
    { rule: RULE, field: 'limit', details: { calendarId: calendar.calendarId, calendarVersion: calendar.version, anchor, counted } },
  );

const invalidLimit = (limit: Limit): DomainError | undefined =>
  Limit.is(limit)
    ? undefined
    : domainError(CalendarErrors.invalidLimit, `not a time limit: ${JSON.stringify(limit)}`, { rule: CalendarRules.limitShape, field: 'limit' });

const ruleOf = (limit: Limit, calendar: CalendarVersion): DeadlineRule => ({ limit, calendarId: calendar.calendarId, calendarVersion: calendar.version });

export const dueDate = (anchor: string, limit: Limit, calendar: CalendarVersion): Either<DomainError, ComputedDeadline> => {
  const badLimit = invalidLimit(limit);
  if (badLimit !== undefined) return left(badLimit);
  if (!covers(calendar, anchor)) return left(anchorOutside(anchor, calendar));
  const countedDays: string[] = [];
  let date = anchor;
  while (countedDays.length < limit.n) {
    date = addDays(date, 1);
    if (!covers(calendar, date)) return left(rangeExceeded(anchor, limit, calendar, countedDays.length));
    if (isCountedDay(calendar, date, dayTypeOn(calendar, date, limit))) countedDays.push(date);
  }
  return right({ anchor, dueOn: date, rule: ruleOf(limit, calendar), countedDays });
};

/**
 * Whether an act on `actedOn` meets "within N days after `anchor`", i.e. `actedOn` ≤ the due date.
 * Decided by counting only up to the day before `actedOn`, so a timely act is recognised even when the full
 * deadline would run past the calendar's end.
 */
export const isTimely = (anchor: string, limit: Limit, calendar: CalendarVersion, actedOn: string): Either<DomainError, boolean> => {
  const badLimit = invalidLimit(limit);
  if (badLimit !== undefined) return left(badLimit);
  if (!covers(calendar, anchor)) return left(anchorOutside(anchor, calendar));
  if (compareDates(actedOn, anchor) <= 0) return right(true);
  // A zero-day limit falls due on the anchor itself, so any later act is late, whatever the calendar covers.
  if (limit.n === 0) return right(false);
  let counted = 0;
  for (let date = addDays(anchor, 1); compareDates(date, actedOn) < 0; date = addDays(date, 1)) {
    if (!covers(calendar, date)) return left(rangeExceeded(anchor, limit, calendar, counted));
    if (isCountedDay(calendar, date, dayTypeOn(calendar, date, limit))) counted++;
    if (counted >= limit.n) return right(false);
  }
  return right(counted < limit.n);
};
