/** Abeyance: the case pauses (its running deadlines are tolled) and later resumes (they run again). */
import { isLeft, right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject } from '@laborcase/core';
import type { PlaceInAbeyance, ResumeGrievance } from '../commands.js';
import { daysLeft, scheduleDeadline } from '../deadlines.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { GrievanceEvent } from '../events.js';
import type { FiledGrievance } from '../state.js';
import { requireNotBefore, requireNotBeforeLastActivity } from './checks.js';
import type { Decision } from './decision.js';

/**
 * Abeyance tolls every open deadline still running on the abeyance date (due on or after it): its clock stops
 * that day. A deadline already past stays open, so the scheduler can still lapse it.
 */
export const decideAbeyance = (command: PlaceInAbeyance, state: FiledGrievance): Decision => {
  const failure = firstFailure(requireNotBeforeLastActivity(command.placedOn, state.lastActivityOn, 'placedOn'));
  if (failure !== undefined) return failure;
  return right([
    { type: 'GrievancePlacedInAbeyance', data: { placedOn: command.placedOn, reason: command.reason } },
    ...state.deadlines
      .filter((d) => d.status === 'open' && d.dueOn >= command.placedOn)
      .map((d): GrievanceEvent => ({ type: 'DeadlineTolled', data: { deadlineId: d.deadlineId, tolledOn: command.placedOn, dueOn: d.dueOn } })),
  ]);
};

/**
 * Resuming restarts each tolled deadline for the counted days it had left after the abeyance date (at least
 * one, so resuming never leaves a party already late), counted from the resumption date on the calendar the
 * command brings.
 */
export const decideResume = (command: ResumeGrievance, state: FiledGrievance): Decision => {
  const failure = firstFailure(
    state.status !== 'inAbeyance' ? reject(E.notInAbeyance, 'the grievance is not in abeyance', R.abeyance, 'type') : undefined,
    requireNotBefore(command.resumedOn, state.lastActivityOn, 'resumedOn', 'the abeyance'),
  );
  if (failure !== undefined) return failure;
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
