import type { AgreementEvent, AmendmentBasis, Reopener, Term } from './events.js';
import type { GrievanceProcedure } from './procedure.js';
import { agreementStreamId } from './streamId.js';

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

const latestRevision = (history: ArticleHistory): ArticleRevision | undefined => history.revisions[history.revisions.length - 1];

const reviseArticle = (
  agreement: RegisteredAgreement,
  key: string,
  revise: (history: ArticleHistory) => ArticleHistory,
): RegisteredAgreement => ({
  ...agreement,
  articles: agreement.articles.map((history) => (history.key === key ? revise(history) : history)),
});

const appendRevision = (history: ArticleHistory, revision: ArticleRevision): ArticleHistory => ({
  ...history,
  revisions: [...history.revisions, revision],
});

const evolveRegistered = (agreement: RegisteredAgreement, event: AgreementEvent): RegisteredAgreement => {
  switch (event.type) {
    case 'AgreementEditionRegistered':
      return agreement;
    case 'AgreementRatifiedByMembers': {
      const { ratifiedOn, votesFor, votesAgainst } = event.data;
      return {
        ...agreement,
        status: 'ratifiedByMembers',
        milestones: {
          ...agreement.milestones,
          ratifiedOn,
          ...(votesFor !== undefined ? { votesFor } : {}),
          ...(votesAgainst !== undefined ? { votesAgainst } : {}),
        },
      };
    }
    case 'AgreementApprovedByBoard':
      return { ...agreement, status: 'approvedByBoard', milestones: { ...agreement.milestones, approvedOn: event.data.approvedOn } };
    case 'AgreementTookEffect':
      return { ...agreement, status: 'inEffect', milestones: { ...agreement.milestones, tookEffectOn: event.data.effectiveOn } };
    case 'AgreementExpired':
      return { ...agreement, status: 'expired', milestones: { ...agreement.milestones, expiredOn: event.data.expiredOn } };
    case 'AgreementSuperseded':
      return {
        ...agreement,
        status: 'superseded',
        milestones: { ...agreement.milestones, supersededOn: event.data.supersededOn, successorEditionId: event.data.successorEditionId },
      };
    case 'FundingShortfallRecorded': {
      const { recordedOn, fiscalYear, detail } = event.data;
      return {
        ...agreement,
        fundingStatus: 'renegotiating',
        fundingHistory: [...agreement.fundingHistory, { on: recordedOn, fiscalYear, status: 'renegotiating', detail }],
      };
    }
    case 'FundingConfirmed': {
      const { confirmedOn, fiscalYear } = event.data;
      return {
        ...agreement,
        fundingStatus: 'funded',
        fundingHistory: [...agreement.fundingHistory, { on: confirmedOn, fiscalYear, status: 'funded' }],
      };
    }
    case 'ArticleAmended': {
      const { articleKey, effectiveOn, summary, title, basis } = event.data;
      return reviseArticle(agreement, articleKey, (history) => {
        const current = latestRevision(history);
        if (current === undefined) return history;
        return appendRevision(history, {
          effectiveFrom: effectiveOn,
          number: current.number,
          title: title ?? current.title,
          change: 'amended',
          summary,
          ...(basis !== undefined ? { basis } : {}),
        });
      });
    }
    case 'ArticleRenumbered': {
      const { articleKey, effectiveOn, number, title, basis } = event.data;
      return reviseArticle(agreement, articleKey, (history) => {
        const current = latestRevision(history);
        if (current === undefined) return history;
        return appendRevision(history, {
          effectiveFrom: effectiveOn,
          number,
          title: title ?? current.title,
          change: 'renumbered',
          ...(basis !== undefined ? { basis } : {}),
        });
      });
    }
    case 'ArticleAdded': {
      const { articleKey, number, title, effectiveOn, basis } = event.data;
      const revision: ArticleRevision = { effectiveFrom: effectiveOn, number, title, change: 'added', ...(basis !== undefined ? { basis } : {}) };
      return { ...agreement, articles: [...agreement.articles, { key: articleKey, revisions: [revision] }] };
    }
    case 'ArticleRemoved':
      return reviseArticle(agreement, event.data.articleKey, (history) => ({ ...history, removedOn: event.data.effectiveOn }));
    case 'MouAttached': {
      const { mouId, title, effectiveFrom, effectiveUntil, articleKeys } = event.data;
      return {
        ...agreement,
        mous: [...agreement.mous, { mouId, title, effectiveFrom, ...(effectiveUntil !== undefined ? { effectiveUntil } : {}), articleKeys }],
      };
    }
    case 'ReopenerScopeSet': {
      const { fiscalYear, articleKeys } = event.data;
      return {
        ...agreement,
        reopeners: agreement.reopeners.map((r) => (r.fiscalYear === fiscalYear ? { fiscalYear, articleKeys } : r)),
      };
    }
    case 'GrievanceProcedureAmended': {
      const { effectiveOn, procedure, basis } = event.data;
      return {
        ...agreement,
        procedures: [...agreement.procedures, { effectiveFrom: effectiveOn, procedure, ...(basis !== undefined ? { basis } : {}) }],
      };
    }
  }
};

export const evolveAgreement = (state: AgreementState, event: AgreementEvent): AgreementState => {
  if (event.type === 'AgreementEditionRegistered') {
    if (state.status !== 'unregistered') return state;
    const data = event.data;
    return {
      status: 'tentativelyAgreed',
      agreementId: agreementStreamId(data.unitId, data.editionId),
      unitId: data.unitId,
      editionId: data.editionId,
      title: data.title,
      term: data.term,
      milestones: { tentativelyAgreedOn: data.tentativelyAgreedOn },
      fundingStatus: data.fundingContingent ? 'contingent' : 'funded',
      fundingHistory: [],
      articles: data.articles.map((a) => ({
        key: a.key,
        revisions: [{ effectiveFrom: data.term.effectiveFrom, number: a.number, title: a.title, change: 'registered' }],
      })),
      procedures: [{ effectiveFrom: data.term.effectiveFrom, procedure: data.grievanceProcedure }],
      mous: [],
      reopeners: data.reopeners,
    };
  }
  return state.status === 'unregistered' ? state : evolveRegistered(state, event);
};
