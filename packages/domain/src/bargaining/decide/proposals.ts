import { firstFailure, reject, type Check } from '@laborcase/core';
import type { TableCounter, TableProposal } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { liveProposalOf, proposalOf } from '../queries.js';
import type { OpenCycleState, Proposal } from '../state.js';
import { accept, articleAtTable, newProposalId, notBefore, notInLivePackage, opt, recorded, type Decision } from './common.js';

/** A counter answers the other side's live proposal on the same article, and comes after it. */
const answersLiveProposal = (c: TableCounter, target: Proposal | undefined): Check =>
  target === undefined
    ? reject(Errors.unknownProposal, `no proposal ${c.respondsTo}`, Rules.counter, 'respondsTo')
    : firstFailure(
        target.side === c.side ? reject(Errors.counterMustAnswerOtherSide, `${c.side} cannot counter its own proposal`, Rules.counter, 'side') : undefined,
        target.articleKey !== c.articleKey
          ? reject(Errors.counterOnDifferentArticle, `${c.respondsTo} is on ${target.articleKey}, not ${c.articleKey}`, Rules.counter, 'articleKey')
          : undefined,
        target.status !== 'live' ? reject(Errors.counterTargetNotLive, `${c.respondsTo} is ${target.status}`, Rules.counter, 'respondsTo') : undefined,
        notBefore(Errors.counterBeforeProposal, c.occurredOn, target.tabledOn, `${c.respondsTo} was tabled on ${target.tabledOn}`),
      );

/** A proposal or counter supersedes the same side's live proposal on the article. */
export const decideTabling = (c: TableProposal | TableCounter, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    newProposalId(s, c.proposalId),
    c.type === 'TableCounter' ? answersLiveProposal(c, proposalOf(s, c.respondsTo)) : undefined,
    articleAtTable(s, c.articleKey, 'articleKey'),
    notInLivePackage(s, c.side, c.articleKey, 'articleKey', (id) => `${c.side}'s position on ${c.articleKey} is part of package ${id}; withdraw the package first`),
  );
  if (failure !== undefined) return failure;
  const data = {
    proposalId: c.proposalId,
    side: c.side,
    articleKey: c.articleKey,
    text: c.text,
    tabledBy: c.tabledBy,
    ...recorded(c),
    ...opt('costing', c.costing),
    ...opt('supersedes', liveProposalOf(s, c.side, c.articleKey)?.proposalId),
  };
  return accept([c.type === 'TableCounter' ? { type: 'CounterTabled', data: { ...data, respondsTo: c.respondsTo } } : { type: 'ProposalTabled', data }]);
};
