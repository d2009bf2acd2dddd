import type { BargainingEvent } from './events.js';
import { liveProposalsOn, type ArticleState, type BargainingState, type OpenCycleState, type Proposal } from './state.js';

const setProposal = (state: OpenCycleState, proposal: Proposal): OpenCycleState => ({
  ...state,
  proposals: { ...state.proposals, [proposal.proposalId]: proposal },
});

const setArticle = (state: OpenCycleState, key: string, article: ArticleState): OpenCycleState => ({
  ...state,
  articles: { ...state.articles, [key]: article },
});

const markProposal = (state: OpenCycleState, proposalId: string | undefined, status: Proposal['status']): OpenCycleState => {
  const proposal = proposalId === undefined ? undefined : state.proposals[proposalId];
  return proposal === undefined ? state : setProposal(state, { ...proposal, status });
};

const addLiveProposal = (state: OpenCycleState, proposal: Proposal, supersedes: string | undefined): OpenCycleState =>
  setArticle(setProposal(markProposal(state, supersedes, 'superseded'), proposal), proposal.articleKey, { status: 'open' });

/** After a withdrawal, an article with nothing left on the table counts as withdrawn. */
const settleWithdrawnArticle = (state: OpenCycleState, articleKey: string): OpenCycleState =>
  state.articles[articleKey]?.status === 'open' && liveProposalsOn(state, articleKey).length === 0
    ? setArticle(state, articleKey, { status: 'withdrawn' })
    : state;

const reopenArticles = (state: OpenCycleState, keys: readonly string[]): OpenCycleState =>
  keys.reduce((s, key) => setArticle(s, key, { status: 'open' }), state);

