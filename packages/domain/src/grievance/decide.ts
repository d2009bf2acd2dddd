import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { entryStepOf, findStep, isLastStep, stepAfter } from '../agreement/procedure.js';
import { citedArticles, procedureAsOf } from '../agreement/queries.js';
import { isRegistered } from '../agreement/state.js';
import type { Limit } from '../calendar/limit.js';
import type { RecalculateDeadline } from '../calendar/recalculation.js';
import type { DomainError } from '../kernel/domainError.js';
import type * as C from './commands.js';
import { daysLeft, entryDeadline, scheduleDeadline } from './deadlines.js';
import type { GrievanceEvent, GrievanceEventOf } from './events.js';
import { grievanceStreamId } from './streamId.js';
import { GrievanceErrors as E, GrievanceRules as R, firstFailure, reject, requireDate, requireNotBefore, requireText } from './rules.js';
import { deadlineIdFor, findDeadline, isFiled, type FiledGrievance, type GrievanceState, type TrackedDeadline } from './state.js';

const sameLimit = (a: Limit, b: Limit): boolean => a.n === b.n && a.dayType === b.dayType && a.summerDayType === b.summerDayType;

type Decision = Either<DomainError, readonly GrievanceEvent[]>;

const NONE: Decision = right([]);

const stageId = (state: FiledGrievance): string => (state.stage.kind === 'step' ? state.stage.stepId : 'arbitration');

const closed = (state: FiledGrievance, closedOn: string, outcome: GrievanceEventOf<'GrievanceClosed'>['data']['outcome'], resolvedAt = stageId(state)): GrievanceEvent => ({
  type: 'GrievanceClosed',
  data: { closedOn, outcome, resolvedAt },
});

// ---------------------------------------------------------------------------------------------------------
// Filing
// ---------------------------------------------------------------------------------------------------------

