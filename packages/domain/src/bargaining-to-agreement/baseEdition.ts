import { right, type Either } from 'fp-ts/lib/Either.js';
import {
  FiscalYear,
  isRegistered,
  type AgreementState,
  type ArticleHistory,
  type ArticleRevision,
  type Reopener,
  type RegisteredAgreement,
} from '../agreement/index.js';
import type { DomainError } from '@laborcase/core';
import { CycleToAgreementErrors as Errors, unmappable } from './errors.js';

/** How a bargaining cycle names an agreement edition: `{unitId}-{editionId}`, e.g. `ecea-2024-2027`. */
export const editionReference = (unitId: string, editionId: string): string => `${unitId}-${editionId}`;

/** The edition id a cycle's reference names within its unit (`ecea-2027-2030` → `2027-2030`). */
export const editionIdOf = (unitId: string, reference: string, field: string): Either<DomainError, string> => {
  const prefix = `${unitId}-`;
  return reference.startsWith(prefix) && reference.length > prefix.length
    ? right(reference.slice(prefix.length))
    : unmappable(Errors.unrecognisedEditionReference, `"${reference}" does not name an edition of unit "${unitId}"`, 'editions are referenced as {unitId}-{editionId}', field);
};

/** The context's edition must be the one the event names. */
export const requireBaseEdition = (state: AgreementState, unitId: string, reference: string): Either<DomainError, RegisteredAgreement> => {
  if (!isRegistered(state)) {
    return unmappable(Errors.baseEditionNotRegistered, `edition "${reference}" is not registered`, 'the base edition is registered before its cycle concludes', 'baseEdition');
  }
  const actual = editionReference(state.unitId, state.editionId);
  if (state.unitId !== unitId || actual !== reference) {
    return unmappable(Errors.baseEditionMismatch, `the event names "${reference}" but the context holds "${actual}"`, 'the context is the edition the cycle names', 'baseEdition', {
      expected: reference,
      actual,
    });
  }
  return right(state);
};

export const requireFiscalYear = (fiscalYear: string): Either<DomainError, string> =>
  FiscalYear.is(fiscalYear)
    ? right(fiscalYear)
    : unmappable(Errors.invalidFiscalYear, `"${fiscalYear}" is not a fiscal year label such as FY27`, 'fiscal years are labelled FYnn', 'fiscalYear');

export const requireReopener = (base: RegisteredAgreement, fiscalYear: string): Either<DomainError, Reopener> => {
  const reopener = base.reopeners.find((r) => r.fiscalYear === fiscalYear);
  return reopener !== undefined
    ? right(reopener)
    : unmappable(Errors.noReopenerForFiscalYear, `${base.agreementId} has no ${fiscalYear} reopener`, 'a reopener cycle settles a reopener of its edition', 'fiscalYear');
};

export const requireWithinBaseTerm = (base: RegisteredAgreement, date: string, field: string): Either<DomainError, string> =>
  base.term.effectiveFrom <= date && date <= base.term.expiresOn
    ? right(date)
    : unmappable(Errors.effectiveDateOutsideBaseTerm, `${date} is outside the term ${base.term.effectiveFrom} to ${base.term.expiresOn}`, 'an amendment takes effect within its edition', field);

/**
 * The revision an amendment effective `date` changes: the last one effective before `date` (the registered one
 * when `date` starts the term). Revisions on or after `date` are ignored, so mapping the same event again after
 * its commands were applied compares against the same baseline and gives the same commands.
 */
export const baselineRevision = (base: RegisteredAgreement, key: string, date: string, field: string): Either<DomainError, ArticleRevision> => {
  const history: ArticleHistory | undefined = base.articles.find((a) => a.key === key);
  if (history === undefined) {
    return unmappable(Errors.articleKeyNotInBaseEdition, `${base.agreementId} has no article "${key}"`, 'changed articles are articles of the base edition', field, { articleKey: key });
  }
  const first = history.revisions[0];
  const earlier = history.revisions.filter((r) => r.effectiveFrom < date);
  const baseline = earlier[earlier.length - 1] ?? (first !== undefined && first.effectiveFrom === date ? first : undefined);
  if (baseline === undefined || (history.removedOn !== undefined && history.removedOn <= date)) {
    return unmappable(Errors.articleNotInForceOnEffectiveDate, `article "${key}" is not in force on ${date}`, 'only articles in force can be amended', field, { articleKey: key, date });
  }
  return right(baseline);
};

export const firstDuplicate = (values: readonly string[]): string | undefined => {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
};
