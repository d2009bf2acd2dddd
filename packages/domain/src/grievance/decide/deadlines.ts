/** Acting on deadlines: the scheduler's lapses, mutual extensions, and the calendar process manager's recalculations. */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type DomainError } from '@laborcase/core';
import type { AgreeExtension, RecalculateDeadline, RecordDeadlineLapse } from '../commands.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { GrievanceEvent } from '../events.js';
import { dueOnAsCounted } from '../deadlines.js';
import { toDeadlineRuleSnapshot, type DeadlineRuleSnapshot, type LimitSnapshot } from '../procedureSnapshot.js';
import { findDeadline, type FiledGrievance, type TrackedDeadline } from '../state.js';
import { grievanceStreamId } from '../streamId.js';
import { requireNotBeforeLastActivity } from './checks.js';
import { closed, lifecycleGate, NONE, type Decision } from './decision.js';
import { afterAnswer } from './steps.js';

const sameLimit = (a: LimitSnapshot, b: LimitSnapshot): boolean => a.n === b.n && a.dayType === b.dayType && a.summerDayType === b.summerDayType;

const knownDeadline = (state: FiledGrievance, deadlineId: string, rule: string): Either<DomainError, TrackedDeadline> => {
  const deadline = findDeadline(state, deadlineId);
  return deadline === undefined ? reject(E.unknownDeadline, `grievance ${state.grievanceId} has no deadline "${deadlineId}"`, rule, 'deadlineId') : right(deadline);
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
  const found = knownDeadline(state, command.deadlineId, R.lapse);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.status === 'missed') return NONE; // the scheduler retried: already recorded
  const dueOn = dueOnAsCounted(deadline, command.calendar);
  const provisional = dueOn !== deadline.dueOn ? { provisionalDueOn: deadline.dueOn } : {};
  // Abeyance tolls only what was still running: a deadline already past when it began stays open to lapse.
  const pastBeforeAbeyance = state.status === 'inAbeyance' && deadline.status === 'open' && state.abeyanceSince !== undefined && deadline.dueOn < state.abeyanceSince;
  const failure = firstFailure(
    pastBeforeAbeyance ? undefined : lifecycleGate(state, command),
    deadline.status !== 'open' ? reject(E.deadlineNotOpen, `deadline ${deadline.deadlineId} is ${deadline.status}`, R.lapse, 'deadlineId', { status: deadline.status }) : undefined,
    command.asOf <= dueOn
      ? reject(E.deadlineNotPassed, `deadline ${deadline.deadlineId} is due ${dueOn}; it has not lapsed as of ${command.asOf}`, R.lapse, 'asOf', { dueOn, ...provisional })
      : undefined,
    requireNotBeforeLastActivity(command.asOf, state.lastActivityOn, 'asOf'),
  );
  if (failure !== undefined) return failure;
  const missed: GrievanceEvent = { type: 'DeadlineMissed', data: { deadlineId: deadline.deadlineId, party: deadline.party, dueOn, recordedAsOf: command.asOf } };
  switch (deadline.kind) {
    case 'answer':
    case 'meet': {
      // Management lapse (no answer, or no meeting to answer after): never a win for the grievant, only the right
      // to advance, never a case stuck at the step (domain.md §1.4).
      const overdue: GrievanceEvent = { type: 'StepAnswerOverdue', data: { stepId: deadline.stepId, dueOn, recordedAsOf: command.asOf } };
      const following = afterAnswer(state, deadline.stepId, dueOn, undefined, command.calendar, command.asOf);
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
  if (state.procedure.extensions === 'none') return reject(E.extensionsNotAllowed, `${state.agreementId} allows no extensions`, R.extension, 'deadlineId');
  const association = command.signedBy.association?.trim() ?? '';
  const management = command.signedBy.management?.trim() ?? '';
  const unsigned = (party: string, signature: string) =>
    signature === '' ? reject(E.extensionNeedsBothParties, `an extension needs both parties' written agreement; ${party} has not signed`, R.extension, `signedBy.${party}`) : undefined;
  const signatures = firstFailure(unsigned('association', association), unsigned('management', management));
  if (signatures !== undefined) return signatures;
  const found = knownDeadline(state, command.deadlineId, R.lapse);
  if (isLeft(found)) return found;
  const deadline = found.right;
  const { newDueOn, agreedOn } = command;
  const failure = firstFailure(
    deadline.status !== 'open' ? reject(E.deadlineNotOpen, `deadline ${deadline.deadlineId} is ${deadline.status}`, R.extension, 'deadlineId') : undefined,
    newDueOn <= deadline.dueOn ? reject(E.extensionNotLater, `an extension moves ${deadline.dueOn} later, not to ${newDueOn}`, R.extension, 'newDueOn') : undefined,
    requireNotBeforeLastActivity(agreedOn, state.lastActivityOn, 'agreedOn'),
    newDueOn <= agreedOn
      ? reject(E.extensionNotLater, `an extension agreed on ${agreedOn} must fall due after it, not on ${newDueOn}`, R.extension, 'newDueOn', { agreedOn })
      : undefined,
  );
  if (failure !== undefined) return failure;
  return right([
    {
      type: 'DeadlineExtended',
      data: { deadlineId: deadline.deadlineId, previousDueOn: deadline.dueOn, newDueOn, agreedOn, signedBy: { association: command.signedBy.association!, management: command.signedBy.management! } },
    },
  ]);
};

/** The version of `calendarId` a rule counted on (0 = under the fallback), or undefined if it did not use it. */
const versionIn = (rule: DeadlineRuleSnapshot, calendarId: string): number | undefined =>
  rule.calendars !== undefined ? rule.calendars.find((c) => c.calendarId === calendarId)?.calendarVersion : rule.calendarId === calendarId ? rule.calendarVersion : undefined;

/** Open deadlines move with the calendar; a met one only while provisional (its due date was a fallback count). */
const recalculable = (deadline: TrackedDeadline): boolean =>
  !deadline.extended && (deadline.status === 'open' || (deadline.status === 'met' && deadline.rule.provisional === true));

/**
 * Accepts the calendar process manager's instruction: calendar `calendarId` (or the rule's `calendarId`) now
 * has version `calendarVersion`. Already applied (the deadline counted on this version of it or a later one)
 * and stale instructions (the deadline was missed, tolled or extended since, or its due date is no longer
 * `previousDueOn`) are no-ops, so replays of the process manager are harmless; an unknown deadline, another
 * stream, or a rule that does not match the deadline's are typed errors (the instruction is wrong, not late).
 */
export const decideRecalculation = (command: RecalculateDeadline, state: FiledGrievance): Decision => {
  const streamId = grievanceStreamId(state.grievanceId);
  if (command.streamId !== streamId) return reject(E.wrongStream, `instruction for ${command.streamId} sent to ${streamId}`, R.recalculation, 'streamId');
  const found = knownDeadline(state, command.deadlineId, R.lapse);
  if (isLeft(found)) return found;
  const deadline = found.right;
  const { rule, newDueOn } = command;
  const changed = command.calendarId ?? rule.calendarId;
  const recorded = versionIn(deadline.rule, changed);
  if (recorded !== undefined && recorded >= command.calendarVersion) return NONE;
  if (state.status === 'closed') return lifecycleGate(state, command) ?? NONE;
  if (!recalculable(deadline) || deadline.dueOn !== command.previousDueOn) return NONE;
  const failure = firstFailure(
    recorded === undefined || deadline.rule.calendarId !== rule.calendarId || !sameLimit(deadline.rule.limit, rule.limit) || versionIn(rule, changed) !== command.calendarVersion
      ? reject(E.recalculationMismatch, `deadline ${deadline.deadlineId} counts ${JSON.stringify(deadline.rule.limit)} on ${deadline.rule.calendarId}`, R.recalculation, 'rule')
      : undefined,
    newDueOn < deadline.anchor
      ? reject(E.dateOutOfOrder, `deadline ${deadline.deadlineId} counts from ${deadline.anchor}; it cannot fall due on ${newDueOn}`, R.recalculation, 'newDueOn', {
          anchor: deadline.anchor,
        })
      : undefined,
  );
  if (failure !== undefined) return failure;
  const stored = toDeadlineRuleSnapshot(rule);
  if (isLeft(stored)) return stored;
  return right([{ type: 'DeadlineRecalculated', data: { deadlineId: deadline.deadlineId, previousDueOn: deadline.dueOn, newDueOn, rule: stored.right } }]);
};
