import { left, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '@laborcase/core';

/** Every reason a bargaining event cannot be turned into agreement commands. */
export const CycleToAgreementErrors = {
  baseEditionNotRegistered: 'BaseEditionNotRegistered',
  baseEditionMismatch: 'BaseEditionMismatch',
  invalidFiscalYear: 'InvalidFiscalYear',
  noReopenerForFiscalYear: 'NoReopenerForFiscalYear',
  articleKeyNotInBaseEdition: 'ArticleKeyNotInBaseEdition',
  articleNotInForceOnEffectiveDate: 'ArticleNotInForceOnEffectiveDate',
  changedArticleOutsideReopenerScope: 'ChangedArticleOutsideReopenerScope',
  duplicateArticleChange: 'DuplicateArticleChange',
  effectiveDateOutsideBaseTerm: 'EffectiveDateOutsideBaseTerm',
  newArticleNeedsNumberAndTitle: 'NewArticleNeedsNumberAndTitle',
  successorArticleNumberClash: 'SuccessorArticleNumberClash',
  successorTermsMissing: 'SuccessorTermsMissing',
  unrecognisedEditionReference: 'UnrecognisedEditionReference',
  cycleOpeningUnknown: 'CycleOpeningUnknown',
} as const;

export const unmappable = (code: string, message: string, rule: string, field?: string, details?: Record<string, unknown>): Either<DomainError, never> =>
  left(domainError(code, message, { rule, ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) }));
