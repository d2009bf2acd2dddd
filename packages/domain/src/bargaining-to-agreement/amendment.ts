import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check } from '@laborcase/core';
import { agreementStreamId, type AmendmentBasis, type Reopener, type RegisteredAgreement } from '../agreement/index.js';
import { articleOfBase, baselineRevision, hasReopener, inForceOn, oneChangePerArticle, reopenerOf, withinBaseTerm, type Mapping } from './baseEdition.js';
import { cycleCommandId } from './commandIds.js';
import { CycleToAgreementErrors as Errors } from './errors.js';
import type { ConcludedCycle, CycleAgreementCommand } from './types.js';

/** The agreement records a short summary; the full TA text stays in the bargaining stream, found by cycle and key. */
export const amendmentSummary = (fiscalYear: string, articleKey: string, tentativelyAgreedOn: string): string =>
  `${fiscalYear} ${articleKey} language (TA ${tentativelyAgreedOn})`;

/** A funded settlement confirms the fiscal year's funding on the day the cycle concluded. */
export const fundingConfirmation = (event: ConcludedCycle, streamId: string, fiscalYear: string): readonly CycleAgreementCommand[] =>
  event.funding.status === 'notContingent'
    ? []
    : [
        {
          commandId: cycleCommandId(event.unitId, event.cycleId, 'confirm-funding', fiscalYear),
          streamId,
          effectiveOn: event.occurredOn,
          command: { type: 'ConfirmFunding', confirmedOn: event.occurredOn, fiscalYear },
        },
      ];

const inReopenerScope = (base: RegisteredAgreement, reopener: Reopener | undefined, fiscalYear: string, articleKey: string, field: string): Check => {
  const scope = reopener?.articleKeys ?? [];
  return scope.includes(articleKey)
    ? undefined
    : reject(
        Errors.changedArticleOutsideReopenerScope,
        `article "${articleKey}" is not in the ${fiscalYear} reopener scope of ${base.agreementId}`,
        'a reopener changes only the articles it reopened',
        field,
        { articleKey, scope },
      );
};

const articleCommands = (event: ConcludedCycle, base: RegisteredAgreement, fiscalYear: string, streamId: string, change: ConcludedCycle['articleChanges'][number]): CycleAgreementCommand[] => {
  const basis: AmendmentBasis = { kind: 'reopener', fiscalYear };
  const baseline = baselineRevision(base, change.articleKey, event.effectiveOn);
  const newTitle = change.articleTitle !== undefined && change.articleTitle !== baseline?.title ? change.articleTitle : undefined;
  const id = (purpose: string) => cycleCommandId(event.unitId, event.cycleId, purpose, change.articleKey);
  const amend: CycleAgreementCommand = {
    commandId: id('amend-article'),
    streamId,
    effectiveOn: event.effectiveOn,
    command: {
      type: 'AmendArticle',
      articleKey: change.articleKey,
      effectiveOn: event.effectiveOn,
      summary: amendmentSummary(fiscalYear, change.articleKey, change.tentativelyAgreedOn),
      ...(newTitle === undefined ? {} : { title: newTitle }),
      basis,
    },
  };
  if (change.articleNumber === undefined || change.articleNumber === baseline?.number) return [amend];
  return [
    amend,
    {
      commandId: id('renumber-article'),
      streamId,
      effectiveOn: event.effectiveOn,
      command: { type: 'RenumberArticle', articleKey: change.articleKey, effectiveOn: event.effectiveOn, number: change.articleNumber, basis },
    },
  ];
};

/**
 * A reopener settlement amends the base edition in place, from the event's effective date, with the reopener as
 * basis: each TA'd article is amended (with its new title, if the TA gives one), and renumbered when the TA gives
 * it a new number. Withdrawn articles stay as they are.
 */
export const amendmentCommands = (event: ConcludedCycle, base: RegisteredAgreement, fiscalYear: string): Mapping => {
  const reopener = reopenerOf(base, fiscalYear);
  const failure = firstFailure(
    hasReopener(base, fiscalYear),
    withinBaseTerm(base, event.effectiveOn, 'effectiveOn'),
    oneChangePerArticle(event.articleChanges.map((c) => c.articleKey)),
    ...event.unchangedArticleKeys.map((key, index) => articleOfBase(base, key, `unchangedArticleKeys.${index}`, 'reopened articles are articles of the base edition')),
    ...event.articleChanges.map((change, index) => {
      const field = `articleChanges.${index}.articleKey`;
      return firstFailure(inForceOn(base, change.articleKey, event.effectiveOn, field), inReopenerScope(base, reopener, fiscalYear, change.articleKey, field));
    }),
  );
  if (failure !== undefined) return failure;
  const streamId = agreementStreamId(base.unitId, base.editionId);
  return right([...fundingConfirmation(event, streamId, fiscalYear), ...event.articleChanges.flatMap((change) => articleCommands(event, base, fiscalYear, streamId, change))]);
};
