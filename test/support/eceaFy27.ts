/** The ECEA 2024-2027 edition and its FY27 reopener cycle, recorded through the agreement handler and the bargaining service. */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { CommandContext, CommandHandler, DomainError } from '@laborcase/core';
import { agreementStreamId, type AgreementCommand, type AgreementState } from '@laborcase/domain/agreement';
import { bargainingStreamId, type BargainingCommand, type BargainingService } from '@laborcase/domain/bargaining';
import { eceaCommandsBeforeFy27Reopener, eceaFy27Reopener } from '@laborcase/domain/fixtures/ecps';

export const fy27Cycle = { unitId: 'ecea', cycleId: 'fy27-reopener' };
export const fy27CycleStream = bargainingStreamId(fy27Cycle.unitId, fy27Cycle.cycleId);
export const ecea2024EditionStream = agreementStreamId('ecea', '2024-2027');
export const laborRelationsClerk = { actorId: 'ecps.labor-relations', role: 'labor-relations' };

export const mustSucceed = async <T>(result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${outcome.left.code}: ${outcome.left.message}`);
  return outcome.right;
};

/** A fixture command through the service: its type names the operation; the cycle and the actor come from the call. */
const bargain = (service: BargainingService, command: BargainingCommand, commandId: string) => {
  const { type, actor: _actor, ...fields } = command;
  const { cycleId: _cycleId, unitId: _unitId, ...input } = fields as Record<string, unknown>;
  const operation = service[`${type.charAt(0).toLowerCase()}${type.slice(1)}` as keyof typeof service] as (
    cycle: unknown,
    input: unknown,
    actor: unknown,
    options: unknown,
  ) => Promise<Either<DomainError, unknown>>;
  return operation(fy27Cycle, input, laborRelationsClerk, { commandId });
};

/** The edition as it stood before the reopener, then every event of the FY27 reopener cycle up to its conclusion. */
export const seedEceaFy27Reopener = async ({ agreement, bargaining }: { agreement: CommandHandler<AgreementCommand, AgreementState>; bargaining: BargainingService }): Promise<void> => {
  for (const [i, command] of eceaCommandsBeforeFy27Reopener.entries()) {
    const context: CommandContext = { provenance: laborRelationsClerk, effectiveOn: '2024-07-01', commandId: `ecea-2024-2027-setup-${i}` };
    await mustSucceed(agreement(ecea2024EditionStream, command, context));
  }
  for (const [i, command] of eceaFy27Reopener.entries()) {
    await mustSucceed(bargain(bargaining, command, `ecea-fy27-${i}`));
  }
};
