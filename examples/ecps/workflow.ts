/**
 * Case G-26-004 of Example County Public Schools (domain.md §7 case 2) through the application services: what a
 * district's case-management service does, with no stream names, no loading and no `effectiveOn` arithmetic of its
 * own. Each call names the business input and who acts; the services load the agreement edition and the calendar
 * version a command needs, build the stream ids and date the events by their business dates.
 *
 * In business-date order: the SY2025-26 calendar is adopted from its document, the ECEA 2024-2027 edition imported
 * from its document (and its FY27 reopener scope set, as the bargaining → agreement process manager decided), the
 * class grievance filed at Step 2 and heard, the 1/27 snow day declared, the calendar process manager moving the
 * Step 2 answer deadline, then the denial, arbitration and the award.
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { readDecoded, type CodecRegistry, type DomainError, type EventStore, type Provenance } from '@laborcase/core';
import { createAgreementService, createCalendarService, createGrievanceService } from '@laborcase/domain';
import { agreementStreamId } from '@laborcase/domain/agreement';
import { calendarStreamId, workCalendarDecider, type WorkCalendarEvent } from '@laborcase/domain/calendar';
import { onCalendarChanged, type DeadlineRecalculationFailed, type RecalculateDeadline } from '@laborcase/domain/calendar-to-grievance';
import { grievanceStreamId, openDeadlines, type GrievanceState } from '@laborcase/domain/grievance';
import {
  ECPS_DISTRICT_ID,
  ecpsCalendar2025_26Document,
  eceaEdition2024_2027Document,
  eceaFy27ReopenerCommands,
  snowDay2026_01_27,
} from '@laborcase/domain/fixtures/ecps';

/** Who issues what in case G-26-004 (INVENTED actor ids; the roles are the ones §7's procedure names). */
export const ecpsActors = {
  board: { actorId: 'ecps.board-secretary', role: 'board-of-education' },
  laborRelations: { actorId: 'ecps.labor-relations', role: 'labor-relations' },
  superintendent: { actorId: 'ecps.superintendent', role: 'superintendent' },
  designee: { actorId: 'ecps.supt-designee', role: 'superintendent-designee' },
  association: { actorId: 'ecea.grievance-chair', role: 'association-rep' },
  arbitrator: { actorId: 'aaa.r-delgado', role: 'arbitrator' },
  calendarProcessManager: { actorId: 'calendar-deadline-recalculation', role: 'process-manager' },
} as const satisfies Record<string, Provenance>;

const SY2025_26 = { districtId: ECPS_DISTRICT_ID, schoolYear: '2025-26' } as const;
const ECEA_2024_2027 = { unitId: 'ecea', editionId: '2024-2027' } as const;
export const G26_004_ID = 'G-26-004';

/** The streams case G-26-004 writes: for an auditor's or a demo's reading, not for the services. */
export const G26_004_STREAMS = {
  calendar: calendarStreamId(SY2025_26.districtId, SY2025_26.schoolYear),
  agreement: agreementStreamId(ECEA_2024_2027.unitId, ECEA_2024_2027.editionId),
  grievance: grievanceStreamId(G26_004_ID),
} as const;

export interface EcpsServicesOptions {
  readonly store: EventStore;
  /** Must know every event type of the three streams: `createDomainRegistry()`. */
  readonly registry: CodecRegistry;
  /** Event ids and default command ids. */
  readonly newId: () => string;
  /** Ties the commands of one workflow run together. */
  readonly correlationId: string;
}

/** What the calendar process manager did in one run. */
export interface CalendarProcessManagerRun {
  /** Instructions the grievance streams accepted and recorded (an already-applied one records nothing). */
  readonly dispatched: readonly RecalculateDeadline[];
  /** How many events those instructions appended. */
  readonly appended: number;
  /** Deadlines a calendar version could not compute: for a human to resolve. */
  readonly failures: readonly DeadlineRecalculationFailed[];
}

