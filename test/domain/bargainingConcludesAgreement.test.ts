/**
 * End to end: the ECEA FY27 reopener is bargained on its own stream through the bargaining service; a
 * process-manager runner reads the cycle's events back from the store, maps them to agreement commands and
 * dispatches them to the ECEA 2024-2027 stream through the command handler. The two aggregates meet only through
 * stored events and agreement commands.
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { agreementDecider, articleAsOf, isRegistered } from '@laborcase/domain/agreement';
import { createBargainingService, type BargainingEvent } from '@laborcase/domain/bargaining';
import { commandHandler, loadStream, readDecoded, verifyStream, type EventStore, type StoredEvent } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { createInMemoryEventStore } from '@laborcase/adapters';
import {
  agreementCommandsForBargainingEvent,
  createBargainingToAgreementService,
  undeliveredCommands,
  type OpenedCycle,
} from '@laborcase/domain/bargaining-to-agreement';
import { eceaAgreement } from '@laborcase/domain/fixtures/ecps';
import { collect } from '@laborcase/core/adapter-kit';
import { ecea2024EditionStream, fy27Cycle, fy27CycleStream, mustSucceed, seedEceaFy27Reopener } from '../support/eceaFy27.js';

const registry = createDomainRegistry();
const cycle = fy27Cycle;
const cycleStream = fy27CycleStream;
const editionStream = ecea2024EditionStream;
const processManager = { actorId: 'bargaining-to-agreement', role: 'process-manager' };

const setup = () => {
  const store = createInMemoryEventStore({ registry, clock: () => new Date('2026-06-05T18:00:00Z') });
  let next = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  return {
    store,
    agreement: commandHandler({ store, registry, decider: agreementDecider, newId }),
    bargaining: createBargainingService({ store, registry, newId }),
  };
};

type Handlers = ReturnType<typeof setup>;

const seed = seedEceaFy27Reopener;

const storedEvents = (store: EventStore, streamId: string): Promise<StoredEvent[]> => collect(store.readStream(streamId));

/** The runner: for each stored cycle event, map it against the edition as it now stands and dispatch what is new. */
const runProcessManager = async ({ store, agreement }: Handlers): Promise<{ dispatched: string[] }> => {
  const dispatched: string[] = [];
  let opened: OpenedCycle | undefined;
  for await (const decoded of readDecoded(store, registry, cycleStream)) {
    if (decoded.kind !== 'event') throw new Error(`quarantined ${decoded.record.type}`);
    const event = { type: decoded.type, data: decoded.data } as BargainingEvent;
    if (event.type === 'CycleOpened') opened = event.data;
    const base = await loadStream(store, registry, editionStream, agreementDecider.evolve, agreementDecider.initialState);
    const mapped = agreementCommandsForBargainingEvent(event, { baseEdition: base.state, fiscalYear: 'FY27' }, opened);
    if (isLeft(mapped)) throw new Error(`${event.type}: ${mapped.left.code}`);
    for (const routed of mapped.right) {
      const handled = new Set((await storedEvents(store, routed.streamId)).map((e) => e.metadata.causationId));
      if (handled.has(routed.commandId)) continue;
      await mustSucceed(
        agreement(routed.streamId, routed.command, {
          provenance: processManager,
          effectiveOn: routed.effectiveOn,
          commandId: routed.commandId,
          correlationId: decoded.record.eventId,
        }),
      );
      dispatched.push(routed.commandId);
    }
  }
  return { dispatched };
};

describe('a concluded bargaining cycle amends its agreement (in-memory store, command handler)', () => {
  it('the FY27 reopener renumbers Planning Time to Art. 13 from 2026-07-01 on the ECEA 2024-2027 stream', async () => {
    const handlers = setup();
    await seed(handlers);
    const concluded = (await storedEvents(handlers.store, cycleStream)).at(-1);
    expect(concluded?.type).toBe('CycleConcluded');

    const { dispatched } = await runProcessManager(handlers);
    expect(dispatched).toEqual([
      'bargaining-ecea-fy27-reopener:set-reopener-scope:FY27',
      'bargaining-ecea-fy27-reopener:record-funding-shortfall:FY27:2026-05-21',
      'bargaining-ecea-fy27-reopener:confirm-funding:FY27',
      'bargaining-ecea-fy27-reopener:amend-article:salaries',
      'bargaining-ecea-fy27-reopener:amend-article:planning-time',
      'bargaining-ecea-fy27-reopener:renumber-article:planning-time',
    ]);

    const { state } = await loadStream(handlers.store, registry, editionStream, agreementDecider.evolve, agreementDecider.initialState);
    expect(articleAsOf(state, 'planning-time', '2026-06-30')?.number).toBe('12');
    expect(articleAsOf(state, 'planning-time', '2026-07-01')?.number).toBe('13');
    expect(isRegistered(state) && [state.status, state.fundingStatus]).toEqual(['inEffect', 'funded']);
    // The agreement fixture is derived through the same process manager: the stream folds to the same state.
    expect(state).toEqual(eceaAgreement.state);

    const editionEvents = await storedEvents(handlers.store, editionStream);
    const amendment = editionEvents.filter((e) => e.metadata.causationId.startsWith('bargaining-ecea-fy27-reopener:'));
    expect(amendment.map((e) => e.type)).toEqual(['ReopenerScopeSet', 'FundingShortfallRecorded', 'FundingConfirmed', 'ArticleAmended', 'ArticleAmended', 'ArticleRenumbered']);
    expect(amendment.at(-1)?.metadata).toMatchObject({ correlationId: concluded?.eventId, effectiveOn: '2026-07-01', provenance: processManager });

    expect(verifyStream(await storedEvents(handlers.store, cycleStream)).ok).toBe(true);
    expect(verifyStream(editionEvents).ok).toBe(true);

    // The bargaining → agreement service maps the concluded cycle to the same commands, all delivered already.
    const again = await mustSucceed(createBargainingToAgreementService({ store: handlers.store, registry }).agreementCommandsForConcludedCycle(cycle, { fiscalYear: 'FY27' }));
    expect(again.map((c) => c.commandId)).toEqual(dispatched.slice(2));
    expect(undeliveredCommands(again, new Set(editionEvents.map((e) => e.metadata.causationId)))).toEqual([]);
  });

  it('re-delivery of the cycle’s events dispatches nothing: the command ids are already in the agreement stream', async () => {
    const handlers = setup();
    await seed(handlers);
    await runProcessManager(handlers);
    const version = await handlers.store.streamVersion(editionStream);
    expect(await runProcessManager(handlers)).toEqual({ dispatched: [] });
    expect(await handlers.store.streamVersion(editionStream)).toBe(version);
    expect(verifyStream(await storedEvents(handlers.store, editionStream)).ok).toBe(true);
  });
});
