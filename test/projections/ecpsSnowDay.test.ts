/**
 * The ECPS snow-day recalculation through the reactor runner on PGlite, end to end: case G-26-004 is filed and
 * heard, the 1/27 snow day is declared, and a reactor on the calendar's changes sends the grievance service the
 * recalculations the calendar → grievance process manager plans. The runner is "killed" mid-way (its dispatch
 * fails right after the first recalculation is recorded) and restarted: exactly one DeadlineRecalculated.
 *
 * The reactor is assembled here, from the domain's services and process manager: the projection runtime itself
 * knows nothing of the domain.
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createPGliteEventStore, uuidV7 } from '@laborcase/adapters';
import { readDecoded, type DomainError, type EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { calendarStreamId, workCalendarDecider, type WorkCalendarEvent } from '@laborcase/domain/calendar';
import { onCalendarChanged } from '@laborcase/domain/calendar-to-grievance';
import { openDeadlines } from '@laborcase/domain/grievance';
import { createInMemoryReadModelStore, createReactorRunner, runDueSweep, type DueSweeper, type Reactor } from '@laborcase/projections';
import { createEcpsServices, ecpsActors, G26_004_ID } from '../../examples/ecps/workflow.js';
import { ECPS_DISTRICT_ID, ecpsCalendar2025_26Document, eceaEdition2024_2027Document, snowDay2026_01_27 } from '@laborcase/domain/fixtures/ecps';

const registry = createDomainRegistry();
const must = async <T>(result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${outcome.left.code}: ${outcome.left.message}`);
  return outcome.right;
};

type Recalculate = { readonly type: 'RecalculateAfterCalendarChange'; readonly calendarEventId: string };

const calendarReactor = (store: EventStore, services: ReturnType<typeof createEcpsServices>, grievanceIds: readonly string[], crash: { afterFirst: boolean }): Reactor<Recalculate> => ({
  name: 'calendar_recalc',
  eventTypes: ['EmergencyClosureDeclared', 'EmergencyClosureRescinded', 'CalendarAmended'],
  react: (event) => [{ type: 'RecalculateAfterCalendarChange', calendarEventId: event.eventId }],
  async dispatch(command, { commandId, event }) {
    // The calendar as of the change, then the plan for the watched grievances' open deadlines.
    let calendar = workCalendarDecider.initialState;
    let change: WorkCalendarEvent | undefined;
    for await (const decoded of readDecoded(store, registry, event.streamId)) {
      if (decoded.kind !== 'event') throw new Error('unreadable calendar');
      const e = { type: decoded.type, data: decoded.data } as WorkCalendarEvent;
      calendar = workCalendarDecider.evolve(calendar, e);
      if (decoded.record.eventId === command.calendarEventId) {
        change = e;
        break;
      }
    }
    if (change === undefined) throw new Error(`calendar event ${command.calendarEventId} not found`);
    for (const grievanceId of grievanceIds) {
      const plan = onCalendarChanged(change, calendar, openDeadlines(await services.loadGrievance(grievanceId)));
      for (const instruction of plan.recalculations) {
        const { type: _type, streamId: _streamId, ...input } = instruction;
        // The grievance service records nothing for a command id it has already applied.
        await must(services.grievances.recalculateDeadline(grievanceId, { ...input, calendarChangedOn: event.metadata.effectiveOn }, ecpsActors.calendarProcessManager, { commandId: `${commandId}/${instruction.deadlineId}` }));
        if (crash.afterFirst) {
          crash.afterFirst = false;
          throw new Error('killed after the first recalculation');
        }
      }
    }
  },
});

describe('the ECPS snow day through the reactor runner (PGlite)', () => {
  it('moves the Step 2 answer deadline once, across a crash and a restart', async () => {
    const store = await createPGliteEventStore({ registry });
    try {
      const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'snow-day-test' });
      const call = { correlationId: 'snow-day-test' };
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
      const { date, scope, reason, declaredOn } = snowDay2026_01_27;
      await must(services.calendars.declareEmergencyClosure({ districtId: ECPS_DISTRICT_ID, schoolYear: '2025-26' }, { date, scope, reason, declaredOn }, ecpsActors.superintendent, call));

      const readModels = createInMemoryReadModelStore();
      const crash = { afterFirst: true };
      const runner = createReactorRunner({ eventStore: store, registry, store: readModels, reactor: calendarReactor(store, services, [G26_004_ID], crash) });
      await expect(runner.runOnce()).rejects.toThrow(/killed/);
      const restarted = createReactorRunner({ eventStore: store, registry, store: readModels, reactor: calendarReactor(store, services, [G26_004_ID], crash) });
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

type OpenDeadlineItem = { readonly id: string; readonly dueOn: string; readonly grievanceId: string };

/** The deadline-lapse reactor: each day, RecordDeadlineLapse for every open deadline of the watched grievances that is past due. */
const deadlineLapse = (services: ReturnType<typeof createEcpsServices>, grievanceIds: readonly string[], today: () => string, crash: { afterFirst: boolean }): DueSweeper<OpenDeadlineItem> => ({
  name: 'deadline_lapse',
  today,
  async due() {
    const items: OpenDeadlineItem[] = [];
    for (const grievanceId of grievanceIds) for (const d of openDeadlines(await services.loadGrievance(grievanceId))) items.push({ id: d.deadlineId, dueOn: d.dueOn, grievanceId });
    return items;
  },
  async dispatch(item, { commandId, today: asOf }) {
    await must(services.grievances.recordLapse(item.grievanceId, { deadlineId: item.id, asOf }, ecpsActors.calendarProcessManager, { commandId }));
    if (crash.afterFirst) {
      crash.afterFirst = false;
      throw new Error('killed after recording the lapse');
    }
  },
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
      const open = openDeadlines(await services.loadGrievance(G26_004_ID));
      const answer = open.find((d) => d.dueOn === '2026-02-05');
      expect(answer).toBeDefined();

      let today = '2026-02-05';
      const crash = { afterFirst: withCrash };
      const readModels = createInMemoryReadModelStore();
      const sweeper = deadlineLapse(services, [G26_004_ID], () => today, crash);
      expect(await runDueSweep(sweeper, readModels)).toEqual([]); // due today: not yet missed
      today = '2026-02-06';
      if (!withCrash) expect((await runDueSweep(sweeper, readModels)).map((i) => i.id)).toEqual([answer?.deadlineId]);
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
