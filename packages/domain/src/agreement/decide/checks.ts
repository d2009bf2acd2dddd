/** The rule checks several command groups share. */
import type { Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { reject, toFieldIssues, type Check, type DomainError } from '@laborcase/core';
import { AgreementErrors, AgreementRules } from '../errors.js';
import type { AgreementEvent, AmendmentBasis } from '../events.js';
import { firstNumberClash } from '../invariants.js';
import { termCovers } from '../queries.js';
import { evolveAgreement, isClosed, isRegistered, type ArticleHistory, type RegisteredAgreement } from '../state.js';

export type Decision = Either<DomainError, readonly AgreementEvent[]>;

/**
 * Event data must pass its own event codec, so an event can never carry data the codec rejects (callers that
 * skip the command codec, such as process managers calling the decider directly, are still checked here).
 */
export const requireValidData = (codec: t.Decoder<unknown, unknown>, data: unknown): Check => {
  const decoded = codec.decode(data);
  if (decoded._tag === 'Right') return undefined;
  const issues = toFieldIssues(decoded.left, '');
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return reject(AgreementErrors.invalidData, `invalid command data: ${summary}`, AgreementRules.commandData, issues[0]?.path, { issues });
};

/** Optional command fields that are absent are left out of event data, not stored as `undefined`. */
export const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const firstDuplicate = (values: readonly string[]): string | undefined => {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
};

export const requireOpen = (agreement: RegisteredAgreement): Check =>
  isClosed(agreement)
    ? reject(AgreementErrors.closed, `${agreement.agreementId} is ${agreement.status}; it accepts no further changes`, AgreementRules.closedImmutable, undefined, {
        status: agreement.status,
      })
    : undefined;

export const articleHistory = (agreement: RegisteredAgreement, key: string): ArticleHistory | undefined => agreement.articles.find((a) => a.key === key);

export const requireArticle = (agreement: RegisteredAgreement, key: string, field = 'articleKey'): Check =>
  articleHistory(agreement, key) !== undefined
    ? undefined
    : reject(AgreementErrors.unknownArticleKey, `${agreement.agreementId} has no article "${key}"`, AgreementRules.articleKeysOfEdition, field, { articleKey: key });

/** Every key names an article of the edition, and none is listed twice. */
export const requireKnownKeys = (agreement: RegisteredAgreement, keys: readonly string[], field: string): Check => {
  const index = keys.findIndex((k) => articleHistory(agreement, k) === undefined);
  if (index >= 0) {
    return reject(AgreementErrors.unknownArticleKey, `${agreement.agreementId} has no article "${keys[index]}"`, AgreementRules.articleKeysOfEdition, `${field}.${index}`, {
      articleKey: keys[index],
    });
  }
  const duplicate = firstDuplicate(keys);
  return duplicate === undefined ? undefined : reject(AgreementErrors.duplicateArticleKey, `article "${duplicate}" is listed twice`, AgreementRules.articleKeysUnique, field);
};

export const requireWithinTerm = (agreement: RegisteredAgreement, date: string, field: string): Check =>
  termCovers(agreement, date)
    ? undefined
    : reject(
        AgreementErrors.amendmentOutsideTerm,
        `${date} is outside the term ${agreement.term.effectiveFrom} to ${agreement.term.expiresOn}`,
        AgreementRules.amendmentWithinTerm,
        field,
      );

export const lastRevisionDate = (history: ArticleHistory): string => history.revisions[history.revisions.length - 1]?.effectiveFrom ?? '';

/** Revisions of one article are recorded in effective-date order, and never after its removal. */
export const requireRevisable = (history: ArticleHistory | undefined, effectiveOn: string): Check => {
  if (history === undefined) return undefined;
  if (history.removedOn !== undefined && effectiveOn >= history.removedOn) {
    return reject(AgreementErrors.articleNotInForce, `article "${history.key}" is removed from ${history.removedOn}`, AgreementRules.onlyArticlesInForceChange, 'effectiveOn');
  }
  if (effectiveOn < lastRevisionDate(history)) {
    return reject(
      AgreementErrors.amendmentOutOfOrder,
      `article "${history.key}" already has a revision effective ${lastRevisionDate(history)}`,
      AgreementRules.articleHistoryOrder,
      'effectiveOn',
    );
  }
  return undefined;
};

export const requireReopener = (agreement: RegisteredAgreement, fiscalYear: string, field: string): Check =>
  agreement.reopeners.some((r) => r.fiscalYear === fiscalYear)
    ? undefined
    : reject(AgreementErrors.unknownReopener, `the edition has no ${fiscalYear} reopener`, AgreementRules.reopenersOfEdition, field);

/** The reopener or MOU a change is made under belongs to the edition. */
export const requireBasis = (agreement: RegisteredAgreement, basis: AmendmentBasis | undefined): Check => {
  if (basis === undefined) return undefined;
  if (basis.kind === 'reopener') return requireReopener(agreement, basis.fiscalYear, 'basis.fiscalYear');
  return agreement.mous.some((m) => m.mouId === basis.mouId)
    ? undefined
    : reject(AgreementErrors.unknownMou, `no MOU "${basis.mouId}" is attached`, AgreementRules.mousOfEdition, 'basis.mouId');
};

/** A substantive amendment made under a reopener or MOU must touch an article in its scope. */
export const requireInBasisScope = (agreement: RegisteredAgreement, basis: AmendmentBasis | undefined, key: string): Check => {
  if (basis === undefined) return undefined;
  if (basis.kind === 'reopener') {
    const reopener = agreement.reopeners.find((r) => r.fiscalYear === basis.fiscalYear);
    return reopener === undefined || reopener.articleKeys.includes(key)
      ? undefined
      : reject(AgreementErrors.articleOutsideReopenerScope, `article "${key}" is not in the ${basis.fiscalYear} reopener scope`, AgreementRules.reopenerScope, 'articleKey');
  }
  const mou = agreement.mous.find((m) => m.mouId === basis.mouId);
  return mou === undefined || mou.articleKeys.includes(key)
    ? undefined
    : reject(AgreementErrors.articleOutsideMouScope, `MOU "${basis.mouId}" does not touch article "${key}"`, AgreementRules.mouScope, 'articleKey');
};

/** Numbers stay unique among the articles in force on every date once `event` is applied. */
export const requireUniqueNumbers = (agreement: RegisteredAgreement, event: AgreementEvent, field: string): Check => {
  const after = evolveAgreement(agreement, event);
  const clash = isRegistered(after) ? firstNumberClash(after.articles, after.term) : undefined;
  return clash === undefined
    ? undefined
    : reject(
        AgreementErrors.duplicateArticleNumber,
        `on ${clash.date} articles ${clash.articleKeys.join(', ')} would all be Art. ${clash.number}`,
        AgreementRules.articleNumbersUnique,
        field,
        { ...clash },
      );
};

export const requireMilestoneOrder = (previous: string | undefined, date: string, previousName: string, field: string): Check =>
  previous === undefined || date >= previous
    ? undefined
    : reject(AgreementErrors.milestoneOutOfOrder, `${field} ${date} is before ${previousName} ${previous}`, AgreementRules.lifecycleOrder, field);
