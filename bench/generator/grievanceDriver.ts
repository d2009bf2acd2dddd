/**
 * Two ways to send grievance commands, with the same operations and inputs as the grievance service:
 *
 * - `services`: the real `createGrievanceService`, which loads the grievance stream, the agreement edition and the
 *   calendar years around each command's date from the store, then decides and appends.
 * - `deciders`: the same service operations (input codecs, actor and option validation from core's
 *   `serviceOperation`), planned the way the service plans them, but with the grievance's state, the agreement
 *   editions and the calendars the generator already holds in memory instead of read back and folded per command.
 *   The real grievance decider decides; events are appended through the store's public `append` with the stream's
 *   expected version, with the metadata and id order core's command handler uses, so both drivers write the same
 *   log for the same calls (test/bench/generator.test.ts checks it).
 */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import {
  NO_STREAM,
  reject,
  serviceOperation,
  type CodecRegistry,
  type CommandHandler,
  type DomainError,
  type EventStore,
  type NewEvent,
  type PlannedCommand,
  type StreamVersion,
} from '@laborcase/core';
import { createGrievanceService, schoolYearOf, type GrievanceService } from '@laborcase/domain';
import { isRegistered, type AgreementState } from '@laborcase/domain/agreement';
import { calendarTimeline, currentCalendar, schoolYearsFromTo, shiftSchoolYear, type CalendarTimeline, type WorkCalendarState } from '@laborcase/domain/calendar';
import {
  AgreeExtensionInput,
  AppealToNextStepInput,
  CloseArbitrationHearingInput,
  DemandArbitrationInput,
  FileGrievanceInput,
  PlaceInAbeyanceInput,
  RecalculateDeadlineInput,
  RecordAwardInput,
  RecordDeadlineLapseInput,
  RecordStepAnswerInput,
  ResumeGrievanceInput,
  ScheduleStepMeetingInput,
  SelectArbitratorInput,
  SettleGrievanceInput,
  WithdrawGrievanceInput,
  GrievanceErrors,
  GrievanceId,
  GrievanceRules,
  grievanceDecider,
  grievanceStreamId,
  type GrievanceCommand,
  type GrievanceCommands as C,
  type GrievanceState,
} from '@laborcase/domain/grievance';

export type GrievanceDriver = Omit<GrievanceService, 'get'>;
export type DriverKind = 'services' | 'deciders';

/** What the generator knows of the other aggregates, kept current from the services' results. */
export interface KnownStreams {
  readonly calendar: (schoolYear: string) => WorkCalendarState | undefined;
  /** Changes whenever a calendar changes, so cached timelines are rebuilt. */
  readonly calendarsRevision: () => number;
  readonly agreement: (unitId: string, editionId: string) => AgreementState | undefined;
}

export interface DriverOptions {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly newId: () => string;
  readonly districtId: string;
  readonly known: KnownStreams;
}

export const createGrievanceDriver = (kind: DriverKind, options: DriverOptions): GrievanceDriver => {
  if (kind === 'services') {
    const { get: _get, ...operations } = createGrievanceService({ store: options.store, registry: options.registry, newId: options.newId, districtId: options.districtId });
    return operations;
  }
  return createDeciderDriver(options);
};

/** How far back a filing's timeline reaches, in school years (as the grievance service). */
const MAX_YEARS_BACK = 5;

