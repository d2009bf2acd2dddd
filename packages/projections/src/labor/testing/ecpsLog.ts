/**
 * The ECPS history (domain.md §7) as one global log, the only one the labor read-model specs and tests use: the
 * SY2025-26 calendar with the 1/27 snow day and the SY2026-27 calendar; the ECEA, ECSSU and ECAP agreement
 * editions (with ECEA's FY27 reopener amendments, Planning Time renumbered to Art. 13 from 2026-07-01); the
 * grievances of §7 (G-25-001, G-26-004, G-26-007, G-26-011, S-25-003, S-26-002 and ER-26-005's ECAP grievance
 * A-26-001); both bargaining cycles (the ECEA FY27 reopener, the ECSSU successor that went to impasse); and the
 * ER-26-005 investigation. Each command runs through its real decider and its events carry the business date
 * its service would give them (a grievance command's own date, a bargaining or ER command's `occurredOn`); the
 * streams are merged in business-date order, each stream's own order kept, with fixed event ids.
 *
 * Test support only: the package build leaves this folder out (tsconfig.build.json).
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  ANY,
  START,
  type CodecRegistry,
  type Decider,
  type DomainEvent,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { agreementStreamId, type AgreementEvent, type AgreementState } from '@laborcase/domain/agreement';
import { bargainingCycleDecider, bargainingStreamId, type BargainingCommand } from '@laborcase/domain/bargaining';
import { calendarStreamId } from '@laborcase/domain/calendar';
import { employeeRelationsCaseDecider, employeeRelationsStreamId, type EmployeeRelationsCommand } from '@laborcase/domain/employee-relations';
import { grievanceCommandDate, grievanceDecider, grievanceStreamId, type GrievanceCommand } from '@laborcase/domain/grievance';
import {
  ECPS_DISTRICT_ID,
  ER_26_005,
  ecap26_001,
  ecapAgreement,
  eceaAgreement,
  eceaFy27Reopener,
  eceaFy27ReopenerCommands,
  ecssuAgreement,
  ecssuImpasseCycle,
  ecpsCalendar2026_27Events,
  ecpsCalendarEvents,
  er26005,
  g25_001,
  g26_004,
  g26_007,
  g26_011,
  s25_003,
  s26_002,
  snowDay2026_01_27,
  type GrievanceFixtureStep,
} from '@laborcase/domain/fixtures/ecps';
import type { EventShape, Projection } from '../../definition.js';
import type { ReadModelStore } from '../../store.js';
import { ArrayEventStore } from '../../testkit/arrayEventStore.js';
import { logProjector, toStoredEvents, type LogEvent } from '../../testkit/log.js';
import type { ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';

/** One event of the log: the stream it goes to and the event, business date in its metadata. */
export interface LoggedEvent {
  readonly streamId: string;
  readonly event: NewEvent;
}

/** The grievance cases, by id, in the order §7 lists them. */
export const ECPS_GRIEVANCE_CASES: { readonly [grievanceId: string]: readonly GrievanceFixtureStep[] } = {
  'G-25-001': g25_001,
  'G-26-004': g26_004,
  'G-26-007': g26_007,
  'G-26-011': g26_011,
  'S-25-003': s25_003,
  'S-26-002': s26_002,
  'A-26-001': ecap26_001,
};

/**
 * The business date the grievance service gives a command's events; the fixture's only recalculation follows the
 * 1/27 snow day, dated by its declaration.
 */
export const businessDateOf = (command: GrievanceCommand): string => grievanceCommandDate(command) ?? snowDay2026_01_27.declaredOn;

interface Dated {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly effectiveOn: string;
  readonly actor: string;
}

/** Run `steps` through `decider` from its initial state, each command's events dated by `dateOf` (a fixture must be valid). */
const decided = <Command extends { readonly type: string }, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  streamId: string,
  steps: readonly (Command | ((state: State) => Command))[],
  dateOf: (command: Command) => string,
): Dated[] => {
  let state = decider.initialState;
  const out: Dated[] = [];
  for (const [index, step] of steps.entries()) {
    const command = typeof step === 'function' ? step(state) : step;
    const decision = decider.decide(command, state);
    if (isLeft(decision)) throw new Error(`${streamId} step #${index} (${command.type}) rejected: ${decision.left.message}`);
    for (const event of decision.right) {
      out.push({ streamId, type: event.type, data: event.data, effectiveOn: dateOf(command), actor: command.type });
      state = decider.evolve(state, event);
    }
  }
  return out;
};

