import { firstFailure, isIsoDate, reject, type Decider } from '@laborcase/core';
import type { BargainingCommand, OpenCycle } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import type { BargainingEvent } from '../events.js';
import { evolve, initialBargainingState, type BargainingState, type OpenCycleState } from '../state.js';
import { decideSettlement, decideRevocation, decideTentativeAgreement } from './agreements.js';
import { notBefore, type Decision } from './common.js';
import { decideConclusion } from './conclusion.js';
import { decideImpasseDetermination, decideImpasseRequest, decideLastBestOffer, decideMediationStart, decideMediatorSelection } from './impasse.js';
import { decideOpenCycle } from './opening.js';
import { decideTablePackage, decideWithdrawPackage, decideWithdrawProposal } from './packages.js';
import { decideTabling } from './proposals.js';
import { decideBoardApproval, decideFundingDecision, decideRatificationVote } from './ratification.js';

export type { Decision } from './common.js';

const decideOnOpenCycle = (command: Exclude<BargainingCommand, OpenCycle>, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    s.phase === 'concluded' ? reject(Errors.cycleAlreadyConcluded, 'a concluded cycle accepts no further commands', Rules.lifecycle) : undefined,
    notBefore(Errors.beforeCycleOpened, command.occurredOn, s.openedOn, `the cycle opened on ${s.openedOn}`),
  );
  if (failure !== undefined) return failure;
  switch (command.type) {
    case 'TableProposal':
    case 'TableCounter':
      return decideTabling(command, s);
    case 'TablePackage':
      return decideTablePackage(command, s);
    case 'WithdrawProposal':
      return decideWithdrawProposal(command, s);
    case 'WithdrawPackage':
      return decideWithdrawPackage(command, s);
    case 'ReachTentativeAgreement':
      return decideTentativeAgreement(command, s);
    case 'RevokeTentativeAgreement':
      return decideRevocation(command, s);
    case 'ReachTentativeSettlement':
      return decideSettlement(command, s);
    case 'DeclareImpasse':
      return decideImpasseRequest(command, s);
    case 'RecordImpasseDetermination':
      return decideImpasseDetermination(command, s);
    case 'SubmitLastBestOffer':
      return decideLastBestOffer(command, s);
    case 'SelectMediator':
      return decideMediatorSelection(command, s);
    case 'StartMediation':
      return decideMediationStart(command, s);
    case 'RecordRatificationVote':
      return decideRatificationVote(command, s);
    case 'RecordBoardApproval':
      return decideBoardApproval(command, s);
    case 'RecordFundingDecision':
      return decideFundingDecision(command, s);
    case 'ConcludeCycle':
      return decideConclusion(command, s);
  }
};

export const decide = (command: BargainingCommand, state: BargainingState): Decision => {
  const failure = firstFailure(
    isIsoDate(command.occurredOn) ? undefined : reject(Errors.invalidCommand, 'occurredOn must be a YYYY-MM-DD business date', Rules.input, 'occurredOn'),
  );
  if (failure !== undefined) return failure;
  if (command.type === 'OpenCycle') {
    return state.status === 'notOpened' ? decideOpenCycle(command) : reject(Errors.cycleAlreadyOpened, `cycle ${state.cycleId} is already open`, Rules.lifecycle);
  }
  return state.status === 'open' ? decideOnOpenCycle(command, state) : reject(Errors.cycleNotOpened, 'the bargaining cycle has not been opened', Rules.lifecycle);
};

export const bargainingCycleDecider: Decider<BargainingCommand, BargainingState, BargainingEvent> = {
  decide,
  evolve,
  initialState: initialBargainingState,
};
