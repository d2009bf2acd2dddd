/**
 * Application services for the ECPS fixture: the wiring a district's case-management service would have around
 * the aggregates. No domain rules live here: each step loads what a command needs from the store, sends the
 * command through `commandHandler` with who issued it (provenance) and the business date it is about
 * (`effectiveOn`), and throws on a rejection, because the fixture's commands must all be valid.
 *
 * `runCaseG26_004` plays domain.md §7 case 2 end to end, in business-date order, on any `EventStore`: the
 * SY2025-26 calendar is adopted, the ECEA 2024-2027 edition registered as it stood when the grievance was filed,
 * the class grievance filed at Step 2 and heard, the 1/27 snow day declared on the calendar stream, the calendar
 * process manager moving the Step 2 answer deadline, then the denial, arbitration and the award.
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { agreementDecider, agreementStreamId, type AgreementCommand, type AgreementState } from '@laborcase/domain/agreement';
import {
  calendarStreamId,
  currentCalendar,
  workCalendarDecider,
  type CalendarVersion,
  type WorkCalendarCommand,
  type WorkCalendarEvent,
  type WorkCalendarState,
} from '@laborcase/domain/calendar';
import { onCalendarChanged, type DeadlineRecalculationFailed, type RecalculateDeadline } from '@laborcase/domain/calendar-to-grievance';
import {
  commandHandler,
  loadStream,
  readDecoded,
  type CodecRegistry,
  type CommandResult,
  type DomainError,
  type EventStore,
  type Provenance,
} from '@laborcase/core';
import {
  grievanceDecider,
  grievanceStreamId,
  openDeadlines,
  type GrievanceCommand,
  type GrievanceState,
} from '@laborcase/domain/grievance';
import {
  adoptEcps2025_26,
  eceaCommandsBeforeFy27Reopener,
  eceaFy27ReopenerCommands,
  g26_004,
  snowDay2026_01_27,
  type GrievanceFixtureStep,
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

export const ECPS_CALENDAR_STREAM = calendarStreamId(adoptEcps2025_26.districtId, adoptEcps2025_26.schoolYear);
export const ECEA_AGREEMENT_STREAM = agreementStreamId('ecea', '2024-2027');
export const G26_004_ID = 'G-26-004';
export const G26_004_STREAM = grievanceStreamId(G26_004_ID);

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
  if (isLeft(outcome)) throw new Error(`${what} rejected: ${outcome.left.code}: ${outcome.left.message}`);
  return outcome.right;
};

/** The business date an agreement command is about: the date field its type carries. */
const agreementCommandDate = (command: AgreementCommand): string => {
  switch (command.type) {
    case 'RegisterAgreementEdition':
      return command.tentativelyAgreedOn;
    case 'RecordMemberRatification':
      return command.ratifiedOn;
    case 'RecordBoardApproval':
      return command.approvedOn;
    case 'ExpireAgreement':
      return command.expiredOn;
    case 'SupersedeAgreement':
      return command.supersededOn;
    case 'RecordFundingShortfall':
      return command.recordedOn;
    case 'ConfirmFunding':
      return command.confirmedOn;
    case 'AttachMou':
      return command.effectiveFrom;
    case 'SetReopenerScope':
      throw new Error('SetReopenerScope carries no date: give its effectiveOn explicitly');
    default:
      return command.effectiveOn;
  }
};