const casesOf = (grievanceId: string, steps: readonly GrievanceFixtureStep[]): Dated[] => decided(grievanceDecider, grievanceStreamId(grievanceId), steps, businessDateOf);

const cycleOf = (commands: readonly BargainingCommand[]): Dated[] => {
  const opening = commands[0];
  if (opening?.type !== 'OpenCycle') throw new Error('a bargaining fixture must open its cycle first');
  return decided(bargainingCycleDecider, bargainingStreamId(opening.unitId, opening.cycleId), commands, (command) => command.occurredOn);
};

const erCaseOf = (caseId: string, commands: readonly EmployeeRelationsCommand[]): Dated[] =>
  decided(employeeRelationsCaseDecider, employeeRelationsStreamId(caseId), commands, (command) => command.occurredOn);

const calendarDateOf = (event: (typeof ecpsCalendarEvents)[number]): string => {
  switch (event.type) {
    case 'CalendarAdopted':
      return event.data.adoptedOn;
    case 'EmergencyClosureDeclared':
      return event.data.declaredOn;
    case 'EmergencyClosureRescinded':
      return event.data.rescindedOn;
    case 'CalendarAmended':
      return event.data.amendedOn;
  }
};

const calendarEvents = (schoolYear: string, events: typeof ecpsCalendarEvents): Dated[] =>
  events.map((event) => ({ streamId: calendarStreamId(ECPS_DISTRICT_ID, schoolYear), type: event.type, data: event.data, effectiveOn: calendarDateOf(event), actor: 'calendar' }));

/** An agreement event's business date: the date it records (a scope set when the FY27 reopener cycle routed it). */
const agreementDateOf = (event: AgreementEvent): string => {
  switch (event.type) {
    case 'AgreementEditionRegistered':
      return event.data.tentativelyAgreedOn;
    case 'AgreementRatifiedByMembers':
      return event.data.ratifiedOn;
    case 'AgreementApprovedByBoard':
      return event.data.approvedOn;
    case 'AgreementTookEffect':
      return event.data.effectiveOn;
    case 'AgreementExpired':
      return event.data.expiredOn;
    case 'AgreementSuperseded':
      return event.data.supersededOn;
    case 'FundingShortfallRecorded':
      return event.data.recordedOn;
    case 'FundingConfirmed':
      return event.data.confirmedOn;
    case 'MouAttached':
      return event.data.effectiveFrom;
    case 'ReopenerScopeSet': {
      const routed = eceaFy27ReopenerCommands.find((c) => c.command.type === 'SetReopenerScope');
      if (routed === undefined) throw new Error('the FY27 reopener sets no scope');
      return routed.effectiveOn;
    }
    case 'ArticleAmended':
    case 'ArticleRenumbered':
    case 'ArticleAdded':
    case 'ArticleRemoved':
    case 'GrievanceProcedureAmended':
      return event.data.effectiveOn;
  }
};

const agreementEvents = (agreement: { readonly events: readonly AgreementEvent[]; readonly state: AgreementState }): Dated[] => {
  const registration = agreement.events.find((e) => e.type === 'AgreementEditionRegistered');
  if (registration?.type !== 'AgreementEditionRegistered') throw new Error('an agreement fixture without its registration');
  const streamId = agreementStreamId(registration.data.unitId, registration.data.editionId);
  return agreement.events.map((event) => ({ streamId, type: event.type, data: event.data, effectiveOn: agreementDateOf(event), actor: 'agreement' }));
};

const eventId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The whole ECPS history as one log, in business-date order, ready to append. */
export const ecpsHistory = (): readonly LoggedEvent[] => {
  const streams: Dated[][] = [
    calendarEvents('2025-26', ecpsCalendarEvents),
    calendarEvents('2026-27', ecpsCalendar2026_27Events),
    ...[eceaAgreement, ecssuAgreement, ecapAgreement].map(agreementEvents),
    ...Object.entries(ECPS_GRIEVANCE_CASES).map(([id, steps]) => casesOf(id, steps)),
    cycleOf(eceaFy27Reopener),
    cycleOf(ecssuImpasseCycle),
    erCaseOf(ER_26_005, er26005),
  ];
  for (const stream of streams) {
    stream.forEach((e, i) => {
      if (i > 0 && e.effectiveOn < stream[i - 1]!.effectiveOn) throw new Error(`${e.streamId} is not in business-date order at #${i}`);
    });
  }
  // Stable: the same date keeps the streams' order above, and within a stream, the stream's own order.
  const merged = streams.flatMap((stream, s) => stream.map((e, i) => ({ e, s, i }))).sort((a, b) => (a.e.effectiveOn < b.e.effectiveOn ? -1 : a.e.effectiveOn > b.e.effectiveOn ? 1 : a.s - b.s || a.i - b.i));
  return merged.map(({ e }, n) => ({
    streamId: e.streamId,
    event: {
      eventId: eventId(n + 1),
      type: e.type,
      data: e.data,
      metadata: { provenance: { actorId: 'ecps.labor-relations', role: 'labor-relations' }, correlationId: `ecps-${e.streamId}`, causationId: e.actor, effectiveOn: e.effectiveOn },
    },
  }));
};

