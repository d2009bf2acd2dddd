import type { CostingAttachment } from '../costing/attachment.js';
import type { CycleKind, CycleScope, ImpasseTimeline, Initial, Side, TaRevocationRule } from './events.js';

/** Every command says when it happened (business date) and who recorded it. */
interface Recorded {
  readonly occurredOn: string;
  readonly actor: string;
}

export interface OpenCycle extends Recorded {
  readonly type: 'OpenCycle';
  readonly cycleId: string;
  readonly unitId: string;
  readonly kind: CycleKind;
  readonly agreementEdition: string;
  readonly scope: CycleScope;
  readonly groundRules: {
    readonly taRevocation: TaRevocationRule;
    /** Omitted limits default to COMAR 14.30.14.02 (10 / 5 / 14 calendar days). */
    readonly impasseTimeline?: Partial<ImpasseTimeline>;
    readonly observerSessions?: number;
    readonly notes?: readonly string[];
  };
  readonly chiefSpokespersons: { readonly union: string; readonly board: string };
}

interface ProposalFields extends Recorded {
  readonly proposalId: string;
  readonly side: Side;
  readonly articleKey: string;
  readonly text: string;
  readonly tabledBy: string;
  readonly costing?: CostingAttachment;
}

export interface TableProposal extends ProposalFields {
  readonly type: 'TableProposal';
}

export interface TableCounter extends ProposalFields {
  readonly type: 'TableCounter';
  /** The other side's live proposal this answers. */
  readonly respondsTo: string;
}

export interface TablePackage extends Recorded {
  readonly type: 'TablePackage';
  readonly packageId: string;
  readonly side: Side;
  readonly tabledBy: string;
  readonly items: readonly { readonly proposalId: string; readonly articleKey: string; readonly text: string; readonly costing?: CostingAttachment }[];
  readonly costing?: CostingAttachment;
}

export interface WithdrawProposal extends Recorded {
  readonly type: 'WithdrawProposal';
  readonly proposalId: string;
  readonly side: Side;
}

export interface WithdrawPackage extends Recorded {
  readonly type: 'WithdrawPackage';
  readonly packageId: string;
  readonly side: Side;
}

export interface ReachTentativeAgreement extends Recorded {
  readonly type: 'ReachTentativeAgreement';
  readonly articleKey: string;
  readonly text: string;
  readonly initialedBy: { readonly union?: Initial; readonly board?: Initial };
  readonly basedOnProposalId?: string;
  readonly costing?: CostingAttachment;
  /** The article's number in the resulting edition when it changes (same key, new number). */
  readonly articleNumber?: string;
  readonly articleTitle?: string;
}

export interface RevokeTentativeAgreement extends Recorded {
  readonly type: 'RevokeTentativeAgreement';
  readonly articleKey: string;
  readonly revokedBy: Side | 'both';
  readonly reason: string;
}

export interface ReachTentativeSettlement extends Recorded {
  readonly type: 'ReachTentativeSettlement';
}

export interface DeclareImpasse extends Recorded {
  readonly type: 'DeclareImpasse';
  readonly requestedBy: Side | 'joint';
  readonly articleKeys: readonly string[];
}

export interface RecordImpasseDetermination extends Recorded {
  readonly type: 'RecordImpasseDetermination';
  readonly reached: boolean;
  /** Items the board found at impasse (all requested = whole, some = part); empty when not reached. */
  readonly articleKeys: readonly string[];
}

export interface SubmitLastBestOffer extends Recorded {
  readonly type: 'SubmitLastBestOffer';
  readonly side: Side;
  readonly items: readonly { readonly articleKey: string; readonly text: string; readonly costing?: CostingAttachment }[];
}

export interface SelectMediator extends Recorded {
  readonly type: 'SelectMediator';
  readonly mediator: string;
  readonly method: 'agreement' | 'alternateStrike';
  /** e.g. "FMCS list of 7". */
  readonly panelSource: string;
}

export interface StartMediation extends Recorded {
  readonly type: 'StartMediation';
}

export interface RecordRatificationVote extends Recorded {
  readonly type: 'RecordRatificationVote';
  readonly yes: number;
  readonly no: number;
}

export interface RecordBoardApproval extends Recorded {
  readonly type: 'RecordBoardApproval';
  readonly contingentOnFunding: boolean;
}

export interface RecordFundingDecision extends Recorded {
  readonly type: 'RecordFundingDecision';
  readonly fundingAuthority: string;
  /** Money appropriated for the costed items, in cents. */
  readonly fundedCents: number;
}

export interface ConcludeCycle extends Recorded {
  readonly type: 'ConcludeCycle';
  readonly resultingEdition: string;
  readonly effectiveOn: string;
}

export type BargainingCommand =
  | OpenCycle
  | TableProposal
  | TableCounter
  | TablePackage
  | WithdrawProposal
  | WithdrawPackage
  | ReachTentativeAgreement
  | RevokeTentativeAgreement
  | ReachTentativeSettlement
  | DeclareImpasse
  | RecordImpasseDetermination
  | SubmitLastBestOffer
  | SelectMediator
  | StartMediation
  | RecordRatificationVote
  | RecordBoardApproval
  | RecordFundingDecision
  | ConcludeCycle;
