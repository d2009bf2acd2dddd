import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import type { Limit } from '../calendar/limit.js';
import type { RecalculateDeadline } from '../calendar/recalculation.js';
import type { DomainError } from '@laborcase/core';
import type { AgreeExtension, PlaceInAbeyance, RecordDeadlineLapse, ResumeGrievance } from './commands.js';
import { daysLeft, scheduleDeadline } from './deadlines.js';
import { afterAnswer } from './decideSteps.js';
import { closed, lifecycleGate, NONE, type Decision } from './decision.js';
import type { GrievanceEvent } from './events.js';
import { GrievanceErrors as E, GrievanceRules as R, firstFailure, reject, requireDate, requireNotBefore, requireText } from './rules.js';
import { grievanceStreamId } from './streamId.js';
import { findDeadline, type FiledGrievance, type TrackedDeadline } from './state.js';

const sameLimit = (a: Limit, b: Limit): boolean => a.n === b.n && a.dayType === b.dayType && a.summerDayType === b.summerDayType;

const knownDeadline = (state: FiledGrievance, deadlineId: string): Either<DomainError, TrackedDeadline> => {
  const deadline = findDeadline(state, deadlineId);
  return deadline === undefined
    ? reject(E.unknownDeadline, `grievance ${state.grievanceId} has no deadline "${deadlineId}"`, R.lapse, 'deadlineId')
    : right(deadline);
};

/** The consequence of the grievant side missing the deadline to take the case further (domain.md §1.4). */
const grievantLapse = (state: FiledGrievance, deadline: TrackedDeadline, asOf: string): readonly GrievanceEvent[] => {
  const last = state.lastAnswer;
  if (state.procedure.onGrievantLapse === 'settledOnLastAnswer' && last !== undefined) {
    return [
      { type: 'GrievanceDeemedSettledOnLastAnswer', data: { deadlineId: deadline.deadlineId, deemedOn: asOf, stepId: last.stepId, disposition: last.disposition } },
      closed(state, asOf, 'settledOnLastAnswer'),
    ];
  }
  // Waived by the contract, or there is no answer the grievance could be settled on.
  return [{ type: 'GrievanceDeemedWaived', data: { deadlineId: deadline.deadlineId, deemedOn: asOf } }, closed(state, asOf, 'waived')];
};

/** A deadline scheduled while the grievance is in abeyance stops at once, unless it was already past when the abeyance began. */
const tolledIfInAbeyance = (state: FiledGrievance, scheduled: readonly GrievanceEvent[]): readonly GrievanceEvent[] => {
  const since = state.abeyanceSince;
  if (state.status !== 'inAbeyance' || since === undefined) return [];
  return scheduled.flatMap((e): GrievanceEvent[] =>
    e.type === 'DeadlineScheduled' && e.data.dueOn >= since ? [{ type: 'DeadlineTolled', data: { deadlineId: e.data.deadlineId, tolledOn: since, dueOn: e.data.dueOn } }] : [],
  );
};

