import { describe, expect, it } from '@jest/globals';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { commandHandler, type DomainError, type EventStore } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { agreementDecider, agreementStreamId } from '../agreement/index.js';
import { createBargainingService, type BargainingCommand } from '../bargaining/index.js';
import { createDomainRegistry } from '../domainRegistry.js';
import { eceaFy27Reopener } from '../fixtures/ecps/bargaining.js';
import { agreementCommandsForConcludedCycle } from './processManager.js';
import { createBargainingToAgreementService } from './service.js';
import { eceaBeforeConclusion, eceaCommandsBeforeConclusion, expectRight, fy27Concluded } from './specFixtures.js';

const registry = createDomainRegistry();
const clerk = { actorId: 'ecps.labor-relations', role: 'labor-relations' };
const cycle = { unitId: 'ecea', cycleId: 'fy27-reopener' };

const setup = async (bargainingCommands: readonly BargainingCommand[]) => {
  const store = createInMemoryEventStore({ registry, clock: () => new Date('2026-06-05T18:00:00Z') });
  let next = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  const agreement = commandHandler({ store, registry, decider: agreementDecider, newId });
  for (const command of eceaCommandsBeforeConclusion) {
    const result = await agreement(agreementStreamId('ecea', '2024-2027'), command, { provenance: clerk, effectiveOn: '2024-07-01' });
    if (isLeft(result)) throw new Error(result.left.code);
  }
  const bargaining = createBargainingService({ store, newId });
  for (const { type, actor: _actor, ...input } of bargainingCommands) {
    const { cycleId: _c, unitId: _u, ...rest } = input as Record<string, unknown>;
    const operation = bargaining[`${type.charAt(0).toLowerCase()}${type.slice(1)}` as 'recordBoardApproval'] as (c: unknown, i: unknown, a: unknown) => Promise<Either<DomainError, unknown>>;
    const result = await operation(cycle, rest, clerk);
    if (isLeft(result)) throw new Error(`${type}: ${result.left.code}`);
  }
  return { store, service: createBargainingToAgreementService({ store }) };
};

const everything = (store: EventStore) => collect(store.readAll());

describe('bargaining → agreement service', () => {
  it('maps the concluded ECEA FY27 reopener against the edition as stored, writing nothing', async () => {
    const { store, service } = await setup(eceaFy27Reopener);
    const before = await everything(store);
    const commands = await service.agreementCommandsForConcludedCycle(cycle, { fiscalYear: 'FY27' });
    expect(commands).toEqual({ _tag: 'Right', right: expectRight(agreementCommandsForConcludedCycle(fy27Concluded, { baseEdition: eceaBeforeConclusion, fiscalYear: 'FY27' })) });
    expect(await everything(store)).toEqual(before);
  });

  it('a cycle that has not concluded maps to nothing yet: CycleNotConcluded', async () => {
    const { service } = await setup(eceaFy27Reopener.slice(0, -1));
    const result = await service.agreementCommandsForConcludedCycle(cycle, { fiscalYear: 'FY27' });
    expect(isLeft(result) && [result.left.code, result.left.field]).toEqual(['CycleNotConcluded', 'cycle']);
  });

  it('refuses a malformed reference or context, naming the field', async () => {
    const { service } = await setup([]);
    const call = (c: unknown, context: unknown) => service.agreementCommandsForConcludedCycle(c as typeof cycle, context as { fiscalYear: string });
    const fieldOf = async (c: unknown, context: unknown) => {
      const result = await call(c, context);
      return isLeft(result) ? [result.left.code, result.left.field] : 'mapped';
    };
    expect(await fieldOf({ unitId: 'ecea' }, { fiscalYear: 'FY27' })).toEqual(['InvalidCommand', 'cycle.cycleId']);
    expect(await fieldOf(cycle, { fiscalYear: '2027' })).toEqual(['InvalidCommand', 'context.fiscalYear']);
    expect(await fieldOf(cycle, { fiscalYear: 'FY27', successor: { expiresOn: '2030-06-31' } })).toEqual(['InvalidCommand', 'context.successor.expiresOn']);
    expect(await fieldOf(cycle, null)).toEqual(['InvalidCommand', 'context']);
  });
});