const decideFiling = (command: C.FileGrievance): Decision => {
  const basic = firstFailure(
    requireText(command.grievanceId, 'grievanceId'),
    requireText(command.remedySought, 'remedySought'),
    requireDate(command.occurredOn, 'occurredOn'),
    requireDate(command.filedOn, 'filedOn'),
    command.discoveredOn !== undefined ? requireDate(command.discoveredOn, 'discoveredOn') : undefined,
  );
  if (basic !== undefined) return basic;
  const { agreement, grievant, occurredOn, filedOn } = command;
  const order = firstFailure(
    command.discoveredOn !== undefined ? requireNotBefore(command.discoveredOn, occurredOn, 'discoveredOn', 'the occurrence') : undefined,
    requireNotBefore(filedOn, occurredOn, 'filedOn', 'the occurrence'),
    command.discoveredOn !== undefined ? requireNotBefore(filedOn, command.discoveredOn, 'filedOn', 'the discovery') : undefined,
  );
  if (order !== undefined) return order;
  if (grievant.kind === 'individual' && grievant.employeeIds.length === 0) {
    return reject(E.noGrievant, 'an individual grievance names at least one employee', R.grievant, 'grievant.employeeIds');
  }
  if (command.articleKeys.length === 0) return reject(E.noArticle, 'a grievance cites at least one article', R.citation, 'articleKeys');
  const articles = citedArticles(agreement, command.articleKeys, occurredOn);
  if (isLeft(articles)) return articles;
  if (!isRegistered(agreement)) return reject('AgreementNotRegistered', 'no agreement edition is registered', R.citation, 'agreement');
  const procedure = procedureAsOf(agreement, occurredOn);

  if (grievant.kind === 'class') {
    const rule = procedure.classGrievance;
    if (rule === undefined) return reject(E.classNotProvided, `${agreement.agreementId} has no class grievances`, R.classGrievance, 'grievant.kind');
    if (grievant.memberCount < rule.minMembers) {
      return reject(E.classTooSmall, `a class grievance needs at least ${rule.minMembers} members, got ${grievant.memberCount}`, R.classGrievance, 'grievant.memberCount', {
        minMembers: rule.minMembers,
        memberCount: grievant.memberCount,
      });
    }
  }
  const entry = entryStepOf(procedure, grievant.kind === 'individual' ? 'individual' : 'class');
  if (entry === undefined) return reject('UnknownGrievanceStep', 'the procedure has no entry step', R.classGrievance, 'agreement');

  const continuing = command.continuingViolation === true;
  if (continuing && !procedure.continuingViolations) {
    return reject(E.continuingViolationNotRecognized, `${agreement.agreementId} does not recognise continuing violations`, R.continuingViolation, 'continuingViolation');
  }
  const clockStarts =
    procedure.filingClockStarts === 'occurrenceOrDiscovery' && command.discoveredOn !== undefined && command.discoveredOn > occurredOn ? command.discoveredOn : occurredOn;
  const fileDeadline = scheduleDeadline(command.grievanceId, entry.id, 'file', 'grievant', clockStarts, entry.fileWithin, command.calendar);
  if (isLeft(fileDeadline)) return fileDeadline;
  const timely = filedOn <= fileDeadline.right.data.dueOn;
  if (!timely && !continuing) {
    return reject(E.filingOutOfTime, `filed ${filedOn}, but ${entry.name} had to be filed by ${fileDeadline.right.data.dueOn}`, R.filingLimit, 'filedOn', {
      clockStarts,
      dueOn: fileDeadline.right.data.dueOn,
      stepId: entry.id,
    });
  }
  const firstDue = entryDeadline(command.grievanceId, entry, filedOn, command.calendar);
  if (isLeft(firstDue)) return firstDue;

  const filed: GrievanceEvent = {
    type: 'GrievanceFiled',
    data: {
      grievanceId: command.grievanceId,
      unitId: agreement.unitId,
      agreementId: agreement.agreementId,
      editionId: agreement.editionId,
      grievant,
      articles: articles.right.map((a) => ({ key: a.key, number: a.number, title: a.title })),
      occurredOn,
      ...(command.discoveredOn !== undefined ? { discoveredOn: command.discoveredOn } : {}),
      filedOn,
      remedySought: command.remedySought,
      continuingViolation: continuing,
      ...(command.schoolIds !== undefined ? { schoolIds: command.schoolIds } : {}),
      procedure,
      entryStepId: entry.id,
    },
  };
  // A late filing accepted as a continuing violation is measured by no filing limit, so none is scheduled.
  const filing: GrievanceEvent[] = timely ? [fileDeadline.right, { type: 'DeadlineMet', data: { deadlineId: fileDeadline.right.data.deadlineId, metOn: filedOn } }] : [];
  return right([filed, ...filing, firstDue.right]);
};

// ---------------------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------------------

const currentStep = (state: FiledGrievance, stepId: string, field = 'stepId') => {
  if (state.stage.kind !== 'step' || state.stage.stepId !== stepId) {
    return reject<never>(E.notCurrentStep, `the grievance is at ${stageId(state)}, not ${stepId}`, R.oneOpenStep, field, { currentStage: stageId(state) });
  }
  return undefined;
};

const decideMeeting = (command: C.ScheduleStepMeeting, state: FiledGrievance): Decision => {
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
        ? { type: 'DeadlineMet', data: { deadlineId: meet.deadlineId, metOn: command.meetingOn } }
        : { type: 'DeadlineMissed', data: { deadlineId: meet.deadlineId, party: meet.party, dueOn: meet.dueOn, recordedAsOf: command.scheduledOn } },
    );
  }
  const answer = scheduleDeadline(state.grievanceId, step.id, 'answer', 'management', command.meetingOn, step.answerWithin, command.calendar);
  if (isLeft(answer)) return answer;
  events.push({ type: 'StepMeetingScheduled', data: { stepId: step.id, meetingOn: command.meetingOn, scheduledOn: command.scheduledOn } }, answer.right);
  return right(events);
};