export const decideLapse = (command: RecordDeadlineLapse, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.asOf, 'asOf');
  if (invalid !== undefined) return invalid;
  const found = knownDeadline(state, command.deadlineId);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.status === 'missed') return NONE; // the scheduler retried: already recorded
  // Abeyance tolls only what was still running: a deadline already past when it began stays open to lapse.
  const pastBeforeAbeyance = state.status === 'inAbeyance' && deadline.status === 'open' && state.abeyanceSince !== undefined && deadline.dueOn < state.abeyanceSince;
  const gate = pastBeforeAbeyance ? undefined : lifecycleGate(state, command);
  if (gate !== undefined) return gate;
  if (deadline.status !== 'open') {
    return reject(E.deadlineNotOpen, `deadline ${deadline.deadlineId} is ${deadline.status}`, R.lapse, 'deadlineId', { status: deadline.status });
  }
  if (command.asOf <= deadline.dueOn) {
    return reject(E.deadlineNotPassed, `deadline ${deadline.deadlineId} is due ${deadline.dueOn}; it has not lapsed as of ${command.asOf}`, R.lapse, 'asOf', { dueOn: deadline.dueOn });
  }
  const order = requireNotBefore(command.asOf, state.lastActivityOn, 'asOf', 'the last recorded activity');
  if (order !== undefined) return order;
  const missed: GrievanceEvent = { type: 'DeadlineMissed', data: { deadlineId: deadline.deadlineId, party: deadline.party, dueOn: deadline.dueOn, recordedAsOf: command.asOf } };
  switch (deadline.kind) {
    case 'answer':
    case 'meet': {
      // Management lapse (no answer, or no meeting to answer after): never a win for the grievant, only the right
      // to advance, never a case stuck at the step (domain.md §1.4).
      const overdue: GrievanceEvent = { type: 'StepAnswerOverdue', data: { stepId: deadline.stepId, dueOn: deadline.dueOn, recordedAsOf: command.asOf } };
      const following = afterAnswer(state, deadline.stepId, deadline.dueOn, undefined, command.calendar, command.asOf);
      return isLeft(following) ? following : right([missed, overdue, ...following.right, ...tolledIfInAbeyance(state, following.right)]);
    }
    case 'appeal':
    case 'arbitrationNotice':
      return right([missed, ...grievantLapse(state, deadline, command.asOf)]);
    case 'file':
    case 'award': // a late arbitrator changes nothing in the case; it only counts for compliance
      return right([missed]);
  }
};

export const decideExtension = (command: AgreeExtension, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.newDueOn, 'newDueOn'), requireDate(command.agreedOn, 'agreedOn'));
  if (invalid !== undefined) return invalid;
  if (state.procedure.extensions === 'none') return reject(E.extensionsNotAllowed, `${state.agreementId} allows no extensions`, R.extension, 'deadlineId');
  const { association, management } = command.signedBy;
  for (const [party, signature] of [['association', association], ['management', management]] as const) {
    if (signature === undefined || signature.trim() === '') {
      return reject(E.extensionNeedsBothParties, `an extension needs both parties' written agreement; ${party} has not signed`, R.extension, `signedBy.${party}`);
    }
  }
  const found = knownDeadline(state, command.deadlineId);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.status !== 'open') return reject(E.deadlineNotOpen, `deadline ${deadline.deadlineId} is ${deadline.status}`, R.extension, 'deadlineId');
  if (command.newDueOn <= deadline.dueOn) {
    return reject(E.extensionNotLater, `an extension moves ${deadline.dueOn} later, not to ${command.newDueOn}`, R.extension, 'newDueOn');
  }
  const order = requireNotBefore(command.agreedOn, state.lastActivityOn, 'agreedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  if (command.newDueOn <= command.agreedOn) {
    return reject(E.extensionNotLater, `an extension agreed on ${command.agreedOn} must fall due after it, not on ${command.newDueOn}`, R.extension, 'newDueOn', {
      agreedOn: command.agreedOn,
    });
  }
  return right([
    {
      type: 'DeadlineExtended',
      data: { deadlineId: deadline.deadlineId, previousDueOn: deadline.dueOn, newDueOn: command.newDueOn, agreedOn: command.agreedOn, signedBy: { association: association!, management: management! } },
    },
  ]);
};

/**
 * Accepts the calendar process manager's instruction. Already applied (this calendar version or a later one)
 * and stale instructions (the deadline was met, missed, tolled or extended since, or its due date is no longer
 * `previousDueOn`) are no-ops, so replays of the process manager are harmless; an unknown deadline, another
 * stream, or a rule that does not match the deadline's are typed errors (the instruction is wrong, not late).
 */
