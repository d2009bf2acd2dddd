/** Scheduling deadlines as events, with the engine's rule recorded so a replay needs no calendar. */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '@laborcase/core';
import { countedDaysBetween, dueDate, type DeadlineCalendar } from '../calendar/index.js';
import type { DeadlineKind, DeadlineParty, GrievanceEventOf } from './events.js';
import { toDeadlineRuleSnapshot, type LimitSnapshot, type ProcedureStep } from './procedureSnapshot.js';
import { deadlineIdFor, type TrackedDeadline } from './state.js';

export type DeadlineScheduledEvent = GrievanceEventOf<'DeadlineScheduled'>;

export const scheduleDeadline = (
  grievanceId: string,
  stepId: string,
  kind: DeadlineKind,
  party: DeadlineParty,
  anchor: string,
  limit: LimitSnapshot,
  calendar: DeadlineCalendar,
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
export const entryDeadline = (grievanceId: string, step: ProcedureStep, enteredOn: string, calendar: DeadlineCalendar) =>
  step.meetWithin !== undefined
    ? scheduleDeadline(grievanceId, step.id, 'meet', 'management', enteredOn, step.meetWithin, calendar)
    : scheduleDeadline(grievanceId, step.id, 'answer', 'management', enteredOn, step.answerWithin, calendar);

/**
 * Days the limit still had when its clock stopped: counted days after `tolledOn` up to and including `dueOn`,
 * under the limit's day type on `calendar` (a timeline when the count crosses school years).
 */
export const daysLeft = (limit: LimitSnapshot, tolledOn: string, dueOn: string, calendar: DeadlineCalendar): Either<DomainError, number> =>
  countedDaysBetween(tolledOn, dueOn, limit, calendar);

/**
 * The due date an act or a lapse is judged against: the recorded one, except that a provisional deadline
 * (counted under the fallback) is recounted on the timeline the command brings and is due on the later of the
 * two dates, so a fallback count never costs a party a day the adopted calendar gives it (and the process
 * manager, not a command, moves a due date earlier).
 */
export const dueOnAsCounted = (deadline: TrackedDeadline, calendar: DeadlineCalendar): string => {
  if (deadline.rule.provisional !== true || deadline.extended) return deadline.dueOn;
  const recounted = dueDate(deadline.anchor, deadline.rule.limit, calendar);
  return isLeft(recounted) || recounted.right.dueOn < deadline.dueOn ? deadline.dueOn : recounted.right.dueOn;
};