/**
 * The deadline to take a step's answer further (appeal to the next step, or arbitration notice after the last
 * step), or the closure when the last answer is final. `late`: management answered (or failed to answer) after
 * the due date, so an `answerDueIfLate` step counts from the due date.
 */
const afterAnswer = (state: FiledGrievance, stepId: string, answerDueOn: string, answeredOn: string | undefined, calendar: C.RecordStepAnswer['calendar']): Either<DomainError, readonly GrievanceEvent[]> => {
  const step = findStep(state.procedure, stepId);
  const next = stepAfter(state.procedure, stepId);
  if (step === undefined || isLeft(next)) return NONE;
  const late = answeredOn === undefined || answeredOn > answerDueOn;
  const anchor = answeredOn === undefined || (late && step.appealAnchor === 'answerDueIfLate') ? answerDueOn : answeredOn;
  if (answeredOn === undefined && step.appealAnchor === 'answerReceived') return NONE; // no answer, no clock: the grievant may advance at any time
  switch (next.right.kind) {
    case 'step': {
      if (step.appealWithin === undefined || findDeadline(state, deadlineIdFor(state.grievanceId, stepId, 'appeal')) !== undefined) return NONE;
      const appeal = scheduleDeadline(state.grievanceId, stepId, 'appeal', 'grievant', anchor, step.appealWithin, calendar);
      return isLeft(appeal) ? appeal : right([appeal.right]);
    }
    case 'arbitration': {
      if (findDeadline(state, deadlineIdFor(state.grievanceId, stepId, 'arbitrationNotice')) !== undefined) return NONE;
      const notice = scheduleDeadline(state.grievanceId, stepId, 'arbitrationNotice', 'association', anchor, next.right.arbitration.noticeWithin, calendar);
      return isLeft(notice) ? notice : right([notice.right]);
    }
    case 'end':
      return NONE;
  }
};

const decideAnswer = (command: C.RecordStepAnswer, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.answeredOn, 'answeredOn'), requireText(command.reason, 'reason'), currentStep(state, command.stepId));
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'step') return NONE;
  const stage = state.stage;
  if (stage.answer !== undefined) return reject(E.alreadyAnswered, `${stage.stepId} was answered on ${stage.answer.answeredOn}`, R.answer, 'stepId');
  const step = findStep(state.procedure, stage.stepId);
  if (step === undefined) return NONE;
  if (step.meetWithin !== undefined && stage.meetingOn === undefined) {
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
  const late = command.answeredOn > dueOn;
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

const decideAppeal = (command: C.AppealToNextStep, state: FiledGrievance): Decision => {
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
  const order = requireNotBefore(command.appealedOn, state.lastActivityOn, 'appealedOn', 'the last recorded activity');
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

// ---------------------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------------------

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

const decideLapse = (command: C.RecordDeadlineLapse, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.asOf, 'asOf');
  if (invalid !== undefined) return invalid;
  const found = knownDeadline(state, command.deadlineId);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.status === 'missed') return NONE; // the scheduler retried: already recorded
  const gate = lifecycleGate(state, command);
  if (gate !== undefined) return gate;
  if (deadline.status !== 'open') {
    return reject(E.deadlineNotOpen, `deadline ${deadline.deadlineId} is ${deadline.status}`, R.lapse, 'deadlineId', { status: deadline.status });
  }
  if (command.asOf <= deadline.dueOn) {
    return reject(E.deadlineNotPassed, `deadline ${deadline.deadlineId} is due ${deadline.dueOn}; it has not lapsed as of ${command.asOf}`, R.lapse, 'asOf', { dueOn: deadline.dueOn });
  }
  const missed: GrievanceEvent = { type: 'DeadlineMissed', data: { deadlineId: deadline.deadlineId, party: deadline.party, dueOn: deadline.dueOn, recordedAsOf: command.asOf } };
  switch (deadline.kind) {
    case 'answer': {
      // Management lapse: never a win for the grievant, only the right to advance (domain.md §1.4).
      const overdue: GrievanceEvent = { type: 'StepAnswerOverdue', data: { stepId: deadline.stepId, dueOn: deadline.dueOn, recordedAsOf: command.asOf } };
      const following = afterAnswer(state, deadline.stepId, deadline.dueOn, undefined, command.calendar);
      return isLeft(following) ? following : right([missed, overdue, ...following.right]);
    }
    case 'appeal':
    case 'arbitrationNotice':
      return right([missed, ...grievantLapse(state, deadline, command.asOf)]);
    case 'file':
    case 'meet':
      return right([missed]);
  }
};

