import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { agreementStreamId, type AmendmentBasis, type RegisteredAgreement } from '../agreement/index.js';
import type { DomainError } from '@laborcase/core';
import { baselineRevision, firstDuplicate, requireReopener, requireWithinBaseTerm } from './baseEdition.js';
import { cycleCommandId } from './commandIds.js';
import { CycleToAgreementErrors as Errors, unmappable } from './errors.js';
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

/**
 * A reopener settlement amends the base edition in place, from the event's effective date, with the reopener as
 * basis: each TA'd article is amended (with its new title, if the TA gives one), and renumbered when the TA gives
 * it a new number. Withdrawn articles stay as they are.
 */
export const amendmentCommands = (
  event: ConcludedCycle,
  base: RegisteredAgreement,
  fiscalYear: string,
): Either<DomainError, readonly CycleAgreementCommand[]> => {
  const reopener = requireReopener(base, fiscalYear);
  if (isLeft(reopener)) return reopener;
  const withinTerm = requireWithinBaseTerm(base, event.effectiveOn, 'effectiveOn');
  if (isLeft(withinTerm)) return withinTerm;
  const duplicate = firstDuplicate(event.articleChanges.map((c) => c.articleKey));
  if (duplicate !== undefined) {
    return unmappable(Errors.duplicateArticleChange, `article "${duplicate}" is changed twice`, 'one change per article', 'articleChanges', { articleKey: duplicate });
  }
  for (const [index, key] of event.unchangedArticleKeys.entries()) {
    if (!base.articles.some((a) => a.key === key)) {
      return unmappable(Errors.articleKeyNotInBaseEdition, `${base.agreementId} has no article "${key}"`, 'reopened articles are articles of the base edition', `unchangedArticleKeys.${index}`, {
        articleKey: key,
      });
    }
  }

  const streamId = agreementStreamId(base.unitId, base.editionId);
  const basis: AmendmentBasis = { kind: 'reopener', fiscalYear };
  const commands: CycleAgreementCommand[] = [...fundingConfirmation(event, streamId, fiscalYear)];
  for (const [index, change] of event.articleChanges.entries()) {
    const field = `articleChanges.${index}.articleKey`;
    const baseline = baselineRevision(base, change.articleKey, event.effectiveOn, field);
    if (isLeft(baseline)) return baseline;
    if (!reopener.right.articleKeys.includes(change.articleKey)) {
      return unmappable(
        Errors.changedArticleOutsideReopenerScope,
        `article "${change.articleKey}" is not in the ${fiscalYear} reopener scope of ${base.agreementId}`,
        'a reopener changes only the articles it reopened',
        field,
        { articleKey: change.articleKey, scope: reopener.right.articleKeys },
      );
    }
    const newTitle = change.articleTitle !== undefined && change.articleTitle !== baseline.right.title ? change.articleTitle : undefined;
    const id = (purpose: string) => cycleCommandId(event.unitId, event.cycleId, purpose, change.articleKey);
    commands.push({
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
    });
    if (change.articleNumber !== undefined && change.articleNumber !== baseline.right.number) {
      commands.push({
        commandId: id('renumber-article'),
        streamId,
        effectiveOn: event.effectiveOn,
        command: { type: 'RenumberArticle', articleKey: change.articleKey, effectiveOn: event.effectiveOn, number: change.articleNumber, basis },
      });
    }
  }
  return right(commands);
};
