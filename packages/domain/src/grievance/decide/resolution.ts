/** How a case ends without a step answer: withdrawal, settlement, or arbitration and its award. */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type DomainError } from '@laborcase/core';
import type { CloseArbitrationHearing, DemandArbitration, RecordAward, SelectArbitrator, SettleGrievance, WithdrawGrievance } from '../commands.js';
import { dueOnAsCounted, scheduleDeadline } from '../deadlines.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { GrievanceEvent } from '../events.js';
import { isLastStep } from '../ladder.js';
import { ARBITRATION_STAGE, deadlineIdFor, findDeadline, type FiledGrievance, type GrievanceStage } from '../state.js';
import { requireAfterOverdueAnswer, requireNotBeforeLastActivity } from './checks.js';
import { closed, stageId, type Decision } from './decision.js';

export const decideWithdrawal = (command: WithdrawGrievance, state: FiledGrievance): Decision => {
  const failure = firstFailure(requireNotBeforeLastActivity(command.withdrawnOn, state.lastActivityOn, 'withdrawnOn'));
  if (failure !== undefined) return failure;
  return right([{ type: 'GrievanceWithdrawn', data: { withdrawnOn: command.withdrawnOn, reason: command.reason } }, closed(state, command.withdrawnOn, 'withdrawn')]);
};

export const decideSettlement = (command: SettleGrievance, state: FiledGrievance): Decision => {
  const failure = firstFailure(requireNotBeforeLastActivity(command.settledOn, state.lastActivityOn, 'settledOn'));
  if (failure !== undefined) return failure;
  const { settledOn, settlementType, terms, amountCents } = command;
  return right([
    { type: 'GrievanceSettled', data: { settledOn, settlementType, terms, ...(amountCents !== undefined ? { amountCents } : {}) } },
    closed(state, settledOn, 'settled'),
  ]);
};

type StepStage = Extract<GrievanceStage, { readonly kind: 'step' }>;
type ArbitrationStage = Extract<GrievanceStage, { readonly kind: 'arbitration' }>;

/** Arbitration follows the last step's answer, or its lapse. */
const lastStepAnswered = (state: FiledGrievance): Either<DomainError, StepStage> => {
  const stage = state.stage;
  return stage.kind === 'step' && isLastStep(state.procedure, stage.stepId) && (stage.answer !== undefined || stage.answerOverdue)
    ? right(stage)
    : reject(E.arbitrationNotAvailable, `arbitration follows the last step's answer (or its lapse); the grievance is at ${stageId(state)}`, R.arbitration, 'type');
};

const inArbitration = (state: FiledGrievance, rule: string): Either<DomainError, ArbitrationStage> =>
  state.stage.kind === 'arbitration' ? right(state.stage) : reject(E.notInArbitration, 'no arbitration has been demanded', rule, 'type');

export const decideArbitrationDemand = (command: DemandArbitration, state: FiledGrievance): Decision => {
  const arbitration = state.procedure.arbitration;
  if (arbitration === undefined) return reject(E.noArbitration, `${state.agreementId} (${state.editionId}) provides no arbitration`, R.arbitration, 'type');
  if (command.demandedBy !== arbitration.invokedBy) return reject(E.arbitrationByAssociationOnly, 'only the association may invoke arbitration', R.arbitration, 'demandedBy');
  const stage = lastStepAnswered(state);
  if (isLeft(stage)) return stage;
  const notice = findDeadline(state, deadlineIdFor(state.grievanceId, stage.right.stepId, 'arbitrationNotice'));
  const open = notice?.status === 'open' ? notice : undefined;
  const noticeDueOn = open === undefined ? undefined : command.calendar === undefined ? open.dueOn : dueOnAsCounted(open, command.calendar);
  const failure = firstFailure(
    requireNotBeforeLastActivity(command.demandedOn, state.lastActivityOn, 'demandedOn'),
    requireAfterOverdueAnswer(stage.right, command.demandedOn, 'demandedOn'),
    noticeDueOn !== undefined && command.demandedOn > noticeDueOn
      ? reject(E.arbitrationOutOfTime, `notice of arbitration was due by ${noticeDueOn}`, R.arbitration, 'demandedOn', { dueOn: noticeDueOn })
      : undefined,
  );
  if (failure !== undefined) return failure;
  return right([
    ...(open !== undefined ? [{ type: 'DeadlineMet' as const, data: { deadlineId: open.deadlineId, metOn: command.demandedOn } }] : []),
    { type: 'ArbitrationDemanded', data: { demandedOn: command.demandedOn, fromStepId: stage.right.stepId, binding: arbitration.binding } },
  ]);
};

