/**
 * The grievance application service: one operation per command, each `(grievanceId, input, actor, options?)`.
 * It owns the stream ids, loads what a command needs from the other aggregates' own streams (the agreement
 * edition a filing cites, the district timeline deadlines count on), derives `effectiveOn` from the command's
 * business date, and appends through the `EventStore` port. See README.md for the inputs and errors.
 */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  commandHandler,
  decodeCommand,
  loadReadableStream,
  reject,
  serviceOperation,
  type CodecRegistry,
  type DomainError,
  type EventStore,
  type PlannedCommand,
  handlerSettings,
  type ServiceHandlerOptions,
  type ServiceOperation,
  type StreamVersion,
} from '@laborcase/core';
import { agreementDecider, agreementStreamId, isRegistered, type AgreementState } from '../agreement/index.js';
import { calendarStreamId, loadCalendarTimeline, shiftSchoolYear, type CalendarTimeline } from '../calendar/index.js';
import { createDomainRegistry } from '../domainRegistry.js';
import * as C from './commands.js';
import { grievanceDecider } from './decide/index.js';
import { GrievanceErrors as E, GrievanceRules as R } from './errors.js';
import { storableText } from './inputCodecs.js';
import type { GrievanceState } from './state.js';
import { grievanceStreamId } from './streamId.js';

export interface GrievanceServiceOptions extends ServiceHandlerOptions {
  readonly store: EventStore;
  /** Must know the grievance, agreement and calendar event types. Defaults to `createDomainRegistry()`. */
  readonly registry?: CodecRegistry;
  /** Event ids and default command ids. */
  readonly newId: () => string;
  /** The district whose calendars count the deadlines: stream `calendar-{districtId}-{schoolYear}`. */
  readonly districtId: string;
}

/** A grievance as its stream says now (corrections applied); `version` is `NO_STREAM` before the filing. */
export interface LoadedGrievance {
  readonly state: GrievanceState;
  readonly version: StreamVersion;
}

type Operation<Input> = ServiceOperation<string, Input, GrievanceState>;

export interface GrievanceService {
  readonly file: Operation<C.FileGrievanceInput>;
  readonly scheduleMeeting: Operation<C.ScheduleStepMeetingInput>;
  readonly answer: Operation<C.RecordStepAnswerInput>;
  readonly appeal: Operation<C.AppealToNextStepInput>;
  readonly recordLapse: Operation<C.RecordDeadlineLapseInput>;
  readonly extend: Operation<C.AgreeExtensionInput>;
  readonly placeInAbeyance: Operation<C.PlaceInAbeyanceInput>;
  readonly resume: Operation<C.ResumeGrievanceInput>;
  readonly withdraw: Operation<C.WithdrawGrievanceInput>;
  readonly settle: Operation<C.SettleGrievanceInput>;
  readonly demandArbitration: Operation<C.DemandArbitrationInput>;
  readonly selectArbitrator: Operation<C.SelectArbitratorInput>;
  readonly closeHearing: Operation<C.CloseArbitrationHearingInput>;
  readonly recordAward: Operation<C.RecordAwardInput>;
  /** For the calendar → grievance process manager: its instruction, with the business date of the calendar change. */
  readonly recalculateDeadline: Operation<C.RecalculateDeadlineInput>;
  /** The grievance's state and stream version; `Left` for a malformed id or an unreadable stream. */
  readonly get: (grievanceId: string) => Promise<Either<DomainError, LoadedGrievance>>;
}

/** A grievance id: it names the stream `grievance-{grievanceId}`. */
export const GrievanceId = storableText('GrievanceId', 120);

/** How far back a filing's timeline reaches for an old occurrence (a continuing violation), in school years. */
const MAX_YEARS_BACK = 5;

/** The school year (July 1 to June 30) a business date falls in, as calendar streams name it: `2025-26`. */
export const schoolYearOf = (date: string): string => {
  const year = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 7 ? year : year - 1;
  return `${String(first).padStart(4, '0')}-${String((first + 1) % 100).padStart(2, '0')}`;
};

