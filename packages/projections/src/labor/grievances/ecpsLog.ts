/**
 * The ECPS history the grievance read models are checked against (domain.md §7): the SY2025-26 calendar with
 * the 1/27 snow day, the SY2026-27 calendar, the ECEA, ECSSU and ECAP agreement editions (with ECEA's FY27
 * reopener amendments, Planning Time renumbered to Art. 13 from 2026-07-01), and the grievance cases of §7 (G-25-001, G-26-004, G-26-007,
 * G-26-011, S-25-003, S-26-002 and ER-26-005's ECAP grievance A-26-001), each command run through the real
 * Grievance decider, dated by its business date exactly as the grievance service dates it, and merged into one
 * log in business-date order (each stream's own order kept).
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { ANY, type EventStore, type NewEvent } from '@laborcase/core';
import { agreementStreamId, type AgreementEvent, type AgreementState } from '@laborcase/domain/agreement';
import { calendarStreamId } from '@laborcase/domain/calendar';
import { grievanceDecider, grievanceStreamId, type GrievanceCommand, type GrievanceState } from '@laborcase/domain/grievance';
import {
  ECPS_DISTRICT_ID,
  ecap26_001,
  ecapAgreement,
  eceaAgreement,
  eceaFy27ReopenerCommands,
  ecssuAgreement,
  ecpsCalendar2026_27Events,
  ecpsCalendarEvents,
  g25_001,
  g26_004,
  g26_007,
  g26_011,
  s25_003,
  s26_002,
  snowDay2026_01_27,
  type GrievanceFixtureStep,
} from '@laborcase/domain/fixtures/ecps';

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

/** The business date the grievance service gives a command's events (see its `planned` calls). */
export const businessDateOf = (command: GrievanceCommand): string => {
  switch (command.type) {
    case 'FileGrievance':
      return command.filedOn;
    case 'ScheduleStepMeeting':
      return command.scheduledOn;
    case 'RecordStepAnswer':
      return command.answeredOn;
    case 'AppealToNextStep':
      return command.appealedOn;
    case 'RecordDeadlineLapse':
      return command.asOf;
    case 'AgreeExtension':
      return command.agreedOn;
    case 'PlaceInAbeyance':
      return command.placedOn;
    case 'ResumeGrievance':
      return command.resumedOn;
    case 'WithdrawGrievance':
      return command.withdrawnOn;
    case 'SettleGrievance':
      return command.settledOn;
    case 'DemandArbitration':
      return command.demandedOn;
    case 'SelectArbitrator':
      return command.selectedOn;
    case 'CloseArbitrationHearing':
      return command.closedOn;
    case 'RecordAward':
      return command.issuedOn;
    // The only recalculation in the fixture follows the 1/27 snow day, dated by its declaration.
    case 'RecalculateDeadline':
      return snowDay2026_01_27.declaredOn;
  }
};

interface Dated {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly effectiveOn: string;
  readonly actor: string;
}

const casesOf = (grievanceId: string, steps: readonly GrievanceFixtureStep[]): Dated[] => {
  let state: GrievanceState = grievanceDecider.initialState;
  const out: Dated[] = [];
  for (const [index, step] of steps.entries()) {
    const command = typeof step === 'function' ? step(state) : step;
    const decision = grievanceDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`${grievanceId} step #${index} (${command.type}) rejected: ${decision.left.message}`);
    for (const event of decision.right) {
      out.push({ streamId: grievanceStreamId(grievanceId), type: event.type, data: event.data, effectiveOn: businessDateOf(command), actor: command.type });
      state = grievanceDecider.evolve(state, event);
    }
  }
  return out;
};

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

/** The whole ECPS grievance history as one log, in business-date order. */
export const ecpsGrievanceLog = (): readonly LoggedEvent[] => {
  const streams: Dated[][] = [
    calendarEvents('2025-26', ecpsCalendarEvents),
    calendarEvents('2026-27', ecpsCalendar2026_27Events),
    ...[eceaAgreement, ecssuAgreement, ecapAgreement].map(agreementEvents),
    ...Object.entries(ECPS_GRIEVANCE_CASES).map(([id, steps]) => casesOf(id, steps)),
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
  await recordLog(store, ecpsGrievanceLog(), (date) => {
    today = date;
  });
  return store;
};
