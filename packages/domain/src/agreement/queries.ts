/** Pure questions the Grievance aggregate, projections and reports ask of an agreement edition. */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { addDays, reject, type DomainError } from '@laborcase/core';
import { AgreementErrors, AgreementRules } from './errors.js';
import type { GrievanceProcedure } from './procedure.js';
import { hasTakenEffect, isRegistered, type AgreementState, type ArticleHistory, type RegisteredAgreement } from './state.js';

/** An article as it reads on a given date. */
export interface ArticleAsOf {
  readonly key: string;
  readonly number: string;
  readonly title: string;
  /** When this number/title took effect. */
  readonly since: string;
}

/** `articleAsOf` plus the edition it belongs to, for citing in a grievance. */
export interface ArticleInForce extends ArticleAsOf {
  readonly agreementId: string;
  readonly editionId: string;
}

/** The codes the queries return, under their earlier names (the table in errors.ts is the source). */
export const UNKNOWN_ARTICLE_KEY = AgreementErrors.unknownArticleKey;
export const ARTICLE_NOT_IN_FORCE = AgreementErrors.articleNotInForce;
export const DATE_OUTSIDE_TERM = AgreementErrors.dateOutsideTerm;
export const AGREEMENT_NOT_REGISTERED = AgreementErrors.notRegistered;
export const NO_EDITION_IN_FORCE = AgreementErrors.noEditionInForce;

/** Whether `date` lies within the edition's term (both ends included). */
export const termCovers = (agreement: RegisteredAgreement, date: string): boolean =>
  agreement.term.effectiveFrom <= date && date <= agreement.term.expiresOn;

/** The last date the edition governs: the day before supersession, or the end of its term. */
export const lastDayGoverned = (agreement: RegisteredAgreement): string => {
  const superseded = agreement.milestones.supersededOn;
  return superseded !== undefined && superseded <= agreement.term.expiresOn ? addDays(superseded, -1) : agreement.term.expiresOn;
};

const revisionAsOf = (history: ArticleHistory, date: string): ArticleAsOf | undefined => {
  if (history.removedOn !== undefined && date >= history.removedOn) return undefined;
  let found: ArticleAsOf | undefined;
  for (const revision of history.revisions) {
    if (revision.effectiveFrom > date) break;
    found = { key: history.key, number: revision.number, title: revision.title, since: revision.effectiveFrom };
  }
  return found;
};

/** The number and title an article key has on `date`, or undefined when the key is unknown or not in force then. */
export const articleAsOf = (state: AgreementState, key: string, date: string): ArticleAsOf | undefined => {
  if (!isRegistered(state) || !termCovers(state, date)) return undefined;
  const history = state.articles.find((a) => a.key === key);
  return history === undefined ? undefined : revisionAsOf(history, date);
};

/** Every article in force on `date`, in the edition's article order. */
export const articlesInForceOn = (agreement: RegisteredAgreement, date: string): readonly ArticleAsOf[] => {
  if (!termCovers(agreement, date)) return [];
  return agreement.articles.flatMap((history) => {
    const article = revisionAsOf(history, date);
    return article === undefined ? [] : [article];
  });
};

/** The article that carries `number` on `date` (to resolve a citation such as "Art. 12"). */
export const articleByNumber = (agreement: RegisteredAgreement, number: string, date: string): ArticleAsOf | undefined =>
  articlesInForceOn(agreement, date).find((a) => a.number === number);

/**
 * The article a grievance may cite: the key must exist in this edition and be in force on `date`
 * (the occurrence date), which must lie within the edition's term.
 */
export const articleInForce = (state: AgreementState, key: string, date: string): Either<DomainError, ArticleInForce> => {
  if (!isRegistered(state)) return reject(AgreementErrors.notRegistered, 'no agreement edition is registered', AgreementRules.registered);
  const history = state.articles.find((a) => a.key === key);
  if (history === undefined) {
    return reject(AgreementErrors.unknownArticleKey, `${state.agreementId} has no article "${key}"`, AgreementRules.citeEditionArticle, 'articleKey', {
      articleKey: key,
      agreementId: state.agreementId,
    });
  }
  if (!termCovers(state, date)) {
    const { effectiveFrom, expiresOn } = state.term;
    return reject(AgreementErrors.dateOutsideTerm, `${date} is outside the term of ${state.agreementId} (${effectiveFrom} to ${expiresOn})`, AgreementRules.agreementTerm, 'date', {
      date,
      term: state.term,
    });
  }
  const article = revisionAsOf(history, date);
  if (article === undefined) {
    return reject(AgreementErrors.articleNotInForce, `article "${key}" of ${state.agreementId} is not in force on ${date}`, AgreementRules.citeArticleInForce, 'articleKey', {
      articleKey: key,
      date,
    });
  }
  return right({ ...article, agreementId: state.agreementId, editionId: state.editionId });
};

/** `articleInForce` for every key a grievance cites: all of them, or the error for the first that fails. */
export const citedArticles = (state: AgreementState, keys: readonly string[], date: string): Either<DomainError, readonly ArticleInForce[]> => {
  const cited: ArticleInForce[] = [];
  for (const [index, key] of keys.entries()) {
    const article = articleInForce(state, key, date);
    if (article._tag === 'Left') return left({ ...article.left, field: article.left.field === 'articleKey' ? `articleKeys.${index}` : article.left.field });
    cited.push(article.right);
  }
  return right(cited);
};

/** The grievance procedure currently in the edition (after any amendments). */
export const procedureOf = (agreement: RegisteredAgreement): GrievanceProcedure => {
  // Registration always records a procedure, so `procedures` is never empty for a registered agreement.
  return agreement.procedures[agreement.procedures.length - 1]!.procedure;
};

/** The grievance procedure in force on `date` (the registered one before any amendment took effect). */
export const procedureAsOf = (agreement: RegisteredAgreement, date: string): GrievanceProcedure => {
  let found = agreement.procedures[0]!.procedure;
  for (const version of agreement.procedures) {
    if (version.effectiveFrom > date) break;
    found = version.procedure;
  }
  return found;
};

/**
 * The edition of `unitId` that governs `date`: it has been put into effect (it may have expired or been
 * superseded since — an occurrence during its term is still grieved under it), its term covers the date,
 * and it had not been superseded by then. When several qualify, the one whose term started last wins.
 */
export const editionInForceOn = (
  editions: readonly AgreementState[],
  unitId: string,
  date: string,
): Either<DomainError, RegisteredAgreement> => {
  const candidates = editions
    .filter(isRegistered)
    .filter((a) => a.unitId === unitId && hasTakenEffect(a) && a.term.effectiveFrom <= date && date <= lastDayGoverned(a))
    .sort((a, b) => (a.term.effectiveFrom < b.term.effectiveFrom ? 1 : a.term.effectiveFrom > b.term.effectiveFrom ? -1 : 0));
  const chosen = candidates[0];
  if (chosen === undefined) {
    return reject(AgreementErrors.noEditionInForce, `no agreement edition of unit "${unitId}" was in effect on ${date}`, AgreementRules.editionInForce, 'occurredOn', {
      unitId,
      date,
    });
  }
  return right(chosen);
};