const decideExtension = (command: C.AgreeExtension, state: FiledGrievance): Decision => {
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
const decideRecalculation = (command: RecalculateDeadline, state: FiledGrievance): Decision => {
  if (command.streamId !== grievanceStreamId(state.grievanceId)) {
    return reject(E.wrongStream, `instruction for ${command.streamId} sent to ${grievanceStreamId(state.grievanceId)}`, R.recalculation, 'streamId');
  }
  const found = knownDeadline(state, command.deadlineId);
  if (isLeft(found)) return found;
  const deadline = found.right;
  if (deadline.rule.calendarId === command.rule.calendarId && deadline.rule.calendarVersion >= command.calendarVersion) return NONE;
  if (state.status === 'closed') return lifecycleGate(state, command) ?? NONE;
  if (deadline.status !== 'open' || deadline.extended || deadline.dueOn !== command.previousDueOn) return NONE;
  if (deadline.rule.calendarId !== command.rule.calendarId || !sameLimit(deadline.rule.limit, command.rule.limit) || command.rule.calendarVersion !== command.calendarVersion) {
    return reject(E.recalculationMismatch, `deadline ${deadline.deadlineId} counts ${JSON.stringify(deadline.rule.limit)} on ${deadline.rule.calendarId}`, R.recalculation, 'rule');
  }
  return right([{ type: 'DeadlineRecalculated', data: { deadlineId: deadline.deadlineId, previousDueOn: deadline.dueOn, newDueOn: command.newDueOn, rule: command.rule } }]);
};

// ---------------------------------------------------------------------------------------------------------
// Abeyance, withdrawal, settlement
// ---------------------------------------------------------------------------------------------------------

/**
 * Abeyance tolls every open deadline: its clock stops on the abeyance date. Resuming restarts each one for the
 * counted days it had left after that date (at least one, so resuming never leaves a party already late),
 * counted from the resumption date on the calendar the command brings.
 */
const decideAbeyance = (command: C.PlaceInAbeyance, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.placedOn, 'placedOn'), requireText(command.reason, 'reason'));
  if (invalid !== undefined) return invalid;
  const order = requireNotBefore(command.placedOn, state.lastActivityOn, 'placedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([
    { type: 'GrievancePlacedInAbeyance', data: { placedOn: command.placedOn, reason: command.reason } },
    ...state.deadlines
      .filter((d) => d.status === 'open')
      .map((d): GrievanceEvent => ({ type: 'DeadlineTolled', data: { deadlineId: d.deadlineId, tolledOn: command.placedOn, dueOn: d.dueOn } })),
  ]);
};

const decideResume = (command: C.ResumeGrievance, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.resumedOn, 'resumedOn');
  if (invalid !== undefined) return invalid;
  if (state.status !== 'inAbeyance') return reject(E.notInAbeyance, 'the grievance is not in abeyance', R.abeyance, 'type');
  const order = requireNotBefore(command.resumedOn, state.lastActivityOn, 'resumedOn', 'the abeyance');
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [{ type: 'GrievanceResumed', data: { resumedOn: command.resumedOn } }];
  for (const d of state.deadlines) {
    if (d.status !== 'tolled') continue;
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

const decideWithdrawal = (command: C.WithdrawGrievance, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.withdrawnOn, 'withdrawnOn'), requireText(command.reason, 'reason'));
  if (invalid !== undefined) return invalid;
  const order = requireNotBefore(command.withdrawnOn, state.lastActivityOn, 'withdrawnOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([{ type: 'GrievanceWithdrawn', data: { withdrawnOn: command.withdrawnOn, reason: command.reason } }, closed(state, command.withdrawnOn, 'withdrawn')]);
};