const evolveOpen = (state: OpenCycleState, event: BargainingEvent): OpenCycleState => {
  switch (event.type) {
    case 'CycleOpened':
      return state;
    case 'ProposalTabled':
    case 'CounterTabled': {
      const d = event.data;
      const proposal: Proposal = {
        proposalId: d.proposalId,
        side: d.side,
        articleKey: d.articleKey,
        text: d.text,
        tabledOn: d.occurredOn,
        status: 'live',
        ...(d.costing === undefined ? {} : { costing: d.costing }),
        ...(event.type === 'CounterTabled' ? { respondsTo: event.data.respondsTo } : {}),
      };
      return addLiveProposal(state, proposal, d.supersedes);
    }
    case 'PackageTabled': {
      const d = event.data;
      const withItems = d.items.reduce(
        (s, item) =>
          addLiveProposal(
            s,
            {
              proposalId: item.proposalId,
              side: d.side,
              articleKey: item.articleKey,
              text: item.text,
              tabledOn: d.occurredOn,
              status: 'live',
              packageId: d.packageId,
              ...(item.costing === undefined ? {} : { costing: item.costing }),
            },
            item.supersedes,
          ),
        state,
      );
      return { ...withItems, packages: { ...withItems.packages, [d.packageId]: { side: d.side, proposalIds: d.items.map((i) => i.proposalId), live: true } } };
    }
    case 'ProposalWithdrawn':
      return settleWithdrawnArticle(markProposal(state, event.data.proposalId, 'withdrawn'), event.data.articleKey);
    case 'PackageWithdrawn': {
      const pkg = state.packages[event.data.packageId];
      const withdrawn = event.data.proposalIds.reduce((s, id) => (s.proposals[id]?.status === 'live' ? markProposal(s, id, 'withdrawn') : s), state);
      const keys = event.data.proposalIds.map((id) => state.proposals[id]?.articleKey).filter((k): k is string => k !== undefined);
      const settled = keys.reduce(settleWithdrawnArticle, withdrawn);
      return pkg === undefined ? settled : { ...settled, packages: { ...settled.packages, [event.data.packageId]: { ...pkg, live: false } } };
    }
    case 'TentativeAgreementReached': {
      const d = event.data;
      const resolved = liveProposalsOn(state, d.articleKey).reduce((s, p) => markProposal(s, p.proposalId, 'resolved'), state);
      return setArticle(resolved, d.articleKey, {
        status: 'tentativelyAgreed',
        ta: {
          articleKey: d.articleKey,
          text: d.text,
          reachedOn: d.occurredOn,
          initialedBy: d.initialedBy,
          ...(d.costing === undefined ? {} : { costing: d.costing }),
          ...(d.articleNumber === undefined ? {} : { articleNumber: d.articleNumber }),
          ...(d.articleTitle === undefined ? {} : { articleTitle: d.articleTitle }),
        },
      });
    }
    case 'TentativeAgreementRevoked':
      return reopenArticles(state, [event.data.articleKey]);
    case 'TentativeSettlementReached': {
      const { impasse: _over, ...rest } = state;
      return { ...rest, phase: 'tentativelySettled', settledOn: event.data.occurredOn };
    }
    case 'ImpasseDeclared':
      return { ...state, impasse: { requestedOn: event.data.occurredOn, requestedItems: event.data.articleKeys, lastBestOffers: {} } };
    case 'ImpasseDetermined':
      return state.impasse === undefined
        ? state
        : {
            ...state,
            impasse: {
              ...state.impasse,
              determination: {
                on: event.data.occurredOn,
                items: event.data.articleKeys,
                lastBestOffersDueOn: event.data.lastBestOffersDueOn,
                mediatorSelectionDueOn: event.data.mediatorSelectionDueOn,
                mediationStartDueOn: event.data.mediationStartDueOn,
              },
            },
          };
    case 'ImpasseNotFound': {
      const { impasse: _none, ...rest } = state;
      return rest;
    }
    case 'LastBestOfferSubmitted':
      return state.impasse === undefined
        ? state
        : { ...state, impasse: { ...state.impasse, lastBestOffers: { ...state.impasse.lastBestOffers, [event.data.side]: event.data.occurredOn } } };
    case 'MediatorSelected':
      return state.impasse === undefined ? state : { ...state, impasse: { ...state.impasse, mediator: event.data.mediator } };
    case 'MediationStarted':
      return state.impasse === undefined ? state : { ...state, impasse: { ...state.impasse, mediationStartedOn: event.data.occurredOn } };
    case 'MembersRatifiedSettlement':
      return { ...state, phase: 'ratified', ratification: { yes: event.data.yes, no: event.data.no, on: event.data.occurredOn } };
    case 'MembersRejectedSettlement': {
      const { settledOn: _s, ...rest } = state;
      return reopenArticles({ ...rest, phase: 'bargaining' }, event.data.reopenedArticleKeys);
    }
    case 'BoardApprovedSettlement':
      return {
        ...state,
        phase: event.data.contingentOnFunding ? 'awaitingFunding' : 'approved',
        boardApproval: { on: event.data.occurredOn, contingentOnFunding: event.data.contingentOnFunding },
      };
    case 'SettlementFunded':
      return {
        ...state,
        phase: 'funded',
        funding: { fundingAuthority: event.data.fundingAuthority, fundedCents: event.data.fundedCents, requiredCents: event.data.requiredCents, decidedOn: event.data.occurredOn, shortfall: false },
      };
    case 'SettlementFundingShortfallRecorded':
      return reopenArticles(
        {
          ...state,
          phase: 'renegotiating',
          funding: { fundingAuthority: event.data.fundingAuthority, fundedCents: event.data.fundedCents, requiredCents: event.data.requiredCents, decidedOn: event.data.occurredOn, shortfall: true },
          renegotiation: { articleKeys: event.data.renegotiateArticleKeys },
        },
        event.data.renegotiateArticleKeys,
      );
    case 'CycleConcluded':
      return { ...state, phase: 'concluded' };
  }
};

export const evolve = (state: BargainingState, event: BargainingEvent): BargainingState => {
  if (event.type === 'CycleOpened') {
    const d = event.data;
    return {
      status: 'open',
      phase: 'bargaining',
      cycleId: d.cycleId,
      unitId: d.unitId,
      kind: d.kind,
      agreementEdition: d.agreementEdition,
      scope: d.scope,
      groundRules: d.groundRules,
      chiefSpokespersons: d.chiefSpokespersons,
      openedOn: d.occurredOn,
      proposals: {},
      packages: {},
      articles: {},
    };
  }
  return state.status === 'open' ? evolveOpen(state, event) : state;
};