const must = async <T>(what: string, result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${what} rejected: ${outcome.left.code} at ${outcome.left.field ?? '-'}: ${outcome.left.message}`);
  return outcome.right;
};

/** The three services of the case, and the runner of the calendar → grievance process manager. */
export const createEcpsServices = (options: EcpsServicesOptions) => {
  const { store, registry, newId, correlationId } = options;
  const retry = { maxAttempts: 3 };
  const calendars = createCalendarService({ store, registry, newId, retry });
  const agreements = createAgreementService({ store, registry, newId, retry });
  const grievances = createGrievanceService({ store, registry, newId, districtId: ECPS_DISTRICT_ID, retry });

  const loadGrievance = async (grievanceId: string): Promise<GrievanceState> => (await must(`load ${grievanceId}`, grievances.get(grievanceId))).state;

  /**
   * Replays the calendar stream; after each change, asks `onCalendarChanged` which open deadlines of the watched
   * grievances move, and sends each instruction to the grievance service. The command id is derived from the
   * calendar event and the deadline, and an instruction already applied records nothing, so running it again
   * appends nothing. (A projection runtime will run this continuously; here it is called after the change.)
   */
  const runCalendarProcessManager = async (grievanceIds: readonly string[]): Promise<CalendarProcessManagerRun> => {
    const dispatched: RecalculateDeadline[] = [];
    const failures: DeadlineRecalculationFailed[] = [];
    let appended = 0;
    let calendarState = workCalendarDecider.initialState;
    const calendarStream = calendarStreamId(SY2025_26.districtId, SY2025_26.schoolYear);
    for await (const decoded of readDecoded(store, registry, calendarStream)) {
      if (decoded.kind !== 'event') throw new Error(`${calendarStream} v${decoded.record.streamVersion} is unreadable: ${decoded.reason}`);
      const event = { type: decoded.type, data: decoded.data } as WorkCalendarEvent;
      calendarState = workCalendarDecider.evolve(calendarState, event);
      for (const grievanceId of grievanceIds) {
        const plan = onCalendarChanged(event, calendarState, openDeadlines(await loadGrievance(grievanceId)));
        failures.push(...plan.failures);
        for (const instruction of plan.recalculations) {
          const { type: _type, streamId: _streamId, ...input } = instruction;
          const result = await must(
            `${grievanceId} recalculateDeadline`,
            grievances.recalculateDeadline(grievanceId, { ...input, calendarChangedOn: decoded.record.metadata.effectiveOn }, ecpsActors.calendarProcessManager, {
              commandId: `${decoded.record.eventId}/${instruction.deadlineId}`,
              correlationId,
            }),
          );
          if (result.events.length > 0) dispatched.push(instruction);
          appended += result.events.length;
        }
      }
    }
    return { dispatched, appended, failures };
  };

  return { calendars, agreements, grievances, loadGrievance, runCalendarProcessManager, correlationId };
};

export type EcpsServices = ReturnType<typeof createEcpsServices>;

export interface CaseRun {
  readonly grievance: GrievanceState;
  /** The snow day's run of the calendar process manager. */
  readonly recalculation: CalendarProcessManagerRun;
  readonly streams: { readonly calendar: string; readonly agreement: string; readonly grievance: string };
}

/** Case 2 of domain.md §7, G-26-004, on `services`' store (which must not yet hold these streams). */
export const runCaseG26_004 = async (services: EcpsServices): Promise<CaseRun> => {
  const { calendars, agreements, grievances, correlationId } = services;
  const actors = ecpsActors;
  const call = { correlationId };
  const id = G26_004_ID;

  await must('calendar import', calendars.importCalendar(ecpsCalendar2025_26Document, actors.board, call));
  await must('edition import', agreements.importEdition(eceaEdition2024_2027Document, actors.laborRelations, call));
  // The FY27 reopener scope, set when the reopener cycle opened (2025-09-15), before the grievance was filed.
  for (const routed of eceaFy27ReopenerCommands.filter((c) => c.effectiveOn <= '2026-01-13')) {
    if (routed.command.type !== 'SetReopenerScope') throw new Error(`unexpected ${routed.command.type} before the filing`);
    const { fiscalYear, articleKeys } = routed.command;
    await must('reopener scope', agreements.setReopenerScope(ECEA_2024_2027, { fiscalYear, articleKeys, setOn: routed.effectiveOn }, actors.laborRelations, call));
  }

  await must(
    'filing',
    grievances.file(
      id,
      {
        grievant: { kind: 'class', memberCount: 41, description: 'Teachers assigned a sixth teaching period at three high schools' },
        agreement: ECEA_2024_2027,
        articleKeys: ['schedules-workload'],
        occurredOn: '2026-01-05',
        filedOn: '2026-01-13',
        remedySought: 'Return to the contractual workload and pay for the additional period',
        schoolIds: ['eastfield-hs', 'river-hs', 'summit-hs'],
      },
      actors.association,
      call,
    ),
  );
  await must('hearing', grievances.scheduleMeeting(id, { stepId: 'step-2', meetingOn: '2026-01-21', scheduledOn: '2026-01-14' }, actors.designee, call));

  const { date, scope, reason, declaredOn } = snowDay2026_01_27;
  await must('snow day', calendars.declareEmergencyClosure(SY2025_26, { date, scope, reason, declaredOn }, actors.superintendent, call));
  const recalculation = await services.runCalendarProcessManager([id]);

  await must(
    'denial',
    grievances.answer(id, { stepId: 'step-2', disposition: 'denied', answeredOn: '2026-02-06', reason: 'Schedules are within Board authority' }, actors.designee, call),
  );
  await must('demand', grievances.demandArbitration(id, { demandedOn: '2026-02-20', demandedBy: 'association' }, actors.association, call));
  await must('selection', grievances.selectArbitrator(id, { arbitrator: 'Arbitrator R. Delgado (AAA)', selectedOn: '2026-03-12' }, actors.laborRelations, call));
  await must('hearing closed', grievances.closeHearing(id, { closedOn: '2026-05-01' }, actors.arbitrator, call));
  const final = await must(
    'award',
    grievances.recordAward(id, { issuedOn: '2026-05-28', decision: 'sustainedInPart', remedy: "2 hours' pay per affected teacher" }, actors.arbitrator, call),
  );

  return {
    grievance: final.state,
    recalculation,
    streams: G26_004_STREAMS,
  };
};
