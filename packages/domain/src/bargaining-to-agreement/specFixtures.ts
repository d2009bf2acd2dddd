/** Shared test data: the ECPS fixtures (examples/ecps) seen from the process manager's side. */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { agreementDecider, type AgreementCommand, type AgreementState } from '../agreement/index.js';
import type { DomainError } from '@laborcase/core';
import { eceaCommands, eventsFromCommands } from '../fixtures/ecps/agreements.js';
import { eceaFy27Reopener, replay } from '../fixtures/ecps/bargaining.js';
import type { ConcludedCycle, CycleAgreementCommand, OpenedCycle, SettlementShortfall } from './types.js';

const cycleEvents = replay(eceaFy27Reopener).events;

const dataOf = <T extends (typeof cycleEvents)[number]['type']>(type: T) => {
  const event = cycleEvents.find((e) => e.type === type);
  if (event === undefined) throw new Error(`the ECEA FY27 fixture has no ${type}`);
  return event.data as Extract<(typeof cycleEvents)[number], { type: T }>['data'];
};

export const fy27Opened: OpenedCycle = dataOf('CycleOpened');
export const fy27Shortfall: SettlementShortfall = dataOf('SettlementFundingShortfallRecorded');
export const fy27Concluded: ConcludedCycle = dataOf('CycleConcluded');

const commandsBefore = (type: AgreementCommand['type'], occurrence = 1): readonly AgreementCommand[] => {
  let seen = 0;
  const index = eceaCommands.findIndex((c) => c.type === type && ++seen === occurrence);
  return eceaCommands.slice(0, index);
};

/** ECEA 2024-2027 in effect, FY26 funded, before the FY27 reopener opens. */
export const eceaBeforeReopener: AgreementState = eventsFromCommands(commandsBefore('SetReopenerScope')).state;
/** The commands that bring ECEA 2024-2027 to `eceaBeforeConclusion`. */
export const eceaCommandsBeforeConclusion: readonly AgreementCommand[] = commandsBefore('ConfirmFunding', 3);
/** ECEA 2024-2027 with the FY27 scope set and the county's shortfall recorded: the state the cycle concludes on. */
export const eceaBeforeConclusion: AgreementState = eventsFromCommands(eceaCommandsBeforeConclusion).state;

/** Decide and evolve each command in turn; the first rejection is returned. */
export const applyAll = (state: AgreementState, commands: readonly CycleAgreementCommand[]): Either<DomainError, AgreementState> => {
  let current = state;
  for (const { command } of commands) {
    const decision = agreementDecider.decide(command, current);
    if (isLeft(decision)) return decision;
    current = decision.right.reduce(agreementDecider.evolve, current);
  }
  return { _tag: 'Right', right: current };
};

/** The state after applying, or a thrown error naming the rejection (for tests that expect success). */
export const applied = (state: AgreementState, commands: readonly CycleAgreementCommand[]): AgreementState => {
  const result = applyAll(state, commands);
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};

export const expectRight = <A>(result: Either<DomainError, A>): A => {
  if (isLeft(result)) throw new Error(`expected Right, got ${result.left.code}: ${result.left.message}`);
  return result.right;
};
