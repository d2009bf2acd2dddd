/** Scheduling deadlines as events, with the engine's rule recorded so a replay needs no calendar. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { GrievanceStep } from '../agreement/procedure.js';
import { covers, dayTypeOn, isCountedDay, type CalendarVersion } from '../calendar/calendarVersion.js';
import { dueDate } from '../calendar/deadline.js';
import type { Limit } from '../calendar/limit.js';
import { addDays, compareDates, domainError, type DomainError } from '@laborcase/core';
import type { DeadlineKind, DeadlineParty, GrievanceEventOf } from './events.js';
import { deadlineIdFor } from './state.js';

export type DeadlineScheduledEvent = GrievanceEventOf<'DeadlineScheduled'>;

export const scheduleDeadline = (
  grievanceId: string,
  stepId: string,
  kind: DeadlineKind,
  party: DeadlineParty,
  anchor: string,
  limit: Limit,
  calendar: CalendarVersion,
): Either<DomainError, DeadlineScheduledEvent> => {
  const computed = dueDate(anchor, limit, calendar);
  if (computed._tag === 'Left') return computed;
  return right({
    type: 'DeadlineScheduled',
    data: { deadlineId: deadlineIdFor(grievanceId, stepId, kind), kind, party, stepId, anchor, dueOn: computed.right.dueOn, rule: computed.right.rule },
  });
};

/**
 * What a step owes once it is entered (filed at, or appealed to) on `enteredOn`: the meeting when the step
 * has one (the answer is then counted from the meeting), otherwise the answer.
 */
export const entryDeadline = (grievanceId: string, step: GrievanceStep, enteredOn: string, calendar: CalendarVersion) =>
  step.meetWithin !== undefined
    ? scheduleDeadline(grievanceId, step.id, 'meet', 'management', enteredOn, step.meetWithin, calendar)
    : scheduleDeadline(grievanceId, step.id, 'answer', 'management', enteredOn, step.answerWithin, calendar);

/**
 * Days the limit still had when its clock stopped: counted days after `tolledOn` up to and including `dueOn`,
 * under the limit's day type on `calendar`.
 */
export const daysLeft = (limit: Limit, tolledOn: string, dueOn: string, calendar: CalendarVersion): Either<DomainError, number> => {
  let count = 0;
  for (let date = addDays(tolledOn, 1); compareDates(date, dueOn) <= 0; date = addDays(date, 1)) {
    if (!covers(calendar, date)) {
      return left(
        domainError('CalendarRangeExceeded', `calendar ${calendar.calendarId} v${calendar.version} does not cover ${date}`, {
          rule: 'Deadline engine: the calendar version must cover the anchor and every counted day',
          field: 'calendar',
        }),
      );
    }
    if (isCountedDay(calendar, date, dayTypeOn(calendar, date, limit))) count++;
  }
  return right(count);
};
