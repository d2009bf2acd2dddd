import { errorCodes, type ErrorCodeOf } from '@laborcase/core';

/** Every reason a bargaining event cannot be turned into agreement commands. */
export const CycleToAgreementErrors = errorCodes({
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
  cycleNotConcluded: 'CycleNotConcluded',
});
export type CycleToAgreementErrorCode = ErrorCodeOf<typeof CycleToAgreementErrors>;
