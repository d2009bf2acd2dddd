import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check } from '@laborcase/core';
import type { RegisterAgreementEdition } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import { AgreementEditionRegistered, type ArticleSpec, type Reopener } from '../events.js';
import { requireValidProcedure } from '../procedure.js';
import { isRegistered, type AgreementState } from '../state.js';
import { firstDuplicate, requireValidData, type Decision } from './checks.js';

const requireUnregistered = (state: AgreementState): Check =>
  isRegistered(state) ? reject(AgreementErrors.alreadyRegistered, `${state.agreementId} is already registered`, AgreementRules.oneRegistration) : undefined;

const requireArticles = (articles: readonly ArticleSpec[]): Check => {
  if (articles.length === 0) return reject(AgreementErrors.noArticles, 'an edition needs at least one article', AgreementRules.hasArticles, 'articles');
  const duplicateKey = firstDuplicate(articles.map((a) => a.key));
  if (duplicateKey !== undefined) {
    return reject(AgreementErrors.duplicateArticleKey, `article key "${duplicateKey}" is used twice`, AgreementRules.articleKeysUnique, 'articles');
  }
  const duplicateNumber = firstDuplicate(articles.map((a) => a.number));
  return duplicateNumber === undefined
    ? undefined
    : reject(AgreementErrors.duplicateArticleNumber, `Art. ${duplicateNumber} is used twice`, AgreementRules.articleNumbersUnique, 'articles');
};

/** One reopener per fiscal year, each naming articles of the edition. */
const requireReopeners = (reopeners: readonly Reopener[], articles: readonly ArticleSpec[]): Check => {
  const duplicate = firstDuplicate(reopeners.map((r) => r.fiscalYear));
  if (duplicate !== undefined) return reject(AgreementErrors.duplicateReopener, `two ${duplicate} reopeners`, AgreementRules.oneReopenerPerYear, 'reopeners');
  const keys = new Set(articles.map((a) => a.key));
  for (const [i, reopener] of reopeners.entries()) {
    const unknown = reopener.articleKeys.find((k) => !keys.has(k));
    if (unknown !== undefined) {
      return reject(
        AgreementErrors.unknownArticleKey,
        `the ${reopener.fiscalYear} reopener names unknown article "${unknown}"`,
        AgreementRules.articleKeysOfEdition,
        `reopeners.${i}.articleKeys`,
      );
    }
  }
  return undefined;
};

export const decideRegistration = (command: RegisterAgreementEdition, state: AgreementState): Decision => {
  const { unitId, editionId, title, term, tentativelyAgreedOn, fundingContingent, articles, grievanceProcedure, reopeners } = command;
  const data = { unitId, editionId, title, term, tentativelyAgreedOn, fundingContingent, articles, grievanceProcedure, reopeners };
  const failure = firstFailure(
    requireUnregistered(state),
    () => requireValidProcedure(grievanceProcedure),
    () => requireValidData(AgreementEditionRegistered.codec, data),
    () => (term.expiresOn <= term.effectiveFrom ? reject(AgreementErrors.invalidTerm, 'the term must end after it starts', AgreementRules.term, 'term.expiresOn') : undefined),
    () => requireArticles(articles),
    () => requireReopeners(reopeners, articles),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementEditionRegistered', data }]);
};
