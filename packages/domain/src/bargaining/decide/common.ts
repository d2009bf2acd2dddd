import type { Either } from 'fp-ts/lib/Either.js';
import { compareDates, eventValidator, firstFailure, reject, type Check, type DomainError } from '@laborcase/core';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { bargainingEventDefinitions, type BargainingEvent, type Side } from '../events.js';
import { articleOf, liveProposalOf, proposalOf } from '../queries.js';
import type { OpenCycleState } from '../state.js';

export type Decision = Either<DomainError, readonly BargainingEvent[]>;

/** Every event leaves decide valid against its codec; a malformed command field is a typed rejection. */
export const accept = eventValidator<BargainingEvent>(bargainingEventDefinitions, Rules.input);

export const recorded = (c: { readonly occurredOn: string; readonly actor: string }) => ({ occurredOn: c.occurredOn, actor: c.actor });

export const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** `date` is not before `earliest`; `code` says which chronology it breaks. */
export const notBefore = (code: string, date: string, earliest: string, message: string, field = 'occurredOn'): Check =>
  compareDates(date, earliest) < 0 ? reject(code, message, Rules.dates, field) : undefined;

/** The parties are at the table: bargaining, or renegotiating the funded items after a shortfall. */
export const atTable = (s: OpenCycleState, field: string): Check =>
  s.phase === 'bargaining' || s.phase === 'renegotiating' ? undefined : reject(Errors.cycleNotAtTable, `the cycle is ${s.phase}; the table is closed`, Rules.atTable, field);

/** While renegotiating after a funding shortfall only the funded items are back at the table. */
const tableOpenFor = (s: OpenCycleState, articleKey: string, field: string): Check => {
  if (s.phase !== 'renegotiating') return s.phase === 'bargaining' ? undefined : reject(Errors.cycleNotAtTable, `the cycle is ${s.phase}; the table is closed`, Rules.atTable, field);
  return (s.renegotiation?.articleKeys ?? []).includes(articleKey)
    ? undefined
    : reject(Errors.outsideRenegotiation, `only the funded items are back at the table, not ${articleKey}`, Rules.funding, field);
};

/** Proposals and TAs on `articleKey` may be made now. */
export const articleAtTable = (s: OpenCycleState, articleKey: string, field: string): Check =>
  firstFailure(
    tableOpenFor(s, articleKey, field),
    s.scope.kind === 'articles' && !s.scope.articleKeys.includes(articleKey)
      ? reject(Errors.articleOutsideScope, `${articleKey} is not in the cycle's scope`, Rules.scope, field, { scope: s.scope.articleKeys })
      : undefined,
    articleOf(s, articleKey)?.status === 'tentativelyAgreed'
      ? reject(Errors.articleAlreadyTentativelyAgreed, `${articleKey} is already tentatively agreed`, Rules.atTable, field)
      : undefined,
  );

/** The side's live position on the article is not part of a live package (a package is withdrawn whole). */
export const notInLivePackage = (s: OpenCycleState, side: Side, articleKey: string, field: string, message: (packageId: string) => string): Check => {
  const packageId = liveProposalOf(s, side, articleKey)?.packageId;
  return packageId === undefined ? undefined : reject(Errors.articleInLivePackage, message(packageId), Rules.packages, field);
};

export const newProposalId = (s: OpenCycleState, proposalId: string): Check =>
  proposalOf(s, proposalId) === undefined ? undefined : reject(Errors.duplicateProposalId, `proposal ${proposalId} already exists`, Rules.input, 'proposalId');
