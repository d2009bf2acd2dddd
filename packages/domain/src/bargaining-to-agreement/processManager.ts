import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject } from '@laborcase/core';
import { agreementStreamId } from '../agreement/index.js';
import type { BargainingEvent } from '../bargaining/index.js';
import { formatCents } from '../costing/index.js';
import { amendmentCommands } from './amendment.js';
import { articleOfBase, fiscalYearLabel, hasReopener, withBaseEdition, type Mapping } from './baseEdition.js';
import { cycleCommandId } from './commandIds.js';
import { CycleToAgreementErrors as Errors } from './errors.js';
import { successorCommands } from './successor.js';
import type { ConcludedCycle, CycleAgreementCommand, CycleToAgreementContext, OpenedCycle, SettlementShortfall } from './types.js';

/**
 * CycleConcluded → the agreement commands that make the settlement part of the agreement: a reopener amends the
 * base edition in place (see `amendmentCommands`), a successor registers and puts into effect a new edition (see
 * `successorCommands`). Pure: the base edition's state and the edition data the event lacks come in `context`.
 */
export const agreementCommandsForConcludedCycle = (event: ConcludedCycle, context: CycleToAgreementContext): Mapping =>
  withBaseEdition(context.baseEdition, event.unitId, event.baseEdition, (base) => {
    const failure = fiscalYearLabel(context.fiscalYear);
    if (failure !== undefined) return failure;
    return event.editionAction === 'amend' ? amendmentCommands(event, base, context.fiscalYear) : successorCommands(event, base, context.fiscalYear, context.successor);
  });

/** CycleOpened (reopener) → the reopener's scope on the base edition; a successor cycle changes nothing yet. */
export const agreementCommandsForOpenedCycle = (event: OpenedCycle, context: CycleToAgreementContext): Mapping => {
  if (event.kind !== 'reopener' || event.scope.kind !== 'articles') return right([]);
  const articleKeys = event.scope.articleKeys;
  return withBaseEdition(context.baseEdition, event.unitId, event.agreementEdition, (base) => {
    const failure = firstFailure(
      fiscalYearLabel(context.fiscalYear),
      () => hasReopener(base, context.fiscalYear),
      ...articleKeys.map((key, index) => articleOfBase(base, key, `scope.articleKeys.${index}`, 'reopened articles are articles of the base edition')),
    );
    if (failure !== undefined) return failure;
    return right([
      {
        commandId: cycleCommandId(event.unitId, event.cycleId, 'set-reopener-scope', context.fiscalYear),
        streamId: agreementStreamId(base.unitId, base.editionId),
        effectiveOn: event.occurredOn,
        command: { type: 'SetReopenerScope', fiscalYear: context.fiscalYear, articleKeys: [...articleKeys] },
      },
    ]);
  });
};

/**
 * SettlementFundingShortfallRecorded → the fiscal year's funding shortfall on the base edition a reopener
 * amends. `cycle` is the cycle's CycleOpened (the shortfall event does not repeat the cycle's identity). A
 * successor's edition is only registered when its cycle concludes, so its shortfall maps to nothing.
 */
export const agreementCommandsForFundingShortfall = (cycle: OpenedCycle, event: SettlementShortfall, context: CycleToAgreementContext): Mapping => {
  if (cycle.kind !== 'reopener') return right([]);
  return withBaseEdition(context.baseEdition, cycle.unitId, cycle.agreementEdition, (base) => {
    const failure = fiscalYearLabel(context.fiscalYear);
    if (failure !== undefined) return failure;
    const detail =
      `${event.fundingAuthority} funded ${formatCents(event.fundedCents)} of ${formatCents(event.requiredCents)} ` +
      `(short ${formatCents(event.shortfallCents)}); renegotiating ${event.renegotiateArticleKeys.join(', ')}`;
    return right([
      {
        commandId: cycleCommandId(cycle.unitId, cycle.cycleId, 'record-funding-shortfall', context.fiscalYear, event.occurredOn),
        streamId: agreementStreamId(base.unitId, base.editionId),
        effectiveOn: event.occurredOn,
        command: { type: 'RecordFundingShortfall', recordedOn: event.occurredOn, fiscalYear: context.fiscalYear, detail },
      },
    ]);
  });
};

/**
 * Any bargaining event → its agreement commands (none for events the agreement does not hear about). `openedCycle`
 * is the cycle's CycleOpened data, needed for events that do not repeat the cycle's identity.
 */
export const agreementCommandsForBargainingEvent = (event: BargainingEvent, context: CycleToAgreementContext, openedCycle?: OpenedCycle): Mapping => {
  switch (event.type) {
    case 'CycleOpened':
      return agreementCommandsForOpenedCycle(event.data, context);
    case 'SettlementFundingShortfallRecorded':
      return openedCycle === undefined
        ? reject(Errors.cycleOpeningUnknown, "a funding shortfall is mapped with its cycle's CycleOpened", 'the shortfall belongs to a known cycle', 'openedCycle')
        : agreementCommandsForFundingShortfall(openedCycle, event.data, context);
    case 'CycleConcluded':
      return agreementCommandsForConcludedCycle(event.data, context);
    default:
      return right([]);
  }
};

/** The commands a dispatcher has not yet handled (e.g. ids found as causation ids in the target streams). */
export const undeliveredCommands = (
  commands: readonly CycleAgreementCommand[],
  handledCommandIds: ReadonlySet<string>,
): readonly CycleAgreementCommand[] => commands.filter((c) => !handledCommandIds.has(c.commandId));