export const decideArbitratorSelection = (command: SelectArbitrator, state: FiledGrievance): Decision => {
  const stage = inArbitration(state, R.arbitration);
  if (isLeft(stage)) return stage;
  const failure = firstFailure(
    stage.right.arbitrator !== undefined ? reject(E.arbitratorAlreadySelected, `${stage.right.arbitrator} was already selected`, R.arbitration, 'arbitrator') : undefined,
    requireNotBeforeLastActivity(command.selectedOn, state.lastActivityOn, 'selectedOn'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ArbitratorSelected', data: { arbitrator: command.arbitrator, selectedOn: command.selectedOn } }]);
};

/** Starts the award clock when the edition limits the time to an award (counted from the hearing's close). */
export const decideHearingClosure = (command: CloseArbitrationHearing, state: FiledGrievance): Decision => {
  const stage = inArbitration(state, R.award);
  if (isLeft(stage)) return stage;
  const failure = firstFailure(
    stage.right.arbitrator === undefined ? reject(E.arbitratorNotSelected, 'a hearing needs a selected arbitrator', R.award, 'type') : undefined,
    stage.right.hearingClosedOn !== undefined ? reject(E.hearingAlreadyClosed, `the hearing closed on ${stage.right.hearingClosedOn}`, R.award, 'closedOn') : undefined,
    requireNotBeforeLastActivity(command.closedOn, state.lastActivityOn, 'closedOn'),
  );
  if (failure !== undefined) return failure;
  const events: GrievanceEvent[] = [{ type: 'ArbitrationHearingClosed', data: { closedOn: command.closedOn } }];
  const awardWithin = state.procedure.arbitration?.awardWithin;
  if (awardWithin !== undefined) {
    const due = scheduleDeadline(state.grievanceId, ARBITRATION_STAGE, 'award', 'arbitrator', command.closedOn, awardWithin, command.calendar);
    if (isLeft(due)) return due;
    events.push(due.right);
  }
  return right(events);
};

const AWARD_OUTCOME = { sustained: 'awardSustained', sustainedInPart: 'awardSustainedInPart', denied: 'awardDenied' } as const;

export const decideAward = (command: RecordAward, state: FiledGrievance): Decision => {
  const stage = inArbitration(state, R.award);
  if (isLeft(stage)) return stage;
  const arbitrator = stage.right.arbitrator;
  if (arbitrator === undefined) return reject(E.arbitratorNotSelected, 'an award needs a selected arbitrator', R.award, 'type');
  const remedy = command.remedy?.trim() === '' ? undefined : command.remedy;
  const failure = firstFailure(
    command.decision !== 'denied' && remedy === undefined ? reject(E.remedyRequired, `a ${command.decision} award states its remedy`, R.award, 'remedy') : undefined,
    requireNotBeforeLastActivity(command.issuedOn, state.lastActivityOn, 'issuedOn'),
  );
  if (failure !== undefined) return failure;
  const due = findDeadline(state, deadlineIdFor(state.grievanceId, ARBITRATION_STAGE, 'award'));
  const onTime: GrievanceEvent[] =
    due?.status !== 'open'
      ? []
      : command.issuedOn <= due.dueOn
        ? [{ type: 'DeadlineMet', data: { deadlineId: due.deadlineId, metOn: command.issuedOn } }]
        : [{ type: 'DeadlineMissed', data: { deadlineId: due.deadlineId, party: due.party, dueOn: due.dueOn, recordedAsOf: command.issuedOn } }];
  return right([
    ...onTime,
    { type: 'ArbitrationAwardIssued', data: { issuedOn: command.issuedOn, decision: command.decision, arbitrator, ...(remedy !== undefined ? { remedy } : {}) } },
    closed(state, command.issuedOn, AWARD_OUTCOME[command.decision], 'arbitration'),
  ]);
};
