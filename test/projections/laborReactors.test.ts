/**
 * The packaged bargaining → agreement and discipline → grievance-option reactors through the reactor runner, on
 * PGlite (the event store and the runner's records in one database). Each run is "killed" mid-way, after an
 * effect and before the runner records it, then restarted: every effect happens exactly once.
 */
import { describe, expect, it } from '@jest/globals';
import { uuidV7 } from '@laborcase/adapters';
import { commandHandler, loadStream, type CommandHandler, type EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { AgreementCommandCodec, agreementDecider, articleAsOf, isRegistered, type AgreementCommand, type AgreementState } from '@laborcase/domain/agreement';
import { createBargainingService } from '@laborcase/domain/bargaining';
import { employeeRelationsCaseDecider, employeeRelationsStreamId, type OfferGrievanceOption } from '@laborcase/domain/employee-relations';
import { er26005, ER_26_005 } from '@laborcase/domain/fixtures/ecps';
import { createReactorRunner, InvalidProjection, type ReadModelStore } from '@laborcase/projections';
import { bargainingToAgreementReactor, calendarRecalculationReactor, deadlineLapseSweeper, disciplineToGrievanceReactor } from '@laborcase/projections/reactors';
import { ecea2024EditionStream, fy27CycleStream, mustSucceed, seedEceaFy27Reopener } from '../support/eceaFy27.js';
import { pgliteStores } from './support.js';

const registry = createDomainRegistry();
const processManager = { actorId: 'bargaining-to-agreement', role: 'process-manager' };

/** Every event in the agreement stream that the FY27 cycle caused, by type. */
const causedByCycle = async (eventStore: EventStore): Promise<string[]> => {
  const types: string[] = [];
  for await (const e of eventStore.readStream(ecea2024EditionStream)) if (e.metadata.causationId.startsWith(`${fy27CycleStream}:`)) types.push(e.type);
  return types;
};

/** The handler, failing right after its `killAfter`-th successful command (the effect is in the store, the runner has not recorded it). */
const killedAfter = (handler: CommandHandler<AgreementCommand, AgreementState>, killAfter: number): CommandHandler<AgreementCommand, AgreementState> => {
  let succeeded = 0;
  return async (streamId, command, context) => {
    const result = await handler(streamId, command, context);
    if (++succeeded === killAfter) throw new Error(`killed after command ${killAfter}`);
    return result;
  };
};

const runUntilKilled = async (eventStore: EventStore, store: ReadModelStore, reactor: Parameters<typeof createReactorRunner>[0]['reactor']) =>
  expect(createReactorRunner({ eventStore, registry, store, reactor }).runOnce()).rejects.toThrow(/killed/);

describe('bargaining → agreement reactor (PGlite)', () => {
  it('amends the ECEA 2024-2027 edition once from the FY27 reopener, across a kill after the concluded cycle’s first command', async () => {
    const { eventStore, store, close } = await pgliteStores(registry);
    try {
      const agreement = commandHandler({ store: eventStore, registry, decider: agreementDecider, newId: uuidV7, commandCodec: AgreementCommandCodec });
      await seedEceaFy27Reopener({ agreement, bargaining: createBargainingService({ store: eventStore, registry, newId: uuidV7 }) });
      const reactor = (handler: typeof agreement) => bargainingToAgreementReactor({ eventStore, registry, agreement: handler, actor: processManager, cycleContext: () => ({ fiscalYear: 'FY27' }) });

      // Commands 1 and 2 answer the opening and the shortfall; the 3rd is the first of the concluded cycle's four.
      await runUntilKilled(eventStore, store, reactor(killedAfter(agreement, 3)));
      expect(await causedByCycle(eventStore)).toEqual(['ReopenerScopeSet', 'FundingShortfallRecorded', 'FundingConfirmed']);

      const restarted = createReactorRunner({ eventStore, registry, store, reactor: reactor(agreement) });
      expect(await restarted.runOnce()).toMatchObject({ dispatched: 1 }); // the CycleConcluded, redelivered
      expect(await restarted.runOnce()).toMatchObject({ events: 0, dispatched: 0 });

      expect(await causedByCycle(eventStore)).toEqual(['ReopenerScopeSet', 'FundingShortfallRecorded', 'FundingConfirmed', 'ArticleAmended', 'ArticleAmended', 'ArticleRenumbered']);
      const { state: edition } = await loadStream(eventStore, registry, ecea2024EditionStream, agreementDecider.evolve, agreementDecider.initialState);
      expect(articleAsOf(edition, 'planning-time', '2026-07-01')?.number).toBe('13');
      expect(isRegistered(edition) && edition.fundingStatus).toBe('funded');
    } finally {
      await close();
    }
  });
});

describe('discipline → grievance option reactor (PGlite)', () => {
  it('offers ECAP a grievance on ER-26-005’s written reprimand once, although the event is delivered twice', async () => {
    const { eventStore, store, close } = await pgliteStores(registry);
    try {
      const handle = commandHandler({ store: eventStore, registry, decider: employeeRelationsCaseDecider, newId: uuidV7 });
      for (const command of er26005) {
        await mustSucceed(handle(employeeRelationsStreamId(ER_26_005), command, { provenance: { actorId: command.actor, role: 'employee-relations' }, effectiveOn: command.occurredOn }));
      }
      const offered = new Map<string, OfferGrievanceOption>();
      const calls: string[] = [];
      let killed = false;
      const offers = {
        async offer(offer: OfferGrievanceOption) {
          calls.push(offer.commandId);
          offered.set(offer.commandId, offer); // idempotent per command id, as the port must be
          if (!killed) {
            killed = true;
            throw new Error('killed after the offer was made');
          }
        },
      };
      await runUntilKilled(eventStore, store, disciplineToGrievanceReactor({ offers }));
      const restarted = createReactorRunner({ eventStore, registry, store, reactor: disciplineToGrievanceReactor({ offers }) });
      expect(await restarted.runOnce()).toMatchObject({ events: 1, dispatched: 1 });
      expect(await restarted.runOnce()).toMatchObject({ events: 0, dispatched: 0 });

      expect(calls).toEqual([`offer-grievance-${ER_26_005}-ER-26-005-D1`, `offer-grievance-${ER_26_005}-ER-26-005-D1`]);
      expect([...offered.values()]).toEqual([
        expect.objectContaining({ employeeId: 'E-20931', unitId: 'ecap', disciplineLevel: 'writtenReprimand', imposedOn: '2026-03-10', source: expect.objectContaining({ caseId: ER_26_005 }) }),
      ]);
    } finally {
      await close();
    }
  });
});

describe('the labor reactor factories refuse malformed options, naming the field', () => {
  const eventStore = {} as EventStore;
  const grievances = { get: async () => undefined, recalculateDeadline: async () => undefined, recordLapse: async () => undefined } as never;
  const cases: [string, () => unknown, RegExp][] = [
    ['calendar: no grievances', () => calendarRecalculationReactor({ eventStore, registry, actor: processManager } as never), /^grievances: is required/],
    ['calendar: grievanceIds not a function', () => calendarRecalculationReactor({ eventStore, registry, grievances, actor: processManager, grievanceIds: [] as never }), /^grievanceIds: must be a function/],
    ['lapse: no clock', () => deadlineLapseSweeper({ eventStore, grievances, actor: processManager, timeZone: 'America/New_York' } as never), /^clock: /],
    ['lapse: unknown time zone', () => deadlineLapseSweeper({ eventStore, grievances, actor: processManager, clock: () => new Date(), timeZone: 'Mars/Olympus' }), /^timeZone: /],
    ['bargaining: no cycleContext', () => bargainingToAgreementReactor({ eventStore, registry, actor: processManager, agreement: (async () => undefined) as never } as never), /^cycleContext: must be a function/],
    ['discipline: offers without offer()', () => disciplineToGrievanceReactor({ offers: {} as never }), /^offers\.offer: must be a function/],
    ['discipline: no options', () => disciplineToGrievanceReactor(undefined as never), /^options: must be an object/],
  ];
  it.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(InvalidProjection);
    expect(build).toThrow(message);
  });

  it('the lapse sweeper counts today in the district’s time zone', () => {
    const sweeper = deadlineLapseSweeper({ eventStore, grievances, actor: processManager, clock: () => new Date('2026-02-06T03:00:00Z'), timeZone: 'America/New_York' });
    expect(sweeper.today()).toBe('2026-02-05');
  });
});
