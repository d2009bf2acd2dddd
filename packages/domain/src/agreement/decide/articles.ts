/** Mid-term changes to the article list: amend, renumber, add, remove — each from an effective date within the term. */
import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check } from '@laborcase/core';
import type { AddArticle, AmendArticle, RemoveArticle, RenumberArticle } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import * as E from '../events.js';
import type { ArticleHistory, RegisteredAgreement } from '../state.js';
import {
  articleHistory,
  lastRevisionDate,
  requireArticle,
  requireBasis,
  requireInBasisScope,
  requireRevisable,
  requireUniqueNumbers,
  requireValidData,
  requireWithinTerm,
  withoutUndefined,
  type Decision,
} from './checks.js';

export const decideAmendment = (command: AmendArticle, agreement: RegisteredAgreement): Decision => {
  const { articleKey, effectiveOn, summary, title, basis } = command;
  const data = withoutUndefined({ articleKey, effectiveOn, summary, title, basis });
  const failure = firstFailure(
    requireValidData(E.ArticleAmended.codec, data),
    () => requireArticle(agreement, articleKey),
    () => requireWithinTerm(agreement, effectiveOn, 'effectiveOn'),
    () => requireRevisable(articleHistory(agreement, articleKey), effectiveOn),
    () => requireBasis(agreement, basis),
    () => requireInBasisScope(agreement, basis, articleKey),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ArticleAmended', data }]);
};

const requireNewNumber = (history: ArticleHistory | undefined, number: string): Check =>
  history !== undefined && history.revisions[history.revisions.length - 1]?.number === number
    ? reject(AgreementErrors.numberUnchanged, `article "${history.key}" is already Art. ${number}`, AgreementRules.renumberingChangesNumber, 'number')
    : undefined;

export const decideRenumbering = (command: RenumberArticle, agreement: RegisteredAgreement): Decision => {
  const { articleKey, effectiveOn, number, title, basis } = command;
  const data = withoutUndefined({ articleKey, effectiveOn, number, title, basis });
  const history = articleHistory(agreement, articleKey);
  const failure = firstFailure(
    requireValidData(E.ArticleRenumbered.codec, data),
    () => requireArticle(agreement, articleKey),
    () => requireWithinTerm(agreement, effectiveOn, 'effectiveOn'),
    () => requireRevisable(history, effectiveOn),
    () => requireNewNumber(history, number),
    () => requireBasis(agreement, basis),
    () => requireUniqueNumbers(agreement, { type: 'ArticleRenumbered', data }, 'number'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ArticleRenumbered', data }]);
};

export const decideAddition = (command: AddArticle, agreement: RegisteredAgreement): Decision => {
  const { articleKey, number, title, effectiveOn, basis } = command;
  const data = withoutUndefined({ articleKey, number, title, effectiveOn, basis });
  const failure = firstFailure(
    requireValidData(E.ArticleAdded.codec, data),
    () =>
      articleHistory(agreement, articleKey) !== undefined
        ? reject(AgreementErrors.duplicateArticleKey, `article key "${articleKey}" is already used in this edition`, AgreementRules.articleKeysNeverReused, 'articleKey')
        : undefined,
    () => requireWithinTerm(agreement, effectiveOn, 'effectiveOn'),
    () => requireBasis(agreement, basis),
    () => requireUniqueNumbers(agreement, { type: 'ArticleAdded', data }, 'number'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ArticleAdded', data }]);
};

/** A removal comes strictly after the article's latest revision (a revision and a removal cannot share a date). */
const requireAfterLatestRevision = (history: ArticleHistory | undefined, effectiveOn: string): Check =>
  history !== undefined && effectiveOn <= lastRevisionDate(history)
    ? reject(
        AgreementErrors.amendmentOutOfOrder,
        `article "${history.key}" has a revision effective ${lastRevisionDate(history)}; removal must come later`,
        AgreementRules.articleHistoryOrder,
        'effectiveOn',
      )
    : undefined;

export const decideRemoval = (command: RemoveArticle, agreement: RegisteredAgreement): Decision => {
  const { articleKey, effectiveOn, basis } = command;
  const data = withoutUndefined({ articleKey, effectiveOn, basis });
  const history = articleHistory(agreement, articleKey);
  const failure = firstFailure(
    requireValidData(E.ArticleRemoved.codec, data),
    () => requireArticle(agreement, articleKey),
    () => requireWithinTerm(agreement, effectiveOn, 'effectiveOn'),
    () => requireRevisable(history, effectiveOn),
    () => requireAfterLatestRevision(history, effectiveOn),
    () => requireBasis(agreement, basis),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ArticleRemoved', data }]);
};
