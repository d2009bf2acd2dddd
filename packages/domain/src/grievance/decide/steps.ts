/** The step ladder: meetings, answers, appeals, and the clock an answer (or its lapse) starts. */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type DomainError } from '@laborcase/core';
import type { DeadlineCalendar } from '../../calendar/index.js';
import type { AppealToNextStep, RecordStepAnswer, ScheduleStepMeeting } from '../commands.js';
import { dueOnAsCounted, entryDeadline, scheduleDeadline, type DeadlineScheduledEvent } from '../deadlines.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { GrievanceEvent } from '../events.js';
import { findStep, stageAfter } from '../ladder.js';
import type { LimitSnapshot, ProcedureStep } from '../procedureSnapshot.js';
import { deadlineIdFor, findDeadline, type FiledGrievance, type GrievanceStage } from '../state.js';
import { requireAfterOverdueAnswer, requireNotBefore, requireNotBeforeLastActivity } from './checks.js';
import { closed, NONE, stageId, type Decision } from './decision.js';

type StepStage = Extract<GrievanceStage, { readonly kind: 'step' }>;

/** The open step, when the grievance is at `stepId`. */
const atStep = (state: FiledGrievance, stepId: string, field = 'stepId'): Either<DomainError, StepStage> =>
  state.stage.kind === 'step' && state.stage.stepId === stepId
    ? right(state.stage)
    : reject(E.notCurrentStep, `the grievance is at ${stageId(state)}, not ${stepId}`, R.oneOpenStep, field, { currentStage: stageId(state) });

const stepOf = (state: FiledGrievance, stepId: string): Either<DomainError, ProcedureStep> => {
  const step = findStep(state.procedure, stepId);
  return step === undefined ? reject(E.unknownStep, `the procedure has no step "${stepId}"`, R.ladder, 'stepId') : right(step);
};