export const decideRecalculation = (command: RecalculateDeadline, state: FiledGrievance): Decision => {
  if (command.streamId !== grievanceStreamId(state.grievanceId)) {
    return reject(E.wrongStream, `instruction for ${command.streamId} sent to ${grievanceStreamId(state.grievanceId)}`, R.recalculation, 'streamId');
  }
  const invalid = requireDate(command.newDueOn, 'newDueOn');
  if (invalid !== undefined) return invalid;
  const found = knownDeadline(state, command.deadlineId);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.rule.calendarId === command.rule.calendarId && deadline.rule.calendarVersion >= command.calendarVersion) return NONE;
  if (state.status === 'closed') return lifecycleGate(state, command) ?? NONE;
  if (deadline.status !== 'open' || deadline.extended || deadline.dueOn !== command.previousDueOn) return NONE;
  if (deadline.rule.calendarId !== command.rule.calendarId || !sameLimit(deadline.rule.limit, command.rule.limit) || command.rule.calendarVersion !== command.calendarVersion) {
    return reject(E.recalculationMismatch, `deadline ${deadline.deadlineId} counts ${JSON.stringify(deadline.rule.limit)} on ${deadline.rule.calendarId}`, R.recalculation, 'rule');
  }
  if (command.newDueOn < deadline.anchor) {
    return reject(E.dateOutOfOrder, `deadline ${deadline.deadlineId} counts from ${deadline.anchor}; it cannot fall due on ${command.newDueOn}`, R.recalculation, 'newDueOn', {
      anchor: deadline.anchor,
    });
  }
  return right([{ type: 'DeadlineRecalculated', data: { deadlineId: deadline.deadlineId, previousDueOn: deadline.dueOn, newDueOn: command.newDueOn, rule: command.rule } }]);
};

/**
 * Abeyance tolls every open deadline still running on the abeyance date (due on or after it): its clock stops
 * that day. A deadline already past stays open, so the scheduler can still lapse it. Resuming restarts each
 * tolled one for the counted days it had left after that date (at least one, so resuming never leaves a party
 * already late), counted from the resumption date on the calendar the command brings.
 */
export const decideAbeyance = (command: PlaceInAbeyance, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.placedOn, 'placedOn'), requireText(command.reason, 'reason'));
  if (invalid !== undefined) return invalid;
  const order = requireNotBefore(command.placedOn, state.lastActivityOn, 'placedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([
    { type: 'GrievancePlacedInAbeyance', data: { placedOn: command.placedOn, reason: command.reason } },
    ...state.deadlines
      .filter((d) => d.status === 'open' && d.dueOn >= command.placedOn)
      .map((d): GrievanceEvent => ({ type: 'DeadlineTolled', data: { deadlineId: d.deadlineId, tolledOn: command.placedOn, dueOn: d.dueOn } })),
  ]);
};

export const decideResume = (command: ResumeGrievance, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.resumedOn, 'resumedOn');
  if (invalid !== undefined) return invalid;
  if (state.status !== 'inAbeyance') return reject(E.notInAbeyance, 'the grievance is not in abeyance', R.abeyance, 'type');
  const order = requireNotBefore(command.resumedOn, state.lastActivityOn, 'resumedOn', 'the abeyance');
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [{ type: 'GrievanceResumed', data: { resumedOn: command.resumedOn } }];
  for (const d of state.deadlines) {
    if (d.status !== 'tolled') continue;
    if (d.tolledOn !== undefined && d.dueOn < d.tolledOn) {
      // Recorded before abeyance spared past deadlines: it was already past, so it is not revived, only reopened to lapse.
      events.push({ type: 'DeadlineResumed', data: { deadlineId: d.deadlineId, anchor: d.anchor, daysRemaining: 0, previousDueOn: d.dueOn, dueOn: d.dueOn, rule: d.rule } });
      continue;
    }
    const remaining = daysLeft(d.rule.limit, d.tolledOn ?? command.resumedOn, d.dueOn, command.calendar);
    if (isLeft(remaining)) return remaining;
    const daysRemaining = Math.max(remaining.right, 1);
    const rescheduled = scheduleDeadline(state.grievanceId, d.stepId, d.kind, d.party, command.resumedOn, { ...d.rule.limit, n: daysRemaining }, command.calendar);
    if (isLeft(rescheduled)) return rescheduled;
    const { dueOn, rule } = rescheduled.right.data;
    events.push({ type: 'DeadlineResumed', data: { deadlineId: d.deadlineId, anchor: command.resumedOn, daysRemaining, previousDueOn: d.dueOn, dueOn, rule } });
  }
  return right(events);
};
