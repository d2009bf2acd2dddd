import { isLeft, right } from 'fp-ts/lib/Either.js';
import { isLastStep } from '../agreement/procedure.js';
import type { CloseArbitrationHearing, DemandArbitration, RecordAward, SelectArbitrator, SettleGrievance, WithdrawGrievance } from './commands.js';
import { scheduleDeadline } from './deadlines.js';
import { closed, stageId, type Decision } from './decision.js';
import type { GrievanceEvent } from './events.js';
import { GrievanceErrors as E, GrievanceRules as R, firstFailure, reject, requireAfterOverdueAnswer, requireDate, requireNotBefore, requireText } from './rules.js';
import { ARBITRATION_STAGE, deadlineIdFor, findDeadline, type FiledGrievance } from './state.js';

export const decideWithdrawal = (command: WithdrawGrievance, state: FiledGrievance): Decision => {
  const invalid = firstFailure(requireDate(command.withdrawnOn, 'withdrawnOn'), requireText(command.reason, 'reason'));
  if (invalid !== undefined) return invalid;
  const order = requireNotBefore(command.withdrawnOn, state.lastActivityOn, 'withdrawnOn', 'the last recorded activity');
  if (order !== undefined) return order;
  return right([{ type: 'GrievanceWithdrawn', data: { withdrawnOn: command.withdrawnOn, reason: command.reason } }, closed(state, command.withdrawnOn, 'withdrawn')]);
};

export const decideSettlement = (command: SettleGrievance, state: FiledGrievance): Decision => {
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

export const decideArbitrationDemand = (command: DemandArbitration, state: FiledGrievance): Decision => {
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
  const order = firstFailure(
    requireNotBefore(command.demandedOn, state.lastActivityOn, 'demandedOn', 'the last recorded activity'),
    requireAfterOverdueAnswer(stage, command.demandedOn, 'demandedOn'),
  );
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

export const decideArbitratorSelection = (command: SelectArbitrator, state: FiledGrievance): Decision => {
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

/** Starts the award clock when the edition limits the time to an award (counted from the hearing's close). */
export const decideHearingClosure = (command: CloseArbitrationHearing, state: FiledGrievance): Decision => {
  const invalid = requireDate(command.closedOn, 'closedOn');
  if (invalid !== undefined) return invalid;
  const stage = state.stage;
  if (stage.kind !== 'arbitration') return reject(E.notInArbitration, 'no arbitration has been demanded', R.award, 'type');
  if (stage.arbitrator === undefined) return reject(E.arbitratorNotSelected, 'a hearing needs a selected arbitrator', R.award, 'type');
  if (stage.hearingClosedOn !== undefined) return reject(E.hearingAlreadyClosed, `the hearing closed on ${stage.hearingClosedOn}`, R.award, 'closedOn');
  const order = requireNotBefore(command.closedOn, state.lastActivityOn, 'closedOn', 'the last recorded activity');
  if (order !== undefined) return order;
  const events: GrievanceEvent[] = [{ type: 'ArbitrationHearingClosed', data: { closedOn: command.closedOn } }];
  const awardWithin = state.procedure.arbitration?.awardWithin;
  if (awardWithin !== undefined) {
    const due = scheduleDeadline(state.grievanceId, ARBITRATION_STAGE, 'award', 'arbitrator', command.closedOn, awardWithin, command.calendar);
    if (isLeft(due)) return due;
    events.push(due.right);
  }
  return right(events);
};

export const decideAward = (command: RecordAward, state: FiledGrievance): Decision => {
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
  const events: GrievanceEvent[] = [];
  const due = findDeadline(state, deadlineIdFor(state.grievanceId, ARBITRATION_STAGE, 'award'));
  if (due?.status === 'open') {
    events.push(
      command.issuedOn <= due.dueOn
        ? { type: 'DeadlineMet', data: { deadlineId: due.deadlineId, metOn: command.issuedOn } }
        : { type: 'DeadlineMissed', data: { deadlineId: due.deadlineId, party: due.party, dueOn: due.dueOn, recordedAsOf: command.issuedOn } },
    );
  }
  const outcome = command.decision === 'sustained' ? 'awardSustained' : command.decision === 'sustainedInPart' ? 'awardSustainedInPart' : 'awardDenied';
  return right([
    ...events,
    { type: 'ArbitrationAwardIssued', data: { issuedOn: command.issuedOn, decision: command.decision, arbitrator, ...(remedy !== undefined ? { remedy } : {}) } },
    closed(state, command.issuedOn, outcome, 'arbitration'),
  ]);
};
