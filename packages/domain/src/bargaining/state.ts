import type { CostingAttachment } from '../costing/attachment.js';
import type { CycleKind, CycleScope, GroundRules, Initial, Side } from './events.js';

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

export const liveProposalsOn = (state: OpenCycleState, articleKey: string): Proposal[] =>
  Object.values(state.proposals).filter((p) => p.articleKey === articleKey && p.status === 'live');

export const liveProposalOf = (state: OpenCycleState, side: Side, articleKey: string): Proposal | undefined =>
  liveProposalsOn(state, articleKey).find((p) => p.side === side);

export const articleKeysWithStatus = (state: OpenCycleState, status: ArticleStatus): string[] =>
  Object.entries(state.articles)
    .filter(([, a]) => a.status === status)
    .map(([key]) => key);

/** The sum of the costed TAs' deltas (the money the settlement needs). */
export const costedDeltaOfTas = (state: OpenCycleState, articleKeys?: readonly string[]): number =>
  Object.entries(state.articles)
    .filter(([key, a]) => a.status === 'tentativelyAgreed' && (articleKeys === undefined || articleKeys.includes(key)))
    .reduce((sum, [, a]) => sum + (a.ta?.costing?.delta ?? 0), 0);