export const decideMeeting = (command: ScheduleStepMeeting, state: FiledGrievance): Decision => {
  const stage = atStep(state, command.stepId);
  if (isLeft(stage)) return stage;
  const step = stepOf(state, command.stepId);
  if (isLeft(step)) return step;
  const { meetingOn, scheduledOn } = command;
  const failure = firstFailure(
    step.right.meetWithin === undefined ? reject(E.stepHasNoMeeting, `${command.stepId} has no meeting or hearing`, R.meeting, 'stepId') : undefined,
    stage.right.meetingOn !== undefined ? reject(E.meetingAlreadyScheduled, `${command.stepId} already meets on ${stage.right.meetingOn}`, R.meeting, 'meetingOn') : undefined,
    requireNotBeforeLastActivity(scheduledOn, state.lastActivityOn, 'scheduledOn'),
    requireNotBefore(meetingOn, stage.right.enteredOn, 'meetingOn', 'the filing or appeal at this step'),
  );
  if (failure !== undefined) return failure;
  const events: GrievanceEvent[] = [];
  const meet = findDeadline(state, deadlineIdFor(state.grievanceId, step.right.id, 'meet'));
  if (meet?.status === 'open') {
    const meetDueOn = dueOnAsCounted(meet, command.calendar);
    events.push(
      meetingOn <= meetDueOn
        ? { type: 'DeadlineMet', data: { deadlineId: meet.deadlineId, metOn: meetingOn, recordedOn: scheduledOn } }
        : { type: 'DeadlineMissed', data: { deadlineId: meet.deadlineId, party: meet.party, dueOn: meetDueOn, recordedAsOf: scheduledOn } },
    );
  }
  const answer = scheduleDeadline(state.grievanceId, step.right.id, 'answer', 'management', meetingOn, step.right.answerWithin, command.calendar);
  if (isLeft(answer)) return answer;
  events.push({ type: 'StepMeetingScheduled', data: { stepId: step.right.id, meetingOn, scheduledOn } }, answer.right);
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
  limit: LimitSnapshot,
  calendar: DeadlineCalendar,
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
 * step), or nothing when the last answer is final. `late`: management answered (or failed to answer) after
 * the due date, so an `answerDueIfLate` step counts from the due date, or from the late answer when that is
 * later. `recordedOn`: the date of the act that starts the clock (the answer, or the lapse's `asOf`).
 */
export const afterAnswer = (
  state: FiledGrievance,
  stepId: string,
  answerDueOn: string,
  answeredOn: string | undefined,
  calendar: DeadlineCalendar,
  recordedOn: string = answeredOn ?? answerDueOn,
): Either<DomainError, readonly GrievanceEvent[]> => {
  const step = findStep(state.procedure, stepId);
  const next = stageAfter(state.procedure, stepId);
  if (step === undefined || next === undefined) return NONE;
  if (answeredOn === undefined && step.appealAnchor === 'answerReceived') return NONE; // no answer, no clock: the grievant may advance at any time
  const late = answeredOn === undefined || answeredOn > answerDueOn;
  const anchor = answeredOn === undefined || (late && step.appealAnchor === 'answerDueIfLate') ? answerDueOn : answeredOn;
  const anchors = answeredOn !== undefined && answeredOn !== anchor ? [anchor, answeredOn] : [anchor];
  const scheduled = (kind: 'appeal' | 'arbitrationNotice') => findDeadline(state, deadlineIdFor(state.grievanceId, stepId, kind)) !== undefined;
  switch (next.kind) {
    case 'step': {
      if (step.appealWithin === undefined || scheduled('appeal')) return NONE;
      const appeal = grievantDeadline(state, stepId, 'appeal', 'grievant', anchors, recordedOn, step.appealWithin, calendar);
      return isLeft(appeal) ? appeal : right([appeal.right]);
    }
    case 'arbitration': {
      if (scheduled('arbitrationNotice')) return NONE;
      const notice = grievantDeadline(state, stepId, 'arbitrationNotice', 'association', anchors, recordedOn, next.arbitration.noticeWithin, calendar);
      return isLeft(notice) ? notice : right([notice.right]);
    }
    case 'end':
      return NONE;
  }
};

export const decideAnswer = (command: RecordStepAnswer, state: FiledGrievance): Decision => {
  const stage = atStep(state, command.stepId);
  if (isLeft(stage)) return stage;
  const step = stepOf(state, command.stepId);
  if (isLeft(step)) return step;
  const { meetingOn, answer: previous, answerOverdue } = stage.right;
  const { answeredOn } = command;
  const failure = firstFailure(
    previous !== undefined ? reject(E.alreadyAnswered, `${step.right.id} was answered on ${previous.answeredOn}`, R.answer, 'stepId') : undefined,
    // Once the meeting lapsed (management's miss), a late answer may come without one.
    step.right.meetWithin !== undefined && meetingOn === undefined && !answerOverdue
      ? reject(E.meetingRequired, `${step.right.name} answers after its meeting or hearing; none is scheduled`, R.meeting, 'stepId')
      : undefined,
    requireNotBeforeLastActivity(answeredOn, state.lastActivityOn, 'answeredOn'),
    meetingOn !== undefined ? requireNotBefore(answeredOn, meetingOn, 'answeredOn', 'the step meeting') : undefined,
  );
  if (failure !== undefined) return failure;

  const events: GrievanceEvent[] = [];
  const due = findDeadline(state, deadlineIdFor(state.grievanceId, step.right.id, 'answer'));
  const dueOn = due !== undefined ? dueOnAsCounted(due, command.calendar) : answeredOn;
  const late = answerOverdue || answeredOn > dueOn;
  if (due?.status === 'open') {
    events.push(
      late
        ? { type: 'DeadlineMissed', data: { deadlineId: due.deadlineId, party: due.party, dueOn, recordedAsOf: answeredOn } }
        : { type: 'DeadlineMet', data: { deadlineId: due.deadlineId, metOn: answeredOn } },
    );
  }
  events.push({ type: 'StepAnswered', data: { stepId: step.right.id, disposition: command.disposition, answeredOn, reason: command.reason, late } });
  if (command.disposition === 'granted') return right([...events, closed(state, answeredOn, 'granted', step.right.id)]);
  if (stageAfter(state.procedure, step.right.id)?.kind === 'end') return right([...events, closed(state, answeredOn, command.disposition, step.right.id)]);
  const following = afterAnswer(state, step.right.id, dueOn, answeredOn, command.calendar);
  return isLeft(following) ? following : right([...events, ...following.right]);
};

/** The step an appeal from `stepId` goes to; the last step's answer goes to arbitration or is final. */
const stepAfter = (state: FiledGrievance, stepId: string): Either<DomainError, ProcedureStep> => {
  const next = stageAfter(state.procedure, stepId);
  if (next === undefined) return reject(E.unknownStep, `the procedure has no step "${stepId}"`, R.ladder, 'fromStepId');
  if (next.kind === 'step') return right(next.step);
  const hint = next.kind === 'arbitration' ? '; the association may demand arbitration' : '; its answer is final';
  return reject(E.noNextStep, `${stepId} is the last step${hint}`, R.ladder, 'fromStepId', { next: next.kind });
};

export const decideAppeal = (command: AppealToNextStep, state: FiledGrievance): Decision => {
  const stage = atStep(state, command.fromStepId, 'fromStepId');
  if (isLeft(stage)) return stage;
  const { stepId, answer, answerOverdue } = stage.right;
  const toStep = stepAfter(state, stepId);
  if (isLeft(toStep)) return toStep;
  const appeal = findDeadline(state, deadlineIdFor(state.grievanceId, stepId, 'appeal'));
  const open = appeal?.status === 'open' ? appeal : undefined;
  const appealDueOn = open !== undefined ? dueOnAsCounted(open, command.calendar) : undefined;
  const failure = firstFailure(
    answer === undefined && !answerOverdue ? reject(E.nothingToAppeal, `${stepId} has neither been answered nor is its answer overdue`, R.appeal, 'fromStepId') : undefined,
    requireNotBeforeLastActivity(command.appealedOn, state.lastActivityOn, 'appealedOn'),
    requireAfterOverdueAnswer(stage.right, command.appealedOn, 'appealedOn'),
    appealDueOn !== undefined && command.appealedOn > appealDueOn
      ? reject(E.appealOutOfTime, `the appeal from ${stepId} was due by ${appealDueOn}`, R.appeal, 'appealedOn', { dueOn: appealDueOn })
      : undefined,
  );
  if (failure !== undefined) return failure;
  const entry = entryDeadline(state.grievanceId, toStep.right, command.appealedOn, command.calendar);
  if (isLeft(entry)) return entry;
  return right([
    ...(open !== undefined ? [{ type: 'DeadlineMet' as const, data: { deadlineId: open.deadlineId, metOn: command.appealedOn } }] : []),
    { type: 'GrievanceAppealed', data: { fromStepId: stepId, toStepId: toStep.right.id, appealedOn: command.appealedOn, viaLateAnswer: answerOverdue } },
    entry.right,
  ]);
};
