/**
 * The deadline engine: pure functions from (anchor, limit, calendar version or district timeline) to a due date.
 *
 * - "Within N days after X" excludes X: counting starts the day after the anchor.
 * - N = 0 means due on the anchor itself (nothing is counted; the rule names the anchor's calendar).
 * - Each day is judged by the school year's calendar that covers it (timeline.ts), with the limit's day type, or
 *   its `summerDayType` on summer days (see calendarVersion.ts); a year not adopted yet counts under the fallback
 *   and makes the deadline provisional.
 * - The due date is the N-th counted day. It is not rolled forward: for calendar-day limits it may be a weekend
 *   or holiday, exactly as the contract text reads.
 * - The timeline must cover the anchor and every day counted; otherwise a `CalendarRangeExceeded` or
 *   `AnchorOutsideCalendar` error is returned rather than a guessed date.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInteger, addDays, compareDates, domainError, type DomainError } from '@laborcase/core';
import { CalendarErrors, CalendarRules } from './errors.js';
import { Limit } from './limit.js';
import { FALLBACK_CALENDAR, asTimeline, isCountedIn, yearCovering, type CalendarTimeline, type DeadlineCalendar, type TimelineYear } from './timeline.js';

/** One calendar a count used: its stream id and version; version 0 = not adopted, counted under the fallback. */
export const CalendarRef = t.type({ calendarId: NonEmptyString, calendarVersion: NonNegativeInteger }, 'CalendarRef');
export type CalendarRef = t.TypeOf<typeof CalendarRef>;

/**
 * What a due date was computed from: the same anchor under the same rule gives the same date on replay.
 * A count on one adopted calendar is `{ limit, calendarId, calendarVersion }`. A count that used several
 * school years, or the fallback, also names `calendars` (every one used, in date order; `calendarId` and
 * `calendarVersion` repeat the first), and a fallback count adds `provisional: true` and the `fallback` used.
 * A codec, so streams that schedule deadlines can carry it in their events.
 */
export const DeadlineRule = t.intersection(
  [
    t.type({ limit: Limit, calendarId: NonEmptyString, calendarVersion: NonNegativeInteger }),
    t.partial({ calendars: t.readonlyArray(CalendarRef), provisional: t.literal(true), fallback: t.literal(FALLBACK_CALENDAR) }),
  ],
  'DeadlineRule',
);
export type DeadlineRule = t.TypeOf<typeof DeadlineRule>;

export interface ComputedDeadline {
  readonly anchor: string;
  readonly dueOn: string;
  readonly rule: DeadlineRule;
  /** The counted days, in order; the last one is `dueOn` (empty when N = 0). */
  readonly countedDays: readonly string[];
}

const RULE = CalendarRules.deadlineCoverage;

const refOf = (year: TimelineYear): CalendarRef => ({ calendarId: year.calendarId, calendarVersion: year.calendar?.version ?? 0 });

const span = (timeline: CalendarTimeline): string => {
  const first = timeline.years[0]!;
  const last = timeline.years[timeline.years.length - 1]!;
  const name = first === last ? `calendar ${first.calendarId}` : `calendars ${first.calendarId}..${last.calendarId}`;
  return `${name} (${first.coversFrom}..${last.coversThrough})`;
};

const anchorOutside = (anchor: string, timeline: CalendarTimeline): DomainError => {
  const first = refOf(timeline.years[0]!);
  return domainError(CalendarErrors.anchorOutsideCalendar, `anchor ${anchor} is outside ${span(timeline)}`, {
    rule: RULE,
    field: 'anchor',
    details: { ...first, anchor },
  });
};

const rangeExceeded = (anchor: string, limit: Limit, timeline: CalendarTimeline, counted: number): DomainError => {
  const last = timeline.years[timeline.years.length - 1]!;
  return domainError(
    CalendarErrors.calendarRangeExceeded,
    `${limit.n} ${limit.dayType} days after ${anchor} run past ${last.coversThrough}, the end of ${span(timeline)} (${counted} counted by then)`,
    { rule: RULE, field: 'limit', details: { ...refOf(last), anchor, counted } },
  );
};

const invalidLimit = (limit: Limit): DomainError | undefined =>
  Limit.is(limit)
    ? undefined
    : domainError(CalendarErrors.invalidLimit, `not a time limit: ${JSON.stringify(limit)}`, { rule: CalendarRules.limitShape, field: 'limit' });

