/** Scheduling deadlines as events, with the engine's rule recorded so a replay needs no calendar. */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { addDays, compareDates, domainError, type DomainError } from '@laborcase/core';
import { covers, dayTypeOn, dueDate, isCountedDay, type CalendarVersion } from '../calendar/index.js';
import { GrievanceErrors as E } from './errors.js';
import type { DeadlineKind, DeadlineParty, GrievanceEventOf } from './events.js';
import { toDeadlineRuleSnapshot, type LimitSnapshot, type ProcedureStep } from './procedureSnapshot.js';
import { deadlineIdFor } from './state.js';

export type DeadlineScheduledEvent = GrievanceEventOf<'DeadlineScheduled'>;

export const scheduleDeadline = (
  grievanceId: string,
  stepId: string,
  kind: DeadlineKind,
  party: DeadlineParty,
  anchor: string,
  limit: LimitSnapshot,
  calendar: CalendarVersion,
): Either<DomainError, DeadlineScheduledEvent> => {
  const computed = dueDate(anchor, limit, calendar);
  if (isLeft(computed)) return computed;
  const rule = toDeadlineRuleSnapshot(computed.right.rule);
  if (isLeft(rule)) return rule;
  return right({
    type: 'DeadlineScheduled',
    data: { deadlineId: deadlineIdFor(grievanceId, stepId, kind), kind, party, stepId, anchor, dueOn: computed.right.dueOn, rule: rule.right },
  });
};

/**
 * What a step owes once it is entered (filed at, or appealed to) on `enteredOn`: the meeting when the step
 * has one (the answer is then counted from the meeting), otherwise the answer.
 */
export const entryDeadline = (grievanceId: string, step: ProcedureStep, enteredOn: string, calendar: CalendarVersion) =>
  step.meetWithin !== undefined
    ? scheduleDeadline(grievanceId, step.id, 'meet', 'management', enteredOn, step.meetWithin, calendar)
    : scheduleDeadline(grievanceId, step.id, 'answer', 'management', enteredOn, step.answerWithin, calendar);

/**
 * Days the limit still had when its clock stopped: counted days after `tolledOn` up to and including `dueOn`,
 * under the limit's day type on `calendar`.
 */
export const daysLeft = (limit: LimitSnapshot, tolledOn: string, dueOn: string, calendar: CalendarVersion): Either<DomainError, number> => {
  let count = 0;
  for (let date = addDays(tolledOn, 1); compareDates(date, dueOn) <= 0; date = addDays(date, 1)) {
    if (!covers(calendar, date)) {
      return left(
        domainError(E.calendarRangeExceeded, `calendar ${calendar.calendarId} v${calendar.version} does not cover ${date}`, {
          rule: 'Deadline engine: the calendar version must cover the anchor and every counted day',
          field: 'calendar',
        }),
      );
    }
    if (isCountedDay(calendar, date, dayTypeOn(calendar, date, limit))) count++;
  }
  return right(count);
};