/** Per-stream command handlers plus the loads the grievance commands' context is built from. */
export const createEcpsServices = (options: EcpsServicesOptions) => {
  const { store, registry, newId, correlationId } = options;
  const retry = { maxAttempts: 3 };
  const calendarHandler = commandHandler({ store, registry, decider: workCalendarDecider, newId, retry });
  const agreementHandler = commandHandler({ store, registry, decider: agreementDecider, newId, retry });
  const grievanceHandler = commandHandler({ store, registry, decider: grievanceDecider, newId, retry });

  const context = (provenance: Provenance, effectiveOn: string, commandId?: string) => ({
    provenance,
    effectiveOn,
    correlationId,
    ...(commandId === undefined ? {} : { commandId }),
  });

  const calendar = (command: WorkCalendarCommand, provenance: Provenance, effectiveOn: string): Promise<CommandResult<WorkCalendarState>> =>
    must(`${ECPS_CALENDAR_STREAM} ${command.type}`, calendarHandler(ECPS_CALENDAR_STREAM, command, context(provenance, effectiveOn)));

  const agreement = (command: AgreementCommand, provenance: Provenance, effectiveOn = agreementCommandDate(command)): Promise<CommandResult<AgreementState>> =>
    must(`${ECEA_AGREEMENT_STREAM} ${command.type}`, agreementHandler(ECEA_AGREEMENT_STREAM, command, context(provenance, effectiveOn)));

  const grievance = (
    streamId: string,
    command: GrievanceCommand,
    provenance: Provenance,
    effectiveOn: string,
    commandId?: string,
  ): Promise<CommandResult<GrievanceState>> => must(`${streamId} ${command.type}`, grievanceHandler(streamId, command, context(provenance, effectiveOn, commandId)));

  const loadCalendarState = async (): Promise<WorkCalendarState> =>
    (await loadStream(store, registry, ECPS_CALENDAR_STREAM, workCalendarDecider.evolve, workCalendarDecider.initialState)).state;

  /** The calendar version in force now, as the calendar stream says: what new deadlines are counted on. */
  const loadCurrentCalendar = async (): Promise<CalendarVersion> => {
    const version = currentCalendar(await loadCalendarState());
    if (version === undefined) throw new Error(`${ECPS_CALENDAR_STREAM} has not been adopted`);
    return version;
  };

  const loadAgreement = async (): Promise<AgreementState> =>
    (await loadStream(store, registry, ECEA_AGREEMENT_STREAM, agreementDecider.evolve, agreementDecider.initialState)).state;

  const loadGrievance = async (streamId: string): Promise<GrievanceState> =>
    (await loadStream(store, registry, streamId, grievanceDecider.evolve, grievanceDecider.initialState)).state;

  /**
   * The calendar process manager's runner: replays the calendar stream from its start; after each change, asks
   * `onCalendarChanged` which of the watched grievances' open deadlines move, and sends each instruction to its
   * stream. The command id is derived from the calendar event and deadline, and the decider ignores an
   * instruction already applied, so running it again records nothing.
   */
  const runCalendarProcessManager = async (grievanceStreams: readonly string[]): Promise<CalendarProcessManagerRun> => {
    const dispatched: RecalculateDeadline[] = [];
    const failures: DeadlineRecalculationFailed[] = [];
    let appended = 0;
    let calendarState = workCalendarDecider.initialState;
    for await (const decoded of readDecoded(store, registry, ECPS_CALENDAR_STREAM)) {
      if (decoded.kind !== 'event') throw new Error(`${ECPS_CALENDAR_STREAM} v${decoded.record.streamVersion} is unreadable: ${decoded.reason}`);
      const event = { type: decoded.type, data: decoded.data } as WorkCalendarEvent;
      calendarState = workCalendarDecider.evolve(calendarState, event);
      for (const streamId of grievanceStreams) {
        const plan = onCalendarChanged(event, calendarState, openDeadlines(await loadGrievance(streamId)));
        failures.push(...plan.failures);
        for (const instruction of plan.recalculations) {
          const commandId = `${decoded.record.eventId}/${instruction.deadlineId}`;
          const result = await grievance(instruction.streamId, instruction, ecpsActors.calendarProcessManager, decoded.record.metadata.effectiveOn, commandId);
          if (result.events.length > 0) dispatched.push(instruction);
          appended += result.events.length;
        }
      }
    }
    return { dispatched, appended, failures };
  };

  return { calendar, agreement, grievance, loadCalendarState, loadCurrentCalendar, loadAgreement, loadGrievance, runCalendarProcessManager };
};