/** The rule of a count that judged days in `years` (in date order, each once). */
const ruleOf = (limit: Limit, years: readonly TimelineYear[]): DeadlineRule => {
  const calendars = years.map(refOf);
  const first = calendars[0]!;
  const provisional = years.some((year) => year.calendar === undefined);
  if (calendars.length === 1 && !provisional) return { limit, ...first };
  return { limit, ...first, calendars, ...(provisional ? { provisional: true as const, fallback: FALLBACK_CALENDAR } : {}) };
};

interface Walked {
  readonly counted: readonly string[];
  /** The school years whose days were judged, in date order. */
  readonly years: readonly TimelineYear[];
  readonly last: string;
}

/**
 * Judges the days after `anchor` in order until `done` says stop (given the counted days and the next date),
 * or `Left` when a day lies outside the timeline.
 */
const walk = (
  anchor: string,
  limit: Limit,
  timeline: CalendarTimeline,
  done: (counted: number, next: string) => boolean,
): Either<DomainError, Walked> => {
  const counted: string[] = [];
  const years: TimelineYear[] = [];
  let date = anchor;
  while (!done(counted.length, addDays(date, 1))) {
    date = addDays(date, 1);
    const year = yearCovering(timeline, date);
    if (year === undefined) return left(rangeExceeded(anchor, limit, timeline, counted.length));
    if (years[years.length - 1] !== year) years.push(year);
    if (isCountedIn(year, date, limit)) counted.push(date);
  }
  return right({ counted, years, last: date });
};

/** Checks the limit and the anchor, and gives the timeline and the anchor's school year. */
const start = (anchor: string, limit: Limit, on: DeadlineCalendar): Either<DomainError, { timeline: CalendarTimeline; anchorYear: TimelineYear }> => {
  const badLimit = invalidLimit(limit);
  if (badLimit !== undefined) return left(badLimit);
  const timeline = asTimeline(on);
  const anchorYear = yearCovering(timeline, anchor);
  return anchorYear === undefined ? left(anchorOutside(anchor, timeline)) : right({ timeline, anchorYear });
};

export const dueDate = (anchor: string, limit: Limit, on: DeadlineCalendar): Either<DomainError, ComputedDeadline> => {
  const started = start(anchor, limit, on);
  if (isLeft(started)) return started;
  const { timeline, anchorYear } = started.right;
  const walked = walk(anchor, limit, timeline, (counted) => counted >= limit.n);
  if (isLeft(walked)) return walked;
  const { counted, years, last } = walked.right;
  return right({ anchor, dueOn: last, rule: ruleOf(limit, years.length > 0 ? years : [anchorYear]), countedDays: counted });
};

/**
 * Whether an act on `actedOn` meets "within N days after `anchor`", i.e. `actedOn` ≤ the due date.
 * Decided by counting only up to the day before `actedOn`, so a timely act is recognised even when the full
 * deadline would run past the timeline's end.
 */
export const isTimely = (anchor: string, limit: Limit, on: DeadlineCalendar, actedOn: string): Either<DomainError, boolean> => {
  const started = start(anchor, limit, on);
  if (isLeft(started)) return started;
  if (compareDates(actedOn, anchor) <= 0) return right(true);
  // A zero-day limit falls due on the anchor itself, so any later act is late, whatever the calendar covers.
  if (limit.n === 0) return right(false);
  const walked = walk(anchor, limit, started.right.timeline, (counted, next) => counted >= limit.n || compareDates(next, actedOn) >= 0);
  return isLeft(walked) ? walked : right(walked.right.counted.length < limit.n);
};

/**
 * The days `limit` counts after `from` up to and including `to` (0 when `to` is not after `from`): contract
 * days elapsed, for time-to-resolution and for the days a tolled deadline had left.
 */
export const countedDaysBetween = (from: string, to: string, limit: Limit, on: DeadlineCalendar): Either<DomainError, number> => {
  const started = start(from, limit, on);
  if (isLeft(started)) return started;
  const walked = walk(from, limit, started.right.timeline, (_, next) => compareDates(next, to) > 0);
  return isLeft(walked) ? walked : right(walked.right.counted.length);
};
