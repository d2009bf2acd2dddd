import type { AmendmentBasis, Reopener, Term } from './events.js';
import type { GrievanceProcedure } from './procedure.js';

export type AgreementStatus = 'tentativelyAgreed' | 'ratifiedByMembers' | 'approvedByBoard' | 'inEffect' | 'expired' | 'superseded';

export type FundingStatus = 'contingent' | 'funded' | 'renegotiating';

/** One version of an article: its number and title from `effectiveFrom` until the next revision or removal. */
export interface ArticleRevision {
  readonly effectiveFrom: string;
  readonly number: string;
  readonly title: string;
  readonly change: 'registered' | 'added' | 'amended' | 'renumbered';
  readonly summary?: string;
  readonly basis?: AmendmentBasis;
}

/** The full history of one article key in one edition, revisions in effective-date order. */
export interface ArticleHistory {
  readonly key: string;
  readonly revisions: readonly ArticleRevision[];
  /** First date on which the article is no longer in force. */
  readonly removedOn?: string;
}

export interface Mou {
  readonly mouId: string;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string;
  readonly articleKeys: readonly string[];
}

export interface ProcedureVersion {
  readonly effectiveFrom: string;
  readonly procedure: GrievanceProcedure;
  readonly basis?: AmendmentBasis;
}

export interface Milestones {
  readonly tentativelyAgreedOn: string;
  readonly ratifiedOn?: string;
  readonly votesFor?: number;
  readonly votesAgainst?: number;
  readonly approvedOn?: string;
  readonly tookEffectOn?: string;
  readonly expiredOn?: string;
  readonly supersededOn?: string;
  readonly successorEditionId?: string;
}

export interface FundingChange {
  readonly on: string;
  readonly fiscalYear: string;
  readonly status: FundingStatus;
  readonly detail?: string;
}

export interface RegisteredAgreement {
  readonly status: AgreementStatus;
  readonly agreementId: string;
  readonly unitId: string;
  readonly editionId: string;
  readonly title: string;
  readonly term: Term;
  readonly milestones: Milestones;
  readonly fundingStatus: FundingStatus;
  readonly fundingHistory: readonly FundingChange[];
  /** In registration/addition order. */
  readonly articles: readonly ArticleHistory[];
  /** In effective-date order; the first is the procedure registered with the edition. */
  readonly procedures: readonly ProcedureVersion[];
  readonly mous: readonly Mou[];
  readonly reopeners: readonly Reopener[];
}

export type AgreementState = { readonly status: 'unregistered' } | RegisteredAgreement;

export const initialAgreementState: AgreementState = { status: 'unregistered' };

export const isRegistered = (state: AgreementState): state is RegisteredAgreement => state.status !== 'unregistered';

export const isClosed = (agreement: RegisteredAgreement): boolean =>
  agreement.status === 'expired' || agreement.status === 'superseded';

/** Whether the edition has been put into effect at some point (it may since have expired or been superseded). */
export const hasTakenEffect = (agreement: RegisteredAgreement): boolean => agreement.milestones.tookEffectOn !== undefined;
