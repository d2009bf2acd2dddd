/**
 * Bargaining → Agreement process manager: turns a bargaining cycle's events into Agreement commands. It depends
 * only on the two aggregates' public exports (event data and command types, agreement queries), never on their
 * internals, and does no I/O: a runner reads the events, folds the base edition, and dispatches the commands.
 */
export {
  agreementCommandsForConcludedCycle,
  agreementCommandsForOpenedCycle,
  agreementCommandsForFundingShortfall,
  agreementCommandsForBargainingEvent,
  undeliveredCommands,
} from './processManager.js';
export { amendmentSummary } from './amendment.js';
export { editionIdOf, editionReference } from './baseEdition.js';
export { cycleCommandId } from './commandIds.js';
export { CycleToAgreementErrors, type CycleToAgreementErrorCode } from './errors.js';
export type {
  ConcludedCycle,
  OpenedCycle,
  SettlementShortfall,
  CycleAgreementCommand,
  CycleToAgreementContext,
  SuccessorEditionTerms,
} from './types.js';
export {
  createBargainingToAgreementService,
  ConcludedCycleContext,
  type BargainingToAgreementService,
  type BargainingToAgreementServiceOptions,
} from './service.js';
