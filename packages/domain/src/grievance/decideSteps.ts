import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { findStep, stepAfter } from '../agreement/procedure.js';
import type { CalendarVersion } from '../calendar/calendarVersion.js';
import type { DomainError } from '@laborcase/core';
import type { AppealToNextStep, RecordStepAnswer, ScheduleStepMeeting } from './commands.js';
import type { Limit } from '../calendar/limit.js';
import { entryDeadline, scheduleDeadline, type DeadlineScheduledEvent } from './deadlines.js';
import { closed, NONE, stageId, type Decision } from './decision.js';
import type { GrievanceEvent } from './events.js';
import { GrievanceErrors as E, GrievanceRules as R, firstFailure, reject, requireAfterOverdueAnswer, requireDate, requireNotBefore, requireText } from './rules.js';
import { deadlineIdFor, findDeadline, type FiledGrievance } from './state.js';

const currentStep = (state: FiledGrievance, stepId: string, field = 'stepId') => {
  if (state.stage.kind !== 'step' || state.stage.stepId !== stepId) {
    return reject<never>(E.notCurrentStep, `the grievance is at ${stageId(state)}, not ${stepId}`, R.oneOpenStep, field, { currentStage: stageId(state) });
  }
  return undefined;
};

export const decideMeeting = (command: ScheduleStepMeeting, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.meetingOn, 'meetingOn'), requireDate(command.scheduledOn, 'scheduledOn'), currentStep(state, command.stepId));
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'step') return NONE;
  const step = findStep(state.procedure, command.stepId);
  if (step?.meetWithin === undefined) return reject(E.stepHasNoMeeting, `${command.stepId} has no meeting or hearing`, R.meeting, 'stepId');
  if (state.stage.meetingOn !== undefined) {
    return reject(E.meetingAlreadyScheduled, `${command.stepId} already meets on ${state.stage.meetingOn}`, R.meeting, 'meetingOn');
  }
  const order = firstFailure(
    requireNotBefore(command.scheduledOn, state.lastActivityOn, 'scheduledOn', 'the last recorded activity'),
    requireNotBefore(command.meetingOn, state.stage.enteredOn, 'meetingOn', 'the filing or appeal at this step'),
  );
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [];
  const meet = findDeadline(state, deadlineIdFor(state.grievanceId, step.id, 'meet'));
  if (meet?.status === 'open') {
    events.push(
      command.meetingOn <= meet.dueOn
        ? { type: 'DeadlineMet', data: { deadlineId: meet.deadlineId, metOn: command.meetingOn, recordedOn: command.scheduledOn } }
        : { type: 'DeadlineMissed', data: { deadlineId: meet.deadlineId, party: meet.party, dueOn: meet.dueOn, recordedAsOf: command.scheduledOn } },
    );
  }
  const answer = scheduleDeadline(state.grievanceId, step.id, 'answer', 'management', command.meetingOn, step.answerWithin, command.calendar);
  if (isLeft(answer)) return answer;
  events.push({ type: 'StepMeetingScheduled', data: { stepId: step.id, meetingOn: command.meetingOn, scheduledOn: command.scheduledOn } }, answer.right);
  return right(events);
};

/**
 * Schedules the grievant side's deadline counted from the first anchor, unless a later anchor gives a later due
 * date (domain.md §1.4: management's lateness never costs the grievant), and never already past on `recordedOn`
 * (then it counts from `recordedOn`).
 */
const grievantDeadline = (
  state: FiledGrievance,
  stepId: string,
  kind: 'appeal' | 'arbitrationNotice',
  party: 'grievant' | 'association',
  anchors: readonly string[],
  recordedOn: string,
  limit: Limit,
  calendar: CalendarVersion,
): Either<DomainError, DeadlineScheduledEvent> => {
  const schedule = (anchor: string) => scheduleDeadline(state.grievanceId, stepId, kind, party, anchor, limit, calendar);
  let best = schedule(anchors[0] ?? recordedOn);
  for (const anchor of anchors.slice(1)) {
    if (isLeft(best)) return best;
    const candidate = schedule(anchor);
    if (isLeft(candidate) || candidate.right.data.dueOn > best.right.data.dueOn) best = candidate;
  }
  return isLeft(best) || best.right.data.dueOn >= recordedOn ? best : schedule(recordedOn);
};

/**
 * The deadline to take a step's answer further (appeal to the next step, or arbitration notice after the last
 * step), or the closure when the last answer is final. `late`: management answered (or failed to answer) after
 * the due date, so an `answerDueIfLate` step counts from the due date, or from the late answer when that is
 * later. `recordedOn`: the date of the act that starts the clock (the answer, or the lapse's `asOf`).
 */
