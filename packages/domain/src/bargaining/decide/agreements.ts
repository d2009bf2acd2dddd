import { compareDates, firstFailure, isIsoDate, reject, type Check } from '@laborcase/core';
import type { ReachTentativeAgreement, ReachTentativeSettlement, RevokeTentativeAgreement } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { articleKeysWithStatus, articleOf, costedDeltaOfTas, proposalOf } from '../queries.js';
import type { OpenCycleState } from '../state.js';
import { accept, articleAtTable, notBefore, opt, recorded, type Decision } from './common.js';

/** The side's chief spokesperson initialled the TA, dated within the cycle and not after the TA. */
const initialledBy = (c: ReachTentativeAgreement, s: OpenCycleState, side: 'union' | 'board'): Check => {
  const initial = c.initialedBy[side];
  const field = `initialedBy.${side}`;
  return initial === undefined
    ? reject(Errors.taNeedsBothInitials, `the ${side} chief spokesperson has not initialled`, Rules.taInitials, field)
    : firstFailure(
        initial.name !== s.chiefSpokespersons[side]
          ? reject(Errors.notChiefSpokesperson, `${initial.name} is not the ${side} chief spokesperson (${s.chiefSpokespersons[side]})`, Rules.taInitials, field)
          : undefined,
        !isIsoDate(initial.on) || compareDates(initial.on, c.occurredOn) > 0 || compareDates(initial.on, s.openedOn) < 0
          ? reject(Errors.initialOutsideCycle, `the ${side} initial must be dated between the opening and ${c.occurredOn}`, Rules.dates, `${field}.on`)
          : undefined,
      );
};

const basisOnArticle = (c: ReachTentativeAgreement, s: OpenCycleState): Check => {
  const basis = c.basedOnProposalId === undefined ? undefined : proposalOf(s, c.basedOnProposalId);
  return c.basedOnProposalId !== undefined && (basis === undefined || basis.articleKey !== c.articleKey)
    ? reject(Errors.unknownProposal, `no proposal ${c.basedOnProposalId} on ${c.articleKey}`, Rules.atTable, 'basedOnProposalId')
    : undefined;
};

export const decideTentativeAgreement = (c: ReachTentativeAgreement, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    articleAtTable(s, c.articleKey, 'articleKey'),
    articleOf(s, c.articleKey)?.status !== 'open' ? reject(Errors.articleNotOnTable, `${c.articleKey} has nothing on the table to agree`, Rules.atTable, 'articleKey') : undefined,
    initialledBy(c, s, 'union'),
    initialledBy(c, s, 'board'),
    basisOnArticle(c, s),
  );
  if (failure !== undefined) return failure;
  // Both initials are present: initialledBy checked them.
  const { union, board } = c.initialedBy as Required<ReachTentativeAgreement['initialedBy']>;
  return accept([
    {
      type: 'TentativeAgreementReached',
      data: {
        articleKey: c.articleKey,
        text: c.text,
        initialedBy: { union: { name: union.name, on: union.on }, board: { name: board.name, on: board.on } },
        ...recorded(c),
        ...opt('costing', c.costing),
        ...opt('basedOnProposalId', c.basedOnProposalId),
        ...opt('articleNumber', c.articleNumber),
        ...opt('articleTitle', c.articleTitle),
      },
    },
  ]);
};

export const decideRevocation = (c: RevokeTentativeAgreement, s: OpenCycleState): Decision => {
  const rule = s.groundRules.taRevocation;
  const failure = firstFailure(
    s.phase !== 'bargaining' ? reject(Errors.cycleNotAtTable, `the cycle is ${s.phase}; TAs can no longer be revoked`, Rules.taRevocation, 'articleKey') : undefined,
    articleOf(s, c.articleKey)?.status !== 'tentativelyAgreed' ? reject(Errors.noTentativeAgreement, `${c.articleKey} has no TA to revoke`, Rules.taRevocation, 'articleKey') : undefined,
    rule === 'never' ? reject(Errors.taRevocationNotAllowed, 'the ground rules do not allow revoking an initialled TA', Rules.taRevocation, 'articleKey') : undefined,
    rule === 'mutualAgreementOnly' && c.revokedBy !== 'both'
      ? reject(Errors.taRevocationNeedsMutualAgreement, 'the ground rules allow revoking a TA only by mutual agreement', Rules.taRevocation, 'revokedBy')
      : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'TentativeAgreementRevoked', data: { articleKey: c.articleKey, revokedBy: c.revokedBy, reason: c.reason, ...recorded(c) } }]);
};

const lastTaDate = (s: OpenCycleState, agreed: readonly string[]): string =>
  agreed.map((k) => articleOf(s, k)?.ta?.reachedOn ?? s.openedOn).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b), s.openedOn);

/** Settlement once every article on the table is TA'd or withdrawn, dated on or after the last TA. */
export const decideSettlement = (c: ReachTentativeSettlement, s: OpenCycleState): Decision => {
  const open = articleKeysWithStatus(s, 'open');
  const agreed = articleKeysWithStatus(s, 'tentativelyAgreed');
  const failure = firstFailure(
    s.phase !== 'bargaining' ? reject(Errors.cycleNotAtTable, `the cycle is ${s.phase}`, Rules.settlement) : undefined,
    open.length > 0 ? reject(Errors.openArticlesRemain, `still open: ${open.join(', ')}`, Rules.settlement, undefined, { openArticleKeys: open }) : undefined,
    agreed.length === 0 ? reject(Errors.nothingTentativelyAgreed, 'a tentative settlement needs at least one TA', Rules.settlement) : undefined,
    () => {
      const lastTa = lastTaDate(s, agreed);
      return notBefore(Errors.settlementBeforeLastTa, c.occurredOn, lastTa, `the last TA was initialled on ${lastTa}`);
    },
  );
  if (failure !== undefined) return failure;
  return accept([
    {
      type: 'TentativeSettlementReached',
      data: { tentativelyAgreedArticleKeys: agreed, withdrawnArticleKeys: articleKeysWithStatus(s, 'withdrawn'), costedDeltaCents: costedDeltaOfTas(s), ...recorded(c) },
    },
  ]);
};
