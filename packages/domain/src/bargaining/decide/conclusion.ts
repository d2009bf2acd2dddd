import { firstFailure, reject, type Check } from '@laborcase/core';
import type { ConcludeCycle } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import type { FundingOutcome } from '../events.js';
import { articleKeysWithStatus, articleOf, costedDeltaOfTas } from '../queries.js';
import type { OpenCycleState } from '../state.js';
import { accept, opt, recorded, type Decision } from './common.js';

type Ratification = NonNullable<OpenCycleState['ratification']>;
type Approval = NonNullable<OpenCycleState['boardApproval']>;
type Funding = NonNullable<OpenCycleState['funding']>;

const READY_PHASES: readonly OpenCycleState['phase'][] = ['approved', 'funded', 'renegotiating'];

/** After a shortfall, every funded item is re-agreed and the re-agreed TAs cost no more than was funded. */
const renegotiatedWithinFunding = (s: OpenCycleState, funding: Funding): Check => {
  const pending = (s.renegotiation?.articleKeys ?? []).filter((k) => articleOf(s, k)?.status !== 'tentativelyAgreed');
  const renegotiated = costedDeltaOfTas(s);
  return s.phase !== 'renegotiating'
    ? undefined
    : firstFailure(
        pending.length > 0
          ? reject(Errors.renegotiationIncomplete, `funded items not yet re-agreed: ${pending.join(', ')}`, Rules.funding, undefined, { pendingArticleKeys: pending })
          : undefined,
        renegotiated > funding.fundedCents
          ? reject(Errors.renegotiatedCostExceedsFunding, `the renegotiated TAs cost ${renegotiated} cents; ${funding.fundedCents} were funded`, Rules.funding)
          : undefined,
      );
};

const fundingOutcome = (s: OpenCycleState, funding: Funding): FundingOutcome =>
  s.phase === 'funded'
    ? { status: 'funded', fundingAuthority: funding.fundingAuthority, fundedCents: funding.fundedCents, requiredCents: funding.requiredCents }
    : {
        status: 'fundedAfterRenegotiation',
        fundingAuthority: funding.fundingAuthority,
        fundedCents: funding.fundedCents,
        originalRequiredCents: funding.requiredCents,
        renegotiatedRequiredCents: costedDeltaOfTas(s),
      };

const concluded = (c: ConcludeCycle, s: OpenCycleState, ratification: Ratification, approval: Approval, funding: FundingOutcome): Decision => {
  const articleChanges = Object.values(s.articles)
    .map((a) => a.ta)
    .filter((ta): ta is NonNullable<typeof ta> => ta !== undefined && articleOf(s, ta.articleKey)?.status === 'tentativelyAgreed')
    .map((ta) => ({
      articleKey: ta.articleKey,
      text: ta.text,
      tentativelyAgreedOn: ta.reachedOn,
      ...opt('costing', ta.costing),
      ...opt('articleNumber', ta.articleNumber),
      ...opt('articleTitle', ta.articleTitle),
    }));
  return accept([
    {
      type: 'CycleConcluded',
      data: {
        cycleId: s.cycleId,
        unitId: s.unitId,
        kind: s.kind,
        editionAction: s.kind === 'reopener' ? 'amend' : 'create',
        baseEdition: s.agreementEdition,
        resultingEdition: c.resultingEdition,
        effectiveOn: c.effectiveOn,
        articleChanges,
        unchangedArticleKeys: articleKeysWithStatus(s, 'withdrawn'),
        ratification: { yes: ratification.yes, no: ratification.no, on: ratification.on },
        boardApprovedOn: approval.on,
        funding,
        ...recorded(c),
      },
    },
  ]);
};

const concludeApproved = (c: ConcludeCycle, s: OpenCycleState, ratification: Ratification, approval: Approval): Decision => {
  if (s.phase === 'approved') return concluded(c, s, ratification, approval, { status: 'notContingent' });
  const funding = s.funding;
  return funding === undefined
    ? reject(Errors.cycleNotReadyToConclude, 'no funding decision recorded', Rules.conclusion)
    : (renegotiatedWithinFunding(s, funding) ?? concluded(c, s, ratification, approval, fundingOutcome(s, funding)));
};

/** A cycle concludes after ratification and board approval and, when approval was contingent, funding. */
export const decideConclusion = (c: ConcludeCycle, s: OpenCycleState): Decision => {
  const { ratification, boardApproval } = s;
  return ratification === undefined || boardApproval === undefined || !READY_PHASES.includes(s.phase)
    ? reject(Errors.cycleNotReadyToConclude, `the cycle is ${s.phase}; it concludes after ratification, board approval and funding`, Rules.conclusion)
    : concludeApproved(c, s, ratification, boardApproval);
};
