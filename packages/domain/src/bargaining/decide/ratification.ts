import { firstFailure, reject } from '@laborcase/core';
import type { RecordBoardApproval, RecordFundingDecision, RecordRatificationVote } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { articleKeysWithStatus, articleOf, costedDeltaOfTas } from '../queries.js';
import type { OpenCycleState } from '../state.js';
import { accept, notBefore, recorded, type Decision } from './common.js';

const isVoteCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** Members vote on the tentative settlement; a rejection reopens every TA'd article. */
export const decideRatificationVote = (c: RecordRatificationVote, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    s.phase !== 'tentativelySettled' ? reject(Errors.notTentativelySettled, 'members vote on a tentative settlement', Rules.ratification) : undefined,
    !isVoteCount(c.yes) || !isVoteCount(c.no) || c.yes + c.no === 0
      ? reject(Errors.invalidVoteCount, 'vote counts are non-negative integers with at least one vote cast', Rules.input, 'yes')
      : undefined,
    s.settledOn === undefined ? undefined : notBefore(Errors.voteBeforeSettlement, c.occurredOn, s.settledOn, `the settlement is dated ${s.settledOn}`),
  );
  if (failure !== undefined) return failure;
  // A simple majority of the votes cast ratifies; a tie fails.
  if (c.yes > c.no) return accept([{ type: 'MembersRatifiedSettlement', data: { yes: c.yes, no: c.no, ...recorded(c) } }]);
  return accept([{ type: 'MembersRejectedSettlement', data: { yes: c.yes, no: c.no, reopenedArticleKeys: articleKeysWithStatus(s, 'tentativelyAgreed'), ...recorded(c) } }]);
};

export const decideBoardApproval = (c: RecordBoardApproval, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    s.phase !== 'ratified' ? reject(Errors.notRatifiedByMembers, 'the board approves only after member ratification', Rules.ratification) : undefined,
    s.ratification === undefined ? undefined : notBefore(Errors.approvalBeforeRatification, c.occurredOn, s.ratification.on, `ratified on ${s.ratification.on}`),
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'BoardApprovedSettlement', data: { contingentOnFunding: c.contingentOnFunding, ...recorded(c) } }]);
};

/** Funding short of the costed TAs sends the costed (economic) TAs back to the table (§6-407 / §6-511). */
export const decideFundingDecision = (c: RecordFundingDecision, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    s.phase !== 'awaitingFunding' ? reject(Errors.notAwaitingFunding, 'only a board approval contingent on funding awaits a funding decision', Rules.funding) : undefined,
    !Number.isSafeInteger(c.fundedCents) || c.fundedCents < 0 ? reject(Errors.invalidCommand, 'fundedCents must be non-negative integer cents', Rules.input, 'fundedCents') : undefined,
    s.boardApproval === undefined ? undefined : notBefore(Errors.fundingBeforeApproval, c.occurredOn, s.boardApproval.on, `board approved on ${s.boardApproval.on}`),
  );
  if (failure !== undefined) return failure;
  const requiredCents = costedDeltaOfTas(s);
  const common = { fundingAuthority: c.fundingAuthority, fundedCents: c.fundedCents, requiredCents, ...recorded(c) };
  if (c.fundedCents >= requiredCents) return accept([{ type: 'SettlementFunded', data: common }]);
  const economic = articleKeysWithStatus(s, 'tentativelyAgreed').filter((k) => articleOf(s, k)?.ta?.costing !== undefined);
  return accept([{ type: 'SettlementFundingShortfallRecorded', data: { ...common, shortfallCents: requiredCents - c.fundedCents, renegotiateArticleKeys: economic } }]);
};