export const afterAnswer = (
  state: FiledGrievance,
  stepId: string,
  answerDueOn: string,
  answeredOn: string | undefined,
  calendar: CalendarVersion,
  recordedOn: string = answeredOn ?? answerDueOn,
): Either<DomainError, readonly GrievanceEvent[]> => {
  const step = findStep(state.procedure, stepId);
  const next = stepAfter(state.procedure, stepId);
  if (step === undefined || isLeft(next)) return NONE;
  const late = answeredOn === undefined || answeredOn > answerDueOn;
  const anchor = answeredOn === undefined || (late && step.appealAnchor === 'answerDueIfLate') ? answerDueOn : answeredOn;
  if (answeredOn === undefined && step.appealAnchor === 'answerReceived') return NONE; // no answer, no clock: the grievant may advance at any time
  const anchors = answeredOn !== undefined && answeredOn !== anchor ? [anchor, answeredOn] : [anchor];
  switch (next.right.kind) {
    case 'step': {
      if (step.appealWithin === undefined || findDeadline(state, deadlineIdFor(state.grievanceId, stepId, 'appeal')) !== undefined) return NONE;
      const appeal = grievantDeadline(state, stepId, 'appeal', 'grievant', anchors, recordedOn, step.appealWithin, calendar);
      return isLeft(appeal) ? appeal : right([appeal.right]);
    }
    case 'arbitration': {
      if (findDeadline(state, deadlineIdFor(state.grievanceId, stepId, 'arbitrationNotice')) !== undefined) return NONE;
      const notice = grievantDeadline(state, stepId, 'arbitrationNotice', 'association', anchors, recordedOn, next.right.arbitration.noticeWithin, calendar);
      return isLeft(notice) ? notice : right([notice.right]);
    }
    case 'end':
      return NONE;
  }
};

export const decideAnswer = (command: RecordStepAnswer, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.answeredOn, 'answeredOn'), requireText(command.reason, 'reason'), currentStep(state, command.stepId));
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'step') return NONE;
  const stage = state.stage;
  if (stage.answer !== undefined) return reject(E.alreadyAnswered, `${stage.stepId} was answered on ${stage.answer.answeredOn}`, R.answer, 'stepId');
  const step = findStep(state.procedure, stage.stepId);
  if (step === undefined) return NONE;
  // Once the meeting lapsed (management's miss), a late answer may come without one.
  if (step.meetWithin !== undefined && stage.meetingOn === undefined && !stage.answerOverdue) {
    return reject(E.meetingRequired, `${step.name} answers after its meeting or hearing; none is scheduled`, R.meeting, 'stepId');
  }
  const order = firstFailure(
    requireNotBefore(command.answeredOn, state.lastActivityOn, 'answeredOn', 'the last recorded activity'),
    stage.meetingOn !== undefined ? requireNotBefore(command.answeredOn, stage.meetingOn, 'answeredOn', 'the step meeting') : undefined,
  );
  if (order !== undefined) return order;

  const events: GrievanceEvent[] = [];
  const due = findDeadline(state, deadlineIdFor(state.grievanceId, step.id, 'answer'));
  const dueOn = due?.dueOn ?? command.answeredOn;
  const late = stage.answerOverdue || command.answeredOn > dueOn;
  if (due?.status === 'open') {
    events.push(
      late
        ? { type: 'DeadlineMissed', data: { deadlineId: due.deadlineId, party: due.party, dueOn: due.dueOn, recordedAsOf: command.answeredOn } }
        : { type: 'DeadlineMet', data: { deadlineId: due.deadlineId, metOn: command.answeredOn } },
    );
  }
  events.push({ type: 'StepAnswered', data: { stepId: step.id, disposition: command.disposition, answeredOn: command.answeredOn, reason: command.reason, late } });
  if (command.disposition === 'granted') return right([...events, closed(state, command.answeredOn, 'granted', step.id)]);
  const next = stepAfter(state.procedure, step.id);
  if (!isLeft(next) && next.right.kind === 'end') return right([...events, closed(state, command.answeredOn, command.disposition, step.id)]);
  const following = afterAnswer(state, step.id, dueOn, command.answeredOn, command.calendar);
  return isLeft(following) ? following : right([...events, ...following.right]);
};

export const decideAppeal = (command: AppealToNextStep, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.appealedOn, 'appealedOn'), currentStep(state, command.fromStepId, 'fromStepId'));
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'step') return NONE;
  const stage = state.stage;
  const next = stepAfter(state.procedure, stage.stepId);
  if (isLeft(next)) return next;
  if (next.right.kind !== 'step') {
    const hint = next.right.kind === 'arbitration' ? '; the association may demand arbitration' : '; its answer is final';
    return reject(E.noNextStep, `${stage.stepId} is the last step${hint}`, R.ladder, 'fromStepId', { next: next.right.kind });
  }
  if (stage.answer === undefined && !stage.answerOverdue) {
    return reject(E.nothingToAppeal, `${stage.stepId} has neither been answered nor is its answer overdue`, R.appeal, 'fromStepId');
  }
  const order = firstFailure(
    requireNotBefore(command.appealedOn, state.lastActivityOn, 'appealedOn', 'the last recorded activity'),
    requireAfterOverdueAnswer(stage, command.appealedOn, 'appealedOn'),
  );
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [];
  const appeal = findDeadline(state, deadlineIdFor(state.grievanceId, stage.stepId, 'appeal'));
  if (appeal?.status === 'open') {
    if (command.appealedOn > appeal.dueOn) {
      return reject(E.appealOutOfTime, `the appeal from ${stage.stepId} was due by ${appeal.dueOn}`, R.appeal, 'appealedOn', { dueOn: appeal.dueOn });
    }
    events.push({ type: 'DeadlineMet', data: { deadlineId: appeal.deadlineId, metOn: command.appealedOn } });
  }
  const toStep = next.right.step;
  const entry = entryDeadline(state.grievanceId, toStep, command.appealedOn, command.calendar);
  if (isLeft(entry)) return entry;
  events.push(
    { type: 'GrievanceAppealed', data: { fromStepId: stage.stepId, toStepId: toStep.id, appealedOn: command.appealedOn, viaLateAnswer: stage.answerOverdue } },
    entry.right,
  );
  return right(events);
};
