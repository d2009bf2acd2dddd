import { right } from 'fp-ts/lib/Either.js';
import { addDays, firstFailure, reject, type Check } from '@laborcase/core';
import { agreementStreamId, articlesInForceOn, procedureOf, type ArticleSpec, type RegisteredAgreement } from '../agreement/index.js';
import { editionIdOf, editionReference, firstDuplicate, namesEditionOfUnit, oneChangePerArticle, type Mapping } from './baseEdition.js';
import { cycleCommandId } from './commandIds.js';
import { CycleToAgreementErrors as Errors } from './errors.js';
import type { ConcludedCycle, CycleAgreementCommand, SuccessorEditionTerms } from './types.js';

/** The base edition's articles as they stand when the successor takes over (or on its last day, if later). */
const carriedForward = (base: RegisteredAgreement, effectiveOn: string): readonly ArticleSpec[] => {
  const dayBefore = addDays(effectiveOn, -1);
  const asOf = dayBefore > base.term.expiresOn ? base.term.expiresOn : dayBefore < base.term.effectiveFrom ? base.term.effectiveFrom : dayBefore;
  return articlesInForceOn(base, asOf).map((a) => ({ key: a.key, number: a.number, title: a.title }));
};

/** The edition's articles: the base edition's carried forward, as the TAs change them, with the new ones added. */
const successorArticles = (event: ConcludedCycle, base: RegisteredAgreement): readonly ArticleSpec[] => {
  const articles = [...carriedForward(base, event.effectiveOn)];
  for (const change of event.articleChanges) {
    const at = articles.findIndex((a) => a.key === change.articleKey);
    const existing = articles[at];
    if (existing !== undefined) {
      articles[at] = { key: existing.key, number: change.articleNumber ?? existing.number, title: change.articleTitle ?? existing.title };
    } else if (change.articleNumber !== undefined && change.articleTitle !== undefined) {
      articles.push({ key: change.articleKey, number: change.articleNumber, title: change.articleTitle });
    }
  }
  return articles;
};

/** An article the base edition does not carry is new, and its TA gives the number and title it is printed with. */
const newArticleNumbered = (carried: readonly ArticleSpec[], change: ConcludedCycle['articleChanges'][number], index: number): Check =>
  carried.some((a) => a.key === change.articleKey) || (change.articleNumber !== undefined && change.articleTitle !== undefined)
    ? undefined
    : reject(
        Errors.newArticleNeedsNumberAndTitle,
        `article "${change.articleKey}" is new in the successor edition; its TA must give its number and title`,
        'a new article is printed with a number and title',
        `articleChanges.${index}`,
        { articleKey: change.articleKey },
      );

const numbersUnique = (articles: readonly ArticleSpec[]): Check => {
  const clash = firstDuplicate(articles.map((a) => a.number));
  return clash === undefined
    ? undefined
    : reject(
        Errors.successorArticleNumberClash,
        `Art. ${clash} would be carried by ${articles
          .filter((a) => a.number === clash)
          .map((a) => a.key)
          .join(' and ')}`,
        'article numbers unique in an edition',
        'articleChanges',
        { number: clash },
      );
};

/**
 * The TA date of the edition as a whole: the last article TA on or before ratification (a TA renegotiated after
 * a funding shortfall comes later and does not move it); ratification day when no article changed.
 */
const tentativelyAgreedOn = (event: ConcludedCycle): string =>
  event.articleChanges
    .map((c) => c.tentativelyAgreedOn)
    .filter((d) => d <= event.ratification.on)
    .reduce((latest, d) => (d > latest ? d : latest), '') || event.ratification.on;

/**
 * A successor settlement creates a new edition: registered with the base edition's articles as changed by the
 * TAs, ratified, approved, funded when contingent, and put into effect on the effective date. A successor taking
 * over before the base edition's term ends supersedes it.
 */
export const successorCommands = (event: ConcludedCycle, base: RegisteredAgreement, fiscalYear: string, terms: SuccessorEditionTerms | undefined): Mapping =>
  terms === undefined
    ? reject(Errors.successorTermsMissing, 'a successor edition needs its term end (and optionally title, reopeners, procedure)', 'edition terms are contract data', 'successor')
    : newEdition(event, base, fiscalYear, terms);

const newEdition = (event: ConcludedCycle, base: RegisteredAgreement, fiscalYear: string, terms: SuccessorEditionTerms): Mapping => {
  const carried = carriedForward(base, event.effectiveOn);
  const articles = successorArticles(event, base);
  const failure = firstFailure(
    namesEditionOfUnit(event.unitId, event.resultingEdition, 'resultingEdition'),
    event.resultingEdition === editionReference(base.unitId, base.editionId)
      ? reject(Errors.unrecognisedEditionReference, 'a successor edition cannot be the base edition', 'a successor is a new edition', 'resultingEdition')
      : undefined,
    oneChangePerArticle(event.articleChanges.map((c) => c.articleKey)),
    ...event.articleChanges.map((change, index) => newArticleNumbered(carried, change, index)),
    numbersUnique(articles),
  );
  if (failure !== undefined) return failure;
  const editionId = editionIdOf(event.unitId, event.resultingEdition);
  const streamId = agreementStreamId(event.unitId, editionId);
  const id = (purpose: string, ...qualifiers: string[]) => cycleCommandId(event.unitId, event.cycleId, purpose, ...qualifiers);
  const agreedOn = tentativelyAgreedOn(event);
  const commands: CycleAgreementCommand[] = [
    {
      commandId: id('register-edition', editionId),
      streamId,
      effectiveOn: agreedOn,
      command: {
        type: 'RegisterAgreementEdition',
        unitId: event.unitId,
        editionId,
        title: terms.title ?? base.title,
        term: { effectiveFrom: event.effectiveOn, expiresOn: terms.expiresOn },
        tentativelyAgreedOn: agreedOn,
        fundingContingent: event.funding.status !== 'notContingent',
        articles,
        grievanceProcedure: terms.grievanceProcedure ?? procedureOf(base),
        reopeners: terms.reopeners ?? [],
      },
    },
    {
      commandId: id('record-member-ratification', editionId),
      streamId,
      effectiveOn: event.ratification.on,
      command: { type: 'RecordMemberRatification', ratifiedOn: event.ratification.on, votesFor: event.ratification.yes, votesAgainst: event.ratification.no },
    },
    {
      commandId: id('record-board-approval', editionId),
      streamId,
      effectiveOn: event.boardApprovedOn,
      command: { type: 'RecordBoardApproval', approvedOn: event.boardApprovedOn },
    },
    ...(event.funding.status === 'notContingent'
      ? []
      : [
          {
            commandId: id('confirm-funding', fiscalYear),
            streamId,
            effectiveOn: event.occurredOn,
            command: { type: 'ConfirmFunding', confirmedOn: event.occurredOn, fiscalYear } as const,
          },
        ]),
    {
      commandId: id('put-into-effect', editionId),
      streamId,
      effectiveOn: event.effectiveOn,
      command: { type: 'PutAgreementIntoEffect', effectiveOn: event.effectiveOn },
    },
  ];
  if (event.effectiveOn <= base.term.expiresOn) {
    commands.push({
      commandId: id('supersede-edition', base.editionId),
      streamId: agreementStreamId(base.unitId, base.editionId),
      effectiveOn: event.effectiveOn,
      command: { type: 'SupersedeAgreement', supersededOn: event.effectiveOn, successorEditionId: editionId },
    });
  }
  return right(commands);
};