const decideSettlement = (command: C.SettleGrievance, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.settledOn, 'settledOn'), requireText(command.terms, 'terms'));
  if (invalid !== undefined) return invalid;
  if (command.amountCents !== undefined && !(Number.isSafeInteger(command.amountCents) && command.amountCents >= 0)) {
    return reject(E.blankField, 'amountCents is a non-negative whole number of cents', R.required, 'amountCents');
  }
  const order = requireNotBefore(command.settledOn, state.lastActivityOn, 'settledOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([
    {
      type: 'GrievanceSettled',
      data: {
        settledOn: command.settledOn,
        settlementType: command.settlementType,
        terms: command.terms,
        ...(command.amountCents !== undefined ? { amountCents: command.amountCents } : {}),
      },
    },
    closed(state, command.settledOn, 'settled'),
  ]);
};

// ---------------------------------------------------------------------------------------------------------
// Arbitration
// ---------------------------------------------------------------------------------------------------------

const decideArbitrationDemand = (command: C.DemandArbitration, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.demandedOn, 'demandedOn');
  if (invalid !== undefined) return invalid;
  const arbitration = state.procedure.arbitration;
  if (arbitration === undefined) return reject(E.noArbitration, `${state.agreementId} (${state.editionId}) provides no arbitration`, R.arbitration, 'type');
  if (command.demandedBy !== arbitration.invokedBy) {
    return reject(E.arbitrationByAssociationOnly, 'only the association may invoke arbitration', R.arbitration, 'demandedBy');
  }
  const stage = state.stage;
  if (stage.kind !== 'step' || !isLastStep(state.procedure, stage.stepId) || (stage.answer === undefined && !stage.answerOverdue)) {
    return reject(E.arbitrationNotAvailable, `arbitration follows the last step's answer (or its lapse); the grievance is at ${stageId(state)}`, R.arbitration, 'type');
  }
  const order = requireNotBefore(command.demandedOn, state.lastActivityOn, 'demandedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [];
  const notice = findDeadline(state, deadlineIdFor(state.grievanceId, stage.stepId, 'arbitrationNotice'));
  if (notice?.status === 'open') {
    if (command.demandedOn > notice.dueOn) {
      return reject(E.arbitrationOutOfTime, `notice of arbitration was due by ${notice.dueOn}`, R.arbitration, 'demandedOn', { dueOn: notice.dueOn });
    }
    events.push({ type: 'DeadlineMet', data: { deadlineId: notice.deadlineId, metOn: command.demandedOn } });
  }
  events.push({ type: 'ArbitrationDemanded', data: { demandedOn: command.demandedOn, fromStepId: stage.stepId, binding: arbitration.binding } });
  return right(events);
};

const decideArbitratorSelection = (command: C.SelectArbitrator, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireText(command.arbitrator, 'arbitrator'), requireDate(command.selectedOn, 'selectedOn'));
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'arbitration') return reject(E.notInArbitration, 'no arbitration has been demanded', R.arbitration, 'type');
  if (state.stage.arbitrator !== undefined) {
    return reject(E.arbitratorAlreadySelected, `${state.stage.arbitrator} was already selected`, R.arbitration, 'arbitrator');
  }
  const order = requireNotBefore(command.selectedOn, state.lastActivityOn, 'selectedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([{ type: 'ArbitratorSelected', data: { arbitrator: command.arbitrator, selectedOn: command.selectedOn } }]);
};

