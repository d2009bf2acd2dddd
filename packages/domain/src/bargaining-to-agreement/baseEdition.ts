import type { Either } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check, type DomainError } from '@laborcase/core';
import {
  FiscalYear,
  isRegistered,
  type AgreementState,
  type ArticleHistory,
  type ArticleRevision,
  type Reopener,
  type RegisteredAgreement,
} from '../agreement/index.js';
import { CycleToAgreementErrors as Errors } from './errors.js';
import type { CycleAgreementCommand } from './types.js';

export type Mapping = Either<DomainError, readonly CycleAgreementCommand[]>;

/** How a bargaining cycle names an agreement edition: `{unitId}-{editionId}`, e.g. `ecea-2024-2027`. */
export const editionReference = (unitId: string, editionId: string): string => `${unitId}-${editionId}`;

/** The reference names an edition of the unit. */
export const namesEditionOfUnit = (unitId: string, reference: string, field: string): Check => {
  const prefix = `${unitId}-`;
  return reference.startsWith(prefix) && reference.length > prefix.length
    ? undefined
    : reject(Errors.unrecognisedEditionReference, `"${reference}" does not name an edition of unit "${unitId}"`, 'editions are referenced as {unitId}-{editionId}', field);
};

/** The edition id a reference names within its unit (`ecea-2027-2030` → `2027-2030`); see `namesEditionOfUnit`. */
export const editionIdOf = (unitId: string, reference: string): string => reference.slice(`${unitId}-`.length);

const sameEdition = (base: RegisteredAgreement, unitId: string, reference: string): Check => {
  const actual = editionReference(base.unitId, base.editionId);
  return base.unitId !== unitId || actual !== reference
    ? reject(Errors.baseEditionMismatch, `the event names "${reference}" but the context holds "${actual}"`, 'the context is the edition the cycle names', 'baseEdition', {
        expected: reference,
        actual,
      })
    : undefined;
};

/** Maps with the base edition when the context holds the registered edition the event names. */
export const withBaseEdition = (state: AgreementState, unitId: string, reference: string, map: (base: RegisteredAgreement) => Mapping): Mapping =>
  isRegistered(state)
    ? (sameEdition(state, unitId, reference) ?? map(state))
    : reject(Errors.baseEditionNotRegistered, `edition "${reference}" is not registered`, 'the base edition is registered before its cycle concludes', 'baseEdition');

export const fiscalYearLabel = (fiscalYear: string): Check =>
  FiscalYear.is(fiscalYear) ? undefined : reject(Errors.invalidFiscalYear, `"${fiscalYear}" is not a fiscal year label such as FY27`, 'fiscal years are labelled FYnn', 'fiscalYear');

export const reopenerOf = (base: RegisteredAgreement, fiscalYear: string): Reopener | undefined => base.reopeners.find((r) => r.fiscalYear === fiscalYear);

export const hasReopener = (base: RegisteredAgreement, fiscalYear: string): Check =>
  reopenerOf(base, fiscalYear) !== undefined
    ? undefined
    : reject(Errors.noReopenerForFiscalYear, `${base.agreementId} has no ${fiscalYear} reopener`, 'a reopener cycle settles a reopener of its edition', 'fiscalYear');

export const withinBaseTerm = (base: RegisteredAgreement, date: string, field: string): Check =>
  base.term.effectiveFrom <= date && date <= base.term.expiresOn
    ? undefined
    : reject(Errors.effectiveDateOutsideBaseTerm, `${date} is outside the term ${base.term.effectiveFrom} to ${base.term.expiresOn}`, 'an amendment takes effect within its edition', field);

/** The key names an article of the base edition; `rule` says why it must. */
export const articleOfBase = (base: RegisteredAgreement, key: string, field: string, rule: string): Check =>
  base.articles.some((a) => a.key === key)
    ? undefined
    : reject(Errors.articleKeyNotInBaseEdition, `${base.agreementId} has no article "${key}"`, rule, field, { articleKey: key });

/**
 * The revision an amendment effective `date` changes: the last one effective before `date` (the registered one
 * when `date` starts the term). Revisions on or after `date` are ignored, so mapping the same event again after
 * its commands were applied compares against the same baseline and gives the same commands.
 */
export const baselineRevision = (base: RegisteredAgreement, key: string, date: string): ArticleRevision | undefined => {
  const history: ArticleHistory | undefined = base.articles.find((a) => a.key === key);
  const first = history?.revisions[0];
  const earlier = history?.revisions.filter((r) => r.effectiveFrom < date) ?? [];
  const baseline = earlier[earlier.length - 1] ?? (first !== undefined && first.effectiveFrom === date ? first : undefined);
  return history?.removedOn !== undefined && history.removedOn <= date ? undefined : baseline;
};

/** The article is one of the base edition's and in force on `date`, so it has a baseline to amend. */
export const inForceOn = (base: RegisteredAgreement, key: string, date: string, field: string): Check =>
  firstFailure(articleOfBase(base, key, field, 'changed articles are articles of the base edition'), () =>
    baselineRevision(base, key, date) === undefined
      ? reject(Errors.articleNotInForceOnEffectiveDate, `article "${key}" is not in force on ${date}`, 'only articles in force can be amended', field, { articleKey: key, date })
      : undefined,
  );

export const firstDuplicate = (values: readonly string[]): string | undefined => values.find((value, index) => values.indexOf(value) !== index);

/** Each article changes once. */
export const oneChangePerArticle = (articleKeys: readonly string[]): Check => {
  const duplicate = firstDuplicate(articleKeys);
  return duplicate === undefined
    ? undefined
    : reject(Errors.duplicateArticleChange, `article "${duplicate}" is changed twice`, 'one change per article', 'articleChanges', { articleKey: duplicate });
};