/**
 * Append `log` to `store`, one event per append (as the services would), calling `beforeAppend` with each
 * event's business date first (a test clock can record each event at noon UTC of its business date).
 */
export const recordLog = async (store: EventStore, log: readonly LoggedEvent[], beforeAppend?: (effectiveOn: string) => void): Promise<void> => {
  for (const { streamId, event } of log) {
    beforeAppend?.(event.metadata.effectiveOn);
    await store.append(streamId, [event], { expectedVersion: ANY });
  }
};

/**
 * A store made by `create` holding the whole ECPS history, each event recorded at noon UTC of its business date
 * (so `knownAt` and `effectiveOn` cuts agree), for specs and demos.
 */
export const recordedEcpsStore = async (create: (clock: () => Date) => EventStore | Promise<EventStore>): Promise<EventStore> => {
  let today = '2025-01-01';
  const store = await create(() => new Date(`${today}T12:00:00.000Z`));
  await recordLog(store, ecpsHistory(), (date) => {
    today = date;
  });
  return store;
};

/** The ECPS history as the test kit's log events (ids and business dates kept), for specs and properties. */
export const ecpsLog = (): LogEvent[] =>
  ecpsHistory().map(({ streamId, event }) => ({ streamId, type: event.type, data: event.data, eventId: event.eventId, effectiveOn: event.metadata.effectiveOn }));

/** The specs' clock: every report is generated at noon UTC on 2026-07-01. */
export const specClock = (): Date => new Date('2026-07-01T12:00:00.000Z');

/** A read-only event store over an already stored log (what a report reads to stamp itself); appends are refused. */
export const logEventStore = (log: readonly StoredEvent[]): EventStore => new ArrayEventStore(log);

/** `events` (default: the whole ECPS log) as stored events, each hash a placeholder naming its place (the test kit leaves them empty; a stamp needs one). */
export const storedEcps = (events: readonly LogEvent[] = ecpsLog()): { readonly registry: CodecRegistry; readonly log: readonly StoredEvent[] } => {
  const registry = createDomainRegistry();
  const log = toStoredEvents(registry, events).map((event, i) => ({ ...event, prevHash: i === 0 ? '' : `spec-hash-${i}`, hash: `spec-hash-${i + 1}` }));
  return { registry, log };
};

/** Report options over `events` (default: the whole ECPS log) with no read-model store: each report builds its model from the log. */
export const ecpsReportOptions = (events?: readonly LogEvent[]): ReportOptions => {
  const { registry, log } = storedEcps(events);
  return { eventStore: logEventStore(log), registry, clock: specClock };
};

/**
 * A fresh in-memory read model of `projection` built from `events` (default: the whole ECPS log), and the report
 * options reading it live (`options`), stamped from the same log on the specs' clock.
 */
export const projectEcps = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  events: readonly LogEvent[] = ecpsLog(),
): Promise<{ readonly store: ReadModelStore; readonly registry: CodecRegistry; readonly log: readonly StoredEvent[]; readonly options: ReportOptions }> => {
  const { registry, log } = storedEcps(events);
  const projector = await logProjector(projection, registry, log);
  await projector.apply(log);
  return { store: projector.store, registry, log, options: { eventStore: logEventStore(log), registry, store: projector.store, clock: specClock } };
};

/** The stamp a live report over `log` carries: its last event, all axes open, on the specs' clock. */
export const specStamp = (log: readonly StoredEvent[]): ReportStamp => ({
  position: log.at(-1)?.globalPosition ?? START,
  headHash: log.at(-1)?.hash ?? null,
  asEffectiveOn: null,
  asKnownAt: null,
  generatedAt: specClock().toISOString(),
});