/**
 * The grievance service on `store`. Every operation validates its id, actor and input first (a malformed call is
 * `Left InvalidCommand` naming the field, and reads or writes nothing); business rejections are `Left` with a
 * `GrievanceErrors` code; store failures are thrown as the port's typed errors.
 */
export const createGrievanceService = (options: GrievanceServiceOptions): GrievanceService => {
  const { store, newId, districtId } = options;
  const registry = options.registry ?? createDomainRegistry();
  const handler = commandHandler({ store, registry, decider: grievanceDecider, newId, ...handlerSettings(options) });

  const loadAgreement = async (ref: C.AgreementRef): Promise<Either<DomainError, AgreementState>> => {
    const streamId = agreementStreamId(ref.unitId, ref.editionId);
    const loaded = await loadReadableStream(store, registry, streamId, agreementDecider.evolve, agreementDecider.initialState);
    if (isLeft(loaded)) return loaded;
    return isRegistered(loaded.right.state)
      ? right(loaded.right.state)
      : reject(E.agreementNotRegistered, `no edition ${ref.editionId} of ${ref.unitId}'s agreement is registered`, R.citation, 'agreement', { ...ref, streamId });
  };

  /**
   * The district timeline a count from `date` (the input's `field`) may touch: the school year before it (answers
   * and lapses count from earlier due dates) back to the year of `earliest` (a filing counts from the occurrence;
   * at most five years back), through the year after it. The year of `date` must be adopted; the others count
   * under the fallback until they are, which makes a deadline that needs them provisional.
   */
  const loadTimeline = async (date: string, field: string, earliest: string = date, requireAdopted = true): Promise<Either<DomainError, CalendarTimeline>> => {
    const schoolYear = schoolYearOf(date);
    const earliestYear = schoolYearOf(earliest < date ? earliest : date);
    // The median of the three: the earliest year, clamped between five years back and one year back.
    const first = [shiftSchoolYear(schoolYear, -1), earliestYear, shiftSchoolYear(schoolYear, -MAX_YEARS_BACK)].sort()[1]!;
    const timeline = await loadCalendarTimeline(store, registry, districtId, first, shiftSchoolYear(schoolYear, 1));
    if (isLeft(timeline) || !requireAdopted) return timeline;
    const streamId = calendarStreamId(districtId, schoolYear);
    return timeline.right.years.some((year) => year.calendarId === streamId && year.calendar !== undefined)
      ? timeline
      : reject(E.calendarNotAdopted, `${districtId} has adopted no calendar for ${schoolYear}, the school year of ${field} ${date}`, R.calendar, field, { districtId, schoolYear, streamId });
  };

  const planned = (grievanceId: string, command: C.GrievanceCommand, effectiveOn: string): Either<DomainError, PlannedCommand<C.GrievanceCommand>> =>
    right({ streamId: grievanceStreamId(grievanceId), command, effectiveOn });

  /** Plans a command that counts deadlines on the timeline around the school year of `countedFrom`. */
  const onCalendar = async (
    grievanceId: string,
    countedFrom: readonly [date: string, field: string, earliest?: string],
    effectiveOn: string,
    build: (calendar: CalendarTimeline) => C.GrievanceCommand,
  ): Promise<Either<DomainError, PlannedCommand<C.GrievanceCommand>>> => {
    const calendar = await loadTimeline(...countedFrom);
    return isLeft(calendar) ? calendar : planned(grievanceId, build(calendar.right), effectiveOn);
  };

  const operation = <Input>(
    name: string,
    input: t.Decoder<unknown, Input>,
    plan: (grievanceId: string, input: Input) => Promise<Either<DomainError, PlannedCommand<C.GrievanceCommand>>> | Either<DomainError, PlannedCommand<C.GrievanceCommand>>,
  ): Operation<Input> => {
    return serviceOperation({ name: `grievance.${name}`, id: GrievanceId, idField: 'grievanceId', input, handler, plan });
  };

  return {
    file: operation('file', C.FileGrievanceInput, async (grievanceId, { agreement: ref, ...input }) => {
      const agreement = await loadAgreement(ref);
      if (isLeft(agreement)) return agreement;
      return onCalendar(grievanceId, [input.filedOn, 'filedOn', input.occurredOn], input.filedOn, (calendar) => ({
        ...input,
        type: 'FileGrievance',
        grievanceId,
        agreement: agreement.right,
        calendar,
      }));
    }),
    // The answer is counted from the meeting, so the meeting date's school year decides the calendar.
    scheduleMeeting: operation('scheduleMeeting', C.ScheduleStepMeetingInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.meetingOn, 'meetingOn'], input.scheduledOn, (calendar) => ({ ...input, type: 'ScheduleStepMeeting', calendar })),
    ),
    answer: operation('answer', C.RecordStepAnswerInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.answeredOn, 'answeredOn'], input.answeredOn, (calendar) => ({ ...input, type: 'RecordStepAnswer', calendar })),
    ),
    appeal: operation('appeal', C.AppealToNextStepInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.appealedOn, 'appealedOn'], input.appealedOn, (calendar) => ({ ...input, type: 'AppealToNextStep', calendar })),
    ),
    recordLapse: operation('recordLapse', C.RecordDeadlineLapseInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.asOf, 'asOf'], input.asOf, (calendar) => ({ ...input, type: 'RecordDeadlineLapse', calendar })),
    ),
    extend: operation('extend', C.AgreeExtensionInput, (grievanceId, input) => planned(grievanceId, { ...input, type: 'AgreeExtension' }, input.agreedOn)),
    placeInAbeyance: operation('placeInAbeyance', C.PlaceInAbeyanceInput, (grievanceId, input) =>
      planned(grievanceId, { ...input, type: 'PlaceInAbeyance' }, input.placedOn),
    ),
    resume: operation('resume', C.ResumeGrievanceInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.resumedOn, 'resumedOn'], input.resumedOn, (calendar) => ({ ...input, type: 'ResumeGrievance', calendar })),
    ),
    withdraw: operation('withdraw', C.WithdrawGrievanceInput, (grievanceId, input) => planned(grievanceId, { ...input, type: 'WithdrawGrievance' }, input.withdrawnOn)),
    settle: operation('settle', C.SettleGrievanceInput, (grievanceId, input) => planned(grievanceId, { ...input, type: 'SettleGrievance' }, input.settledOn)),
    // The timeline only recounts a provisional notice deadline, so a year not adopted is no reason to refuse.
    demandArbitration: operation('demandArbitration', C.DemandArbitrationInput, async (grievanceId, input) => {
      const calendar = await loadTimeline(input.demandedOn, 'demandedOn', input.demandedOn, false);
      return isLeft(calendar) ? calendar : planned(grievanceId, { ...input, type: 'DemandArbitration', calendar: calendar.right }, input.demandedOn);
    }),
    selectArbitrator: operation('selectArbitrator', C.SelectArbitratorInput, (grievanceId, input) =>
      planned(grievanceId, { ...input, type: 'SelectArbitrator' }, input.selectedOn),
    ),
    closeHearing: operation('closeHearing', C.CloseArbitrationHearingInput, (grievanceId, input) =>
      onCalendar(grievanceId, [input.closedOn, 'closedOn'], input.closedOn, (calendar) => ({ ...input, type: 'CloseArbitrationHearing', calendar })),
    ),
    recordAward: operation('recordAward', C.RecordAwardInput, (grievanceId, input) => planned(grievanceId, { ...input, type: 'RecordAward' }, input.issuedOn)),
    recalculateDeadline: operation('recalculateDeadline', C.RecalculateDeadlineInput, (grievanceId, { calendarChangedOn, ...instruction }) =>
      planned(grievanceId, { ...instruction, type: 'RecalculateDeadline', streamId: grievanceStreamId(grievanceId) }, calendarChangedOn),
    ),
    get: async (grievanceId) => {
      const id = decodeCommand(GrievanceId, grievanceId, 'grievance.get', 'grievanceId');
      if (isLeft(id)) return id;
      const streamId = grievanceStreamId(id.right);
      const loaded = await loadReadableStream(store, registry, streamId, grievanceDecider.evolve, grievanceDecider.initialState);
      return isLeft(loaded) ? loaded : right({ state: loaded.right.state, version: loaded.right.version });
    },
  };
};
