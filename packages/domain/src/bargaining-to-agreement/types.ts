import type { AgreementCommand, AgreementState, GrievanceProcedure, Reopener } from '../agreement/index.js';
import type { BargainingEventData } from '../bargaining/index.js';

export type ConcludedCycle = BargainingEventData<'CycleConcluded'>;
export type OpenedCycle = BargainingEventData<'CycleOpened'>;
export type SettlementShortfall = BargainingEventData<'SettlementFundingShortfallRecorded'>;

/** An agreement command addressed to its stream, with an id that is the same every time the same event is mapped. */
export interface CycleAgreementCommand {
  /** Derived from the cycle, the command's purpose and (where there is one) the article key: a dispatcher skips ids already handled. */
  readonly commandId: string;
  /** The agreement stream the command goes to (`agreement-{unitId}-{editionId}`). */
  readonly streamId: string;
  /** The business date the command is about, for the command context. */
  readonly effectiveOn: string;
  readonly command: AgreementCommand;
}

/** What the bargaining events do not carry about a successor edition: contract data the parties settle alongside. */
export interface SuccessorEditionTerms {
  readonly expiresOn: string;
  /** Defaults to the base edition's title. */
  readonly title?: string;
  /** Defaults to none. */
  readonly reopeners?: readonly Reopener[];
  /** Defaults to the base edition's current procedure. */
  readonly grievanceProcedure?: GrievanceProcedure;
}

export interface CycleToAgreementContext {
  /** The edition the cycle opened against, as its agreement stream folds (the process manager reads, never writes it). */
  readonly baseEdition: AgreementState;
  /** The fiscal year the settlement funds and, for a reopener, whose reopener it settles (e.g. "FY27"). */
  readonly fiscalYear: string;
  /** Required when a successor cycle concludes. */
  readonly successor?: SuccessorEditionTerms;
}
