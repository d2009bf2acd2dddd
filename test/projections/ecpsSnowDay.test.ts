/**
 * The ECPS snow-day recalculation through the reactor runner on PGlite, end to end: case G-26-004 is filed and
 * heard, the 1/27 snow day is declared, and the packaged calendar reactor (`@laborcase/projections/reactors`)
 * sends the grievance service the recalculations the calendar → grievance process manager plans. The runner is
 * "killed" mid-way (the grievance service fails right after the first recalculation is recorded) and restarted:
 * exactly one DeadlineRecalculated. Then the packaged deadline-lapse sweep, across the same kind of crash.
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createPGliteEventStore, uuidV7 } from '@laborcase/adapters';
import type { DomainError, EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { calendarStreamId } from '@laborcase/domain/calendar';
import { openDeadlines } from '@laborcase/domain/grievance';
import { createInMemoryReadModelStore, createReactorRunner, runDueSweep } from '@laborcase/projections';
import { calendarRecalculationReactor, deadlineLapseSweeper } from '@laborcase/projections/reactors';
import { createEcpsServices, ecpsActors, G26_004_ID } from '../../examples/ecps/workflow.js';
import { ECPS_DISTRICT_ID, ecpsCalendar2025_26Document, eceaEdition2024_2027Document, snowDay2026_01_27 } from '@laborcase/domain/fixtures/ecps';

const registry = createDomainRegistry();
const must = async <T>(result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${outcome.left.code}: ${outcome.left.message}`);
  return outcome.right;
};

type Grievances = ReturnType<typeof createEcpsServices>['grievances'];

/** The grievance service, "killed" right after its first recalculation (or lapse) is recorded, when `crash.afterFirst`. */
const crashingAfterFirst = (grievances: Grievances, crash: { afterFirst: boolean }): Grievances => {
  const once = <F extends (...args: never[]) => Promise<unknown>>(operation: F): F =>
    (async (...args: Parameters<F>) => {
      const result = await operation(...args);
      if (crash.afterFirst) {
        crash.afterFirst = false;
        throw new Error('killed after the first command was recorded');
      }
      return result;
    }) as F;
  return { ...grievances, recalculateDeadline: once(grievances.recalculateDeadline), recordLapse: once(grievances.recordLapse) };
};

/** The ECPS reference data and G-26-004 filed, with its Step 2 meeting scheduled: both scenarios start here. */
const upToTheStep2Meeting = async (services: ReturnType<typeof createEcpsServices>, call: { readonly correlationId: string }): Promise<void> => {
  await must(services.calendars.importCalendar(ecpsCalendar2025_26Document, ecpsActors.board, call));
  await must(services.agreements.importEdition(eceaEdition2024_2027Document, ecpsActors.laborRelations, call));
  await must(
    services.grievances.file(
      G26_004_ID,
      {
        grievant: { kind: 'class', memberCount: 41, description: 'Teachers assigned a sixth teaching period' },
        agreement: { unitId: 'ecea', editionId: '2024-2027' },
        articleKeys: ['schedules-workload'],
        occurredOn: '2026-01-05',
        filedOn: '2026-01-13',
        remedySought: 'Return to the contractual workload',
        schoolIds: ['eastfield-hs'],
      },
      ecpsActors.association,
      call,
    ),
  );
  await must(services.grievances.scheduleMeeting(G26_004_ID, { stepId: 'step-2', meetingOn: '2026-01-21', scheduledOn: '2026-01-14' }, ecpsActors.designee, call));
};

describe('the ECPS snow day through the reactor runner (PGlite)', () => {
  it('moves the Step 2 answer deadline once, across a crash and a restart', async () => {
    const store = await createPGliteEventStore({ registry });
    try {
      const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'snow-day-test' });
      const call = { correlationId: 'snow-day-test' };
      await upToTheStep2Meeting(services, call);
      const { date, scope, reason, declaredOn } = snowDay2026_01_27;
      await must(services.calendars.declareEmergencyClosure({ districtId: ECPS_DISTRICT_ID, schoolYear: '2025-26' }, { date, scope, reason, declaredOn }, ecpsActors.superintendent, call));

      const readModels = createInMemoryReadModelStore();
      const crash = { afterFirst: true };
      const reactor = () =>
        calendarRecalculationReactor({ eventStore: store, registry, grievances: crashingAfterFirst(services.grievances, crash), actor: ecpsActors.calendarProcessManager });
      const runner = createReactorRunner({ eventStore: store, registry, store: readModels, reactor: reactor() });
      await expect(runner.runOnce()).rejects.toThrow(/killed/);
      const restarted = createReactorRunner({ eventStore: store, registry, store: readModels, reactor: reactor() });
      await restarted.runOnce();
      await restarted.runOnce();

      const recalculated = [];
      for await (const e of store.readAll({ eventTypes: ['DeadlineRecalculated'] })) recalculated.push(e);
      expect(recalculated).toHaveLength(1);
      expect(recalculated[0]?.data).toMatchObject({ previousDueOn: '2026-02-05', newDueOn: '2026-02-06' });
      expect(recalculated[0]?.streamId).not.toBe(calendarStreamId(ECPS_DISTRICT_ID, '2025-26'));
    } finally {
      await store.close();
    }
  });
});

describe('the deadline-lapse reactor (PGlite)', () => {
  it('records the lapse of a management deadline once, the day after it passes, across a crash', async () => {
    const store = await createPGliteEventStore({ registry });
    try {
      const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'lapse-test' });
      await lapseScenario(services, store);
    } finally {
      await store.close();
    }
  });

  it('without a crash, dispatches each past-due deadline once, then never again', async () => {
    const store = await createPGliteEventStore({ registry });
    try {
      const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'lapse-test' });
      await lapseScenario(services, store, false);
    } finally {
      await store.close();
    }
  });
});

const lapseScenario = async (services: ReturnType<typeof createEcpsServices>, store: EventStore, withCrash = true): Promise<void> => {
    {
      const call = { correlationId: 'lapse-test' };
      await upToTheStep2Meeting(services, call);
      const open = openDeadlines(await services.loadGrievance(G26_004_ID));
      const answer = open.find((d) => d.dueOn === '2026-02-05');
      expect(answer).toBeDefined();

      // 15:00 UTC is 10:00 in Eastfield: the sweep's business date is the instant's date in the district's zone.
      let today = '2026-02-05';
      const crash = { afterFirst: withCrash };
      const readModels = createInMemoryReadModelStore();
      const sweeper = deadlineLapseSweeper({
        grievances: crashingAfterFirst(services.grievances, crash),
        eventStore: store,
        clock: () => new Date(`${today}T15:00:00Z`),
        timeZone: 'America/New_York',
        actor: ecpsActors.calendarProcessManager,
      });
      expect(await runDueSweep(sweeper, readModels)).toEqual([]); // due today: not yet missed
      today = '2026-02-06';
      if (!withCrash) expect((await runDueSweep(sweeper, readModels)).map((i) => i.deadlineId)).toEqual([answer?.deadlineId]);
      else await expect(runDueSweep(sweeper, readModels)).rejects.toThrow(/killed/);
      // The lapse was recorded before the crash: the deadline is no longer open, so the restart has nothing to do.
      expect(await runDueSweep(sweeper, readModels)).toEqual([]);
      today = '2026-02-09';
      expect(await runDueSweep(sweeper, readModels)).toEqual([]);

      const missed = [];
      for await (const e of store.readAll({ eventTypes: ['DeadlineMissed'] })) missed.push(e);
      expect(missed).toHaveLength(1);
      expect(missed[0]?.data).toMatchObject({ deadlineId: answer?.deadlineId });
    }
};
