import type { CostingAttachment } from '../costing/attachment.js';
import type { BargainingEvent, CycleKind, CycleScope, GroundRules, Initial, Side } from './events.js';
import { articleOf, liveProposalsOn, packageOf, proposalOf } from './queries.js';

export type ProposalStatus = 'live' | 'superseded' | 'withdrawn' | 'resolved';

export interface Proposal {
  readonly proposalId: string;
  readonly side: Side;
  readonly articleKey: string;
  readonly text: string;
  readonly tabledOn: string;
  readonly status: ProposalStatus;
  readonly costing?: CostingAttachment;
  readonly respondsTo?: string;
  readonly packageId?: string;
}

export interface TentativeAgreement {
  readonly articleKey: string;
  readonly text: string;
  readonly reachedOn: string;
  readonly initialedBy: { readonly union: Initial; readonly board: Initial };
  readonly costing?: CostingAttachment;
  readonly articleNumber?: string;
  readonly articleTitle?: string;
}

/** open: something is on the table or must be re-agreed; withdrawn: every proposal on it was taken back. */
export type ArticleStatus = 'open' | 'tentativelyAgreed' | 'withdrawn';

export interface ArticleState {
  readonly status: ArticleStatus;
  readonly ta?: TentativeAgreement;
}

export interface Impasse {
  readonly requestedOn: string;
  readonly requestedItems: readonly string[];
  readonly determination?: {
    readonly on: string;
    readonly items: readonly string[];
    readonly lastBestOffersDueOn: string;
    readonly mediatorSelectionDueOn: string;
    readonly mediationStartDueOn: string;
  };
  readonly lastBestOffers: Partial<Record<Side, string>>;
  readonly mediator?: string;
  readonly mediationStartedOn?: string;
}

/**
 * bargaining → tentativelySettled → ratified → (awaitingFunding → funded | renegotiating) | approved → concluded.
 * A member rejection returns to bargaining.
 */
export type CyclePhase = 'bargaining' | 'tentativelySettled' | 'ratified' | 'awaitingFunding' | 'approved' | 'funded' | 'renegotiating' | 'concluded';

export interface OpenCycleState {
  readonly status: 'open';
  readonly phase: CyclePhase;
  readonly cycleId: string;
  readonly unitId: string;
  readonly kind: CycleKind;
  readonly agreementEdition: string;
  readonly scope: CycleScope;
  readonly groundRules: GroundRules;
  readonly chiefSpokespersons: { readonly union: string; readonly board: string };
  readonly openedOn: string;
  readonly proposals: Readonly<Record<string, Proposal>>;
  readonly packages: Readonly<Record<string, { readonly side: Side; readonly proposalIds: readonly string[]; readonly live: boolean }>>;
  readonly articles: Readonly<Record<string, ArticleState>>;
  readonly impasse?: Impasse;
  readonly settledOn?: string;
  readonly ratification?: { readonly yes: number; readonly no: number; readonly on: string };
  readonly boardApproval?: { readonly on: string; readonly contingentOnFunding: boolean };
  readonly funding?: {
    readonly fundingAuthority: string;
    readonly fundedCents: number;
    readonly requiredCents: number;
    readonly decidedOn: string;
    readonly shortfall: boolean;
  };
  readonly renegotiation?: { readonly articleKeys: readonly string[] };
}

export type BargainingState = { readonly status: 'notOpened' } | OpenCycleState;

export const initialBargainingState: BargainingState = { status: 'notOpened' };

// ---------------------------------------------------------------------------------------------- evolve

const setProposal = (state: OpenCycleState, proposal: Proposal): OpenCycleState => ({
  ...state,
  proposals: { ...state.proposals, [proposal.proposalId]: proposal },
});

const setArticle = (state: OpenCycleState, key: string, article: ArticleState): OpenCycleState => ({
  ...state,
  articles: { ...state.articles, [key]: article },
});

const markProposal = (state: OpenCycleState, proposalId: string | undefined, status: Proposal['status']): OpenCycleState => {
  const proposal = proposalId === undefined ? undefined : proposalOf(state, proposalId);
  return proposal === undefined ? state : setProposal(state, { ...proposal, status });
};

const addLiveProposal = (state: OpenCycleState, proposal: Proposal, supersedes: string | undefined): OpenCycleState =>
  setArticle(setProposal(markProposal(state, supersedes, 'superseded'), proposal), proposal.articleKey, { status: 'open' });

/** After a withdrawal, an article with nothing left on the table counts as withdrawn. */
const settleWithdrawnArticle = (state: OpenCycleState, articleKey: string): OpenCycleState =>
  articleOf(state, articleKey)?.status === 'open' && liveProposalsOn(state, articleKey).length === 0
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
      const pkg = packageOf(state, event.data.packageId);
      const withdrawn = event.data.proposalIds.reduce((s, id) => (proposalOf(s, id)?.status === 'live' ? markProposal(s, id, 'withdrawn') : s), state);
      const keys = event.data.proposalIds.map((id) => proposalOf(state, id)?.articleKey).filter((k): k is string => k !== undefined);
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