const decideAward = (command: C.RecordAward, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.issuedOn, 'issuedOn');
  if (invalid !== undefined) return invalid;
  if (state.stage.kind !== 'arbitration') return reject(E.notInArbitration, 'no arbitration has been demanded', R.award, 'type');
  const arbitrator = state.stage.arbitrator;
  if (arbitrator === undefined) return reject(E.arbitratorNotSelected, 'an award needs a selected arbitrator', R.award, 'type');
  const remedy = command.remedy?.trim() === '' ? undefined : command.remedy;
  if (command.decision !== 'denied' && remedy === undefined) {
    return reject(E.remedyRequired, `a ${command.decision} award states its remedy`, R.award, 'remedy');
  }
  const order = requireNotBefore(command.issuedOn, state.lastActivityOn, 'issuedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  const outcome = command.decision === 'sustained' ? 'awardSustained' : command.decision === 'sustainedInPart' ? 'awardSustainedInPart' : 'awardDenied';
  return right([
    { type: 'ArbitrationAwardIssued', data: { issuedOn: command.issuedOn, decision: command.decision, arbitrator, ...(remedy !== undefined ? { remedy } : {}) } },
    closed(state, command.issuedOn, outcome, 'arbitration'),
  ]);
};

// ---------------------------------------------------------------------------------------------------------

const ALLOWED_IN_ABEYANCE: ReadonlySet<C.GrievanceCommand['type']> = new Set(['ResumeGrievance', 'WithdrawGrievance', 'SettleGrievance']);

/** Closed grievances accept nothing; grievances in abeyance only resume, settle or withdraw. */
const lifecycleGate = (state: FiledGrievance, command: C.GrievanceCommand): Decision | undefined => {
  if (state.status === 'closed') {
    return reject(E.closed, `grievance ${state.grievanceId} was closed on ${state.closure?.closedOn ?? '?'} (${state.closure?.outcome ?? '?'})`, R.lifecycle, 'type', {
      closure: state.closure,
    });
  }
  if (state.status === 'inAbeyance' && !ALLOWED_IN_ABEYANCE.has(command.type)) {
    return reject(E.inAbeyance, `grievance ${state.grievanceId} is in abeyance since ${state.abeyanceSince ?? '?'}`, R.abeyance, 'type');
  }
  return undefined;
};

export const decideGrievance = (command: C.GrievanceCommand, state: GrievanceState): Decision => {
  if (command.type === 'FileGrievance') {
    return isFiled(state) ? reject(E.alreadyFiled, `grievance ${state.grievanceId} is already filed`, R.lifecycle, 'grievanceId') : decideFiling(command);
  }
  if (!isFiled(state)) return reject(E.notFiled, 'no grievance has been filed on this stream', R.lifecycle, 'type');
  // System instructions decide their own idempotency before the lifecycle gate.
  if (command.type === 'RecordDeadlineLapse') return decideLapse(command, state);
  if (command.type === 'RecalculateDeadline') return decideRecalculation(command, state);
  const gate = lifecycleGate(state, command);
  if (gate !== undefined) return gate;
  switch (command.type) {
    case 'ScheduleStepMeeting':
      return decideMeeting(command, state);
    case 'RecordStepAnswer':
      return decideAnswer(command, state);
    case 'AppealToNextStep':
      return decideAppeal(command, state);
    case 'AgreeExtension':
      return decideExtension(command, state);
    case 'PlaceInAbeyance':
      return decideAbeyance(command, state);
    case 'ResumeGrievance':
      return decideResume(command, state);
    case 'WithdrawGrievance':
      return decideWithdrawal(command, state);
    case 'SettleGrievance':
      return decideSettlement(command, state);
    case 'DemandArbitration':
      return decideArbitrationDemand(command, state);
    case 'SelectArbitrator':
      return decideArbitratorSelection(command, state);
    case 'RecordAward':
      return decideAward(command, state);
  }
};