export type EcpsServices = ReturnType<typeof createEcpsServices>;

/** The one fixture step of `type` in a case's steps (plain commands only), to reuse its data. */
const fixtureCommand = <T extends GrievanceCommand['type']>(steps: readonly GrievanceFixtureStep[], type: T): Extract<GrievanceCommand, { type: T }> => {
  const found = steps.filter((s): s is Extract<GrievanceCommand, { type: T }> => typeof s !== 'function' && s.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} in the fixture, found ${found.length}`);
  return found[0]!;
};

/** Date the ECEA edition is brought up to: the grievance's filing day (later amendments come after the case's events). */
const G26_004_FILED_ON = fixtureCommand(g26_004, 'FileGrievance').filedOn;

export interface CaseRun {
  readonly grievance: GrievanceState;
  /** The snow day's run of the calendar process manager. */
  readonly recalculation: CalendarProcessManagerRun;
  readonly streams: { readonly calendar: string; readonly agreement: string; readonly grievance: string };
}

/** Case 2 of domain.md §7, G-26-004, on `services`' store (which must not yet hold these streams). */
export const runCaseG26_004 = async (services: EcpsServices): Promise<CaseRun> => {
  const { calendar, agreement, grievance, loadAgreement, loadCurrentCalendar, runCalendarProcessManager } = services;
  const actors = ecpsActors;

  await calendar(adoptEcps2025_26, actors.board, adoptEcps2025_26.adoptedOn);

  // The edition as it stood on the filing day: its lifecycle, and the FY27 reopener scope set on 2025-09-15.
  for (const command of eceaCommandsBeforeFy27Reopener) await agreement(command, actors.laborRelations);
  for (const routed of eceaFy27ReopenerCommands.filter((c) => c.effectiveOn <= G26_004_FILED_ON)) {
    await agreement(routed.command, actors.laborRelations, routed.effectiveOn);
  }

  const filing = fixtureCommand(g26_004, 'FileGrievance');
  await grievance(G26_004_STREAM, { ...filing, agreement: await loadAgreement(), calendar: await loadCurrentCalendar() }, actors.association, filing.filedOn);

  const hearing = fixtureCommand(g26_004, 'ScheduleStepMeeting');
  await grievance(G26_004_STREAM, { ...hearing, calendar: await loadCurrentCalendar() }, actors.designee, hearing.scheduledOn);

  await calendar(snowDay2026_01_27, actors.superintendent, snowDay2026_01_27.declaredOn);
  const recalculation = await runCalendarProcessManager([G26_004_STREAM]);

  const denial = fixtureCommand(g26_004, 'RecordStepAnswer');
  await grievance(G26_004_STREAM, { ...denial, calendar: await loadCurrentCalendar() }, actors.designee, denial.answeredOn);

  const demand = fixtureCommand(g26_004, 'DemandArbitration');
  await grievance(G26_004_STREAM, demand, actors.association, demand.demandedOn);

  const selection = fixtureCommand(g26_004, 'SelectArbitrator');
  await grievance(G26_004_STREAM, selection, actors.laborRelations, selection.selectedOn);

  const hearingClosed = fixtureCommand(g26_004, 'CloseArbitrationHearing');
  await grievance(G26_004_STREAM, { ...hearingClosed, calendar: await loadCurrentCalendar() }, actors.arbitrator, hearingClosed.closedOn);

  const award = fixtureCommand(g26_004, 'RecordAward');
  const final = await grievance(G26_004_STREAM, award, actors.arbitrator, award.issuedOn);

  return {
    grievance: final.state,
    recalculation,
    streams: { calendar: ECPS_CALENDAR_STREAM, agreement: ECEA_AGREEMENT_STREAM, grievance: G26_004_STREAM },
  };
};