const createDeciderDriver = ({ store, newId, districtId, known }: DriverOptions): GrievanceDriver => {
  const streams = new Map<string, { readonly state: GrievanceState; readonly version: StreamVersion }>();

  const handler: CommandHandler<GrievanceCommand, GrievanceState> = async (streamId, command, context) => {
    const commandId = context.commandId ?? newId();
    const metadata = { provenance: context.provenance, correlationId: context.correlationId ?? commandId, causationId: commandId, effectiveOn: context.effectiveOn };
    const current = streams.get(streamId) ?? { state: grievanceDecider.initialState, version: NO_STREAM };
    const decision = grievanceDecider.decide(command, current.state);
    if (isLeft(decision)) return decision;
    if (decision.right.length === 0) return right({ state: current.state, version: current.version, events: [], attempts: 1 });
    const events: NewEvent[] = decision.right.map((event) => ({ eventId: newId(), type: event.type, data: event.data, metadata }));
    const appended = await store.append(streamId, events, { expectedVersion: current.version });
    const state = decision.right.reduce(grievanceDecider.evolve, current.state);
    // A closed grievance takes no further commands from the generator: its state need not stay in memory.
    if (state.status === 'closed') streams.delete(streamId);
    else streams.set(streamId, { state, version: appended.nextExpectedVersion });
    return right({ state, version: appended.nextExpectedVersion, events: appended.events, attempts: 1 });
  };

  let cachedRevision = -1;
  const timelines = new Map<string, Either<DomainError, CalendarTimeline>>();
  const timelineOf = (first: string, last: string): Either<DomainError, CalendarTimeline> => {
    if (cachedRevision !== known.calendarsRevision()) {
      timelines.clear();
      cachedRevision = known.calendarsRevision();
    }
    const key = `${first}..${last}`;
    let timeline = timelines.get(key);
    if (timeline === undefined) {
      const entries = schoolYearsFromTo(first, last).map((schoolYear) => {
        const state = known.calendar(schoolYear);
        const calendar = state === undefined ? undefined : currentCalendar(state);
        return calendar === undefined ? { schoolYear } : { schoolYear, calendar };
      });
      timeline = calendarTimeline(districtId, entries);
      timelines.set(key, timeline);
    }
    return timeline;
  };

  // The service's window: the year before `date` back to the year of `earliest` (at most five years), through the year after.
  const loadTimeline = (date: string, field: string, earliest: string = date, requireAdopted = true): Either<DomainError, CalendarTimeline> => {
    const schoolYear = schoolYearOf(date);
    const earliestYear = schoolYearOf(earliest < date ? earliest : date);
    const first = [shiftSchoolYear(schoolYear, -1), earliestYear, shiftSchoolYear(schoolYear, -MAX_YEARS_BACK)].sort()[1]!;
    const timeline = timelineOf(first, shiftSchoolYear(schoolYear, 1));
    if (isLeft(timeline) || !requireAdopted) return timeline;
    const state = known.calendar(schoolYear);
    return state !== undefined && currentCalendar(state) !== undefined
      ? timeline
      : reject(GrievanceErrors.calendarNotAdopted, `${districtId} has adopted no calendar for ${schoolYear}, the school year of ${field} ${date}`, GrievanceRules.calendar, field);
  };

  type Plan = Either<DomainError, PlannedCommand<GrievanceCommand>>;
  const planned = (grievanceId: string, command: GrievanceCommand, effectiveOn: string): Plan => right({ streamId: grievanceStreamId(grievanceId), command, effectiveOn });
  const onCalendar = (grievanceId: string, countedFrom: readonly [date: string, field: string, earliest?: string], effectiveOn: string, build: (calendar: CalendarTimeline) => GrievanceCommand): Plan => {
    const calendar = loadTimeline(...countedFrom);
    return isLeft(calendar) ? calendar : planned(grievanceId, build(calendar.right), effectiveOn);
  };
  const operation = <Input>(name: string, input: t.Decoder<unknown, Input>, plan: (grievanceId: string, input: Input) => Plan) =>
    serviceOperation({ name: `grievance.${name}`, id: GrievanceId, idField: 'grievanceId', input, handler, plan });

  return {
    file: operation('file', FileGrievanceInput, (grievanceId, { agreement: ref, ...input }) => {
      const agreement = known.agreement(ref.unitId, ref.editionId);
      if (agreement === undefined || !isRegistered(agreement)) {
        return reject(GrievanceErrors.agreementNotRegistered, `no edition ${ref.editionId} of ${ref.unitId}'s agreement is registered`, GrievanceRules.citation, 'agreement');
      }
      return onCalendar(grievanceId, [input.filedOn, 'filedOn', input.occurredOn], input.filedOn, (calendar): C.FileGrievance => ({ ...input, type: 'FileGrievance', grievanceId, agreement, calendar }));
    }),
    scheduleMeeting: operation('scheduleMeeting', ScheduleStepMeetingInput, (id, input) =>
      onCalendar(id, [input.meetingOn, 'meetingOn'], input.scheduledOn, (calendar) => ({ ...input, type: 'ScheduleStepMeeting', calendar })),
    ),
    answer: operation('answer', RecordStepAnswerInput, (id, input) => onCalendar(id, [input.answeredOn, 'answeredOn'], input.answeredOn, (calendar) => ({ ...input, type: 'RecordStepAnswer', calendar }))),
    appeal: operation('appeal', AppealToNextStepInput, (id, input) => onCalendar(id, [input.appealedOn, 'appealedOn'], input.appealedOn, (calendar) => ({ ...input, type: 'AppealToNextStep', calendar }))),
    recordLapse: operation('recordLapse', RecordDeadlineLapseInput, (id, input) => onCalendar(id, [input.asOf, 'asOf'], input.asOf, (calendar) => ({ ...input, type: 'RecordDeadlineLapse', calendar }))),
    extend: operation('extend', AgreeExtensionInput, (id, input) => planned(id, { ...input, type: 'AgreeExtension' }, input.agreedOn)),
    placeInAbeyance: operation('placeInAbeyance', PlaceInAbeyanceInput, (id, input) => planned(id, { ...input, type: 'PlaceInAbeyance' }, input.placedOn)),
    resume: operation('resume', ResumeGrievanceInput, (id, input) => onCalendar(id, [input.resumedOn, 'resumedOn'], input.resumedOn, (calendar) => ({ ...input, type: 'ResumeGrievance', calendar }))),
    withdraw: operation('withdraw', WithdrawGrievanceInput, (id, input) => planned(id, { ...input, type: 'WithdrawGrievance' }, input.withdrawnOn)),
    settle: operation('settle', SettleGrievanceInput, (id, input) => planned(id, { ...input, type: 'SettleGrievance' }, input.settledOn)),
    demandArbitration: operation('demandArbitration', DemandArbitrationInput, (id, input) => {
      const calendar = loadTimeline(input.demandedOn, 'demandedOn', input.demandedOn, false);
      return isLeft(calendar) ? calendar : planned(id, { ...input, type: 'DemandArbitration', calendar: calendar.right }, input.demandedOn);
    }),
    selectArbitrator: operation('selectArbitrator', SelectArbitratorInput, (id, input) => planned(id, { ...input, type: 'SelectArbitrator' }, input.selectedOn)),
    closeHearing: operation('closeHearing', CloseArbitrationHearingInput, (id, input) =>
      onCalendar(id, [input.closedOn, 'closedOn'], input.closedOn, (calendar) => ({ ...input, type: 'CloseArbitrationHearing', calendar })),
    ),
    recordAward: operation('recordAward', RecordAwardInput, (id, input) => planned(id, { ...input, type: 'RecordAward' }, input.issuedOn)),
    recalculateDeadline: operation('recalculateDeadline', RecalculateDeadlineInput, (id, { calendarChangedOn, ...instruction }) =>
      planned(id, { ...instruction, type: 'RecalculateDeadline', streamId: grievanceStreamId(id) }, calendarChangedOn),
    ),
  };
};
