import type { AmendmentBasis, ArticleSpec, Reopener, Term } from './events.js';
import type { GrievanceProcedure } from './procedure.js';

/** Register an edition once its terms are tentatively agreed at the table. */
export interface RegisterAgreementEdition {
  readonly type: 'RegisterAgreementEdition';
  readonly unitId: string;
  readonly editionId: string;
  readonly title: string;
  readonly term: Term;
  readonly tentativelyAgreedOn: string;
  readonly fundingContingent: boolean;
  readonly articles: readonly ArticleSpec[];
  readonly grievanceProcedure: GrievanceProcedure;
  readonly reopeners: readonly Reopener[];
}

export interface RecordMemberRatification {
  readonly type: 'RecordMemberRatification';
  readonly ratifiedOn: string;
  readonly votesFor?: number;
  readonly votesAgainst?: number;
}

export interface RecordBoardApproval {
  readonly type: 'RecordBoardApproval';
  readonly approvedOn: string;
}

export interface PutAgreementIntoEffect {
  readonly type: 'PutAgreementIntoEffect';
  readonly effectiveOn: string;
}

export interface ExpireAgreement {
  readonly type: 'ExpireAgreement';
  readonly expiredOn: string;
}

export interface SupersedeAgreement {
  readonly type: 'SupersedeAgreement';
  readonly supersededOn: string;
  readonly successorEditionId: string;
}

export interface RecordFundingShortfall {
  readonly type: 'RecordFundingShortfall';
  readonly recordedOn: string;
  readonly fiscalYear: string;
  readonly detail: string;
}

export interface ConfirmFunding {
  readonly type: 'ConfirmFunding';
  readonly confirmedOn: string;
  readonly fiscalYear: string;
}

/** Change an article's text (and optionally its title) from `effectiveOn`; the number stays. */
export interface AmendArticle {
  readonly type: 'AmendArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly summary: string;
  readonly title?: string;
  readonly basis?: AmendmentBasis;
}

/** Give an article a new number (and optionally title) from `effectiveOn`; the key stays. */
export interface RenumberArticle {
  readonly type: 'RenumberArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly number: string;
  readonly title?: string;
  readonly basis?: AmendmentBasis;
}

export interface AddArticle {
  readonly type: 'AddArticle';
  readonly articleKey: string;
  readonly number: string;
  readonly title: string;
  readonly effectiveOn: string;
  readonly basis?: AmendmentBasis;
}

/** Remove an article from `effectiveOn` (it stays in force until the day before). */
export interface RemoveArticle {
  readonly type: 'RemoveArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly basis?: AmendmentBasis;
}

export interface AttachMou {
  readonly type: 'AttachMou';
  readonly mouId: string;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string;
  readonly articleKeys: readonly string[];
}

export interface SetReopenerScope {
  readonly type: 'SetReopenerScope';
  readonly fiscalYear: string;
  readonly articleKeys: readonly string[];
}

export interface AmendGrievanceProcedure {
  readonly type: 'AmendGrievanceProcedure';
  readonly effectiveOn: string;
  readonly procedure: GrievanceProcedure;
  readonly basis?: AmendmentBasis;
}

export type AgreementCommand =
  | RegisterAgreementEdition
  | RecordMemberRatification
  | RecordBoardApproval
  | PutAgreementIntoEffect
  | ExpireAgreement
  | SupersedeAgreement
  | RecordFundingShortfall
  | ConfirmFunding
  | AmendArticle
  | RenumberArticle
  | AddArticle
  | RemoveArticle
  | AttachMou
  | SetReopenerScope
  | AmendGrievanceProcedure;
