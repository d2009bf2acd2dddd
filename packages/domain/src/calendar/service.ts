/**
 * The calendar application service: one operation per command, keyed by `{ districtId, schoolYear }` (the service
 * names the stream), the import of a calendar document, and the queries callers ask of a calendar stream.
 * It reads and writes through the `EventStore` port only.
 */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  NonNegativeInteger,
  commandHandler,
  correctionEventDefinitions,
  createCodecRegistry,
  decodeCommand,
  loadReadableStream,
  reject,
  serviceOperation,
  type Actor,
  type CallOptions,
  type CodecRegistry,
  type CommandResult,
  type DomainError,
  type EventStore,
  handlerSettings,
  type ServiceHandlerOptions,
  type ServiceOperation,
} from '@laborcase/core';
import type { CalendarVersion } from './calendarVersion.js';
import {
  AdoptCalendarInput,
  AmendCalendarInput,
  CalendarKey,
  DistrictId,
  SchoolYear,
  DeclareEmergencyClosureInput,
  RescindEmergencyClosureInput,
  WorkCalendarCommand,
} from './commands.js';
import { workCalendarDecider } from './decide/index.js';
import { adoptionOfDocument, decodeCalendarDocument, type CalendarDocument } from './document.js';
import { CalendarErrors, CalendarRules } from './errors.js';
import { workCalendarEventDefinitions, type WorkCalendarEvent } from './events.js';
import { calendarAsOf, currentCalendar } from './queries.js';
import type { WorkCalendarState } from './state.js';
import { calendarStreamId } from './streamId.js';
import { calendarTimeline, schoolYearsFromTo, type CalendarTimeline } from './timeline.js';

export interface CalendarServiceOptions extends ServiceHandlerOptions {
  readonly store: EventStore;
  /** Decodes the stream's records; defaults to the calendar's event types and corrections. */
  readonly registry?: CodecRegistry;
  /** Event ids and default command ids; they must be UUIDs. */
  readonly newId: () => string;
}

type Answer<A> = Promise<Either<DomainError, A>>;

export interface CalendarService {
  readonly adopt: ServiceOperation<CalendarKey, AdoptCalendarInput, WorkCalendarState>;
  readonly declareEmergencyClosure: ServiceOperation<CalendarKey, DeclareEmergencyClosureInput, WorkCalendarState>;
  readonly rescindEmergencyClosure: ServiceOperation<CalendarKey, RescindEmergencyClosureInput, WorkCalendarState>;
  readonly amend: ServiceOperation<CalendarKey, AmendCalendarInput, WorkCalendarState>;
  /** Validate a calendar document (see README.md) and adopt it; a bad document is `Left InvalidCommand` naming the field. */
  readonly importCalendar: (document: CalendarDocument, actor: Actor, options?: CallOptions) => Answer<CommandResult<WorkCalendarState>>;
  /** The stream's state, corrections applied (`notAdopted` when nothing was recorded). */
  readonly get: (key: CalendarKey) => Answer<WorkCalendarState>;
  /** The version in force now, or `Left CalendarNotAdopted`. */
  readonly current: (key: CalendarKey) => Answer<CalendarVersion>;
  /** The calendar as of `version` (1 = as adopted), or `Left CalendarNotAdopted` / `CalendarVersionNotFound`. */
  readonly versionAsOf: (key: CalendarKey, version: number) => Answer<CalendarVersion>;
  /**
   * The district timeline from `firstSchoolYear` through `lastSchoolYear`: each year's current version, or none
   * while it is not adopted (deadlines then count under the fallback). At most 10 years.
   */
  readonly timeline: (districtId: string, firstSchoolYear: string, lastSchoolYear: string) => Answer<CalendarTimeline>;
}

/** The most school years one timeline read loads. */
export const MAX_TIMELINE_YEARS = 10;

/**
 * Reads the calendar stream of every school year from `first` through `last` (validated by the caller) and joins
 * their current versions into a timeline; a year with nothing adopted is left to the fallback.
 */
export const loadCalendarTimeline = async (
  store: EventStore,
  registry: CodecRegistry,
  districtId: string,
  first: string,
  last: string,
): Answer<CalendarTimeline> => {
  const entries: { schoolYear: string; calendar?: CalendarVersion }[] = [];
  for (const schoolYear of schoolYearsFromTo(first, last)) {
    const loaded = await loadReadableStream<WorkCalendarState, WorkCalendarEvent>(
      store,
      registry,
      calendarStreamId(districtId, schoolYear),
      workCalendarDecider.evolve,
      workCalendarDecider.initialState,
    );
    if (isLeft(loaded)) return loaded;
    const calendar = currentCalendar(loaded.right.state);
    entries.push(calendar === undefined ? { schoolYear } : { schoolYear, calendar });
  }
  return calendarTimeline(districtId, entries);
};

const Version = t.refinement(NonNegativeInteger, (n) => n >= 1, 'CalendarVersionNumber (1 or more)');

const streamOf = (key: CalendarKey): string => calendarStreamId(key.districtId, key.schoolYear);

const notAdopted = (key: CalendarKey): Either<DomainError, never> =>
  reject(CalendarErrors.calendarNotAdopted, `no calendar has been adopted for ${key.districtId} ${key.schoolYear}`, CalendarRules.adoptedFirst);

export const createCalendarService = (options: CalendarServiceOptions): CalendarService => {
  const { store, newId } = options;
  const registry = options.registry ?? createCodecRegistry([...correctionEventDefinitions, ...workCalendarEventDefinitions]);
  const handler = commandHandler({ store, registry, decider: workCalendarDecider, newId, commandCodec: WorkCalendarCommand, ...handlerSettings(options) });

  const operation = <Input>(
    name: string,
    input: t.Decoder<unknown, Input>,
    toCommand: (key: CalendarKey, input: Input) => WorkCalendarCommand,
    businessDate: (input: Input) => string,
  ): ServiceOperation<CalendarKey, Input, WorkCalendarState> => {
    return serviceOperation<CalendarKey, Input, WorkCalendarCommand, WorkCalendarState>({
      name: `calendar.${name}`,
      id: CalendarKey,
      idField: 'key',
      input,
      handler,
      plan: (key, decoded) => right({ streamId: streamOf(key), command: toCommand(key, decoded), effectiveOn: businessDate(decoded) }),
    });
  };

  const adopt = operation('adopt', AdoptCalendarInput, (key, input) => ({ type: 'AdoptCalendar', ...key, ...input }), (input) => input.adoptedOn);

  const load = async (key: CalendarKey): Answer<WorkCalendarState> => {
    const streamId = streamOf(key);
    const loaded = await loadReadableStream<WorkCalendarState, WorkCalendarEvent>(store, registry, streamId, workCalendarDecider.evolve, workCalendarDecider.initialState);
    return isLeft(loaded) ? loaded : right(loaded.right.state);
  };

  /** Validate the key (nothing is read for a malformed one), then load the calendar. */
  const loadKey = async (key: unknown, query: string): Answer<{ readonly key: CalendarKey; readonly state: WorkCalendarState }> => {
    const decoded = decodeCommand(CalendarKey, key, `calendar.${query}`, 'key');
    if (isLeft(decoded)) return decoded;
    const state = await load(decoded.right);
    return isLeft(state) ? state : right({ key: decoded.right, state: state.right });
  };

  return {
    adopt,
    declareEmergencyClosure: operation('declareEmergencyClosure', DeclareEmergencyClosureInput, (_key, input) => ({ type: 'DeclareEmergencyClosure', ...input }), (input) => input.declaredOn),
    rescindEmergencyClosure: operation('rescindEmergencyClosure', RescindEmergencyClosureInput, (_key, input) => ({ type: 'RescindEmergencyClosure', ...input }), (input) => input.rescindedOn),
    amend: operation('amend', AmendCalendarInput, (_key, input) => ({ type: 'AmendCalendar', ...input }), (input) => input.amendedOn),
    importCalendar: async (document, actor, callOptions) => {
      const decoded = decodeCalendarDocument(document);
      if (isLeft(decoded)) return decoded;
      const { key, input } = adoptionOfDocument(decoded.right);
      return adopt(key, input, actor, callOptions);
    },
    get: async (key) => {
      const loaded = await loadKey(key, 'get');
      return isLeft(loaded) ? loaded : right(loaded.right.state);
    },
    current: async (key) => {
      const loaded = await loadKey(key, 'current');
      if (isLeft(loaded)) return loaded;
      const calendar = currentCalendar(loaded.right.state);
      return calendar === undefined ? notAdopted(loaded.right.key) : right(calendar);
    },
    timeline: async (districtId, firstSchoolYear, lastSchoolYear) => {
      const district = decodeCommand(DistrictId, districtId, 'calendar.timeline', 'districtId');
      if (isLeft(district)) return district;
      const first = decodeCommand(SchoolYear, firstSchoolYear, 'calendar.timeline', 'firstSchoolYear');
      if (isLeft(first)) return first;
      const last = decodeCommand(SchoolYear, lastSchoolYear, 'calendar.timeline', 'lastSchoolYear');
      if (isLeft(last)) return last;
      const years = schoolYearsFromTo(first.right, last.right).length;
      if (years < 1 || years > MAX_TIMELINE_YEARS) {
        return reject(CalendarErrors.invalidTimeline, `a timeline spans 1 to ${MAX_TIMELINE_YEARS} school years, not ${firstSchoolYear}..${lastSchoolYear}`, CalendarRules.timeline, 'lastSchoolYear');
      }
      return loadCalendarTimeline(store, registry, district.right, first.right, last.right);
    },
    versionAsOf: async (key, version) => {
      const decodedKey = decodeCommand(CalendarKey, key, 'calendar.versionAsOf', 'key');
      if (isLeft(decodedKey)) return decodedKey;
      const decodedVersion = decodeCommand(Version, version, 'calendar.versionAsOf', 'version');
      if (isLeft(decodedVersion)) return decodedVersion;
      const state = await load(decodedKey.right);
      if (isLeft(state)) return state;
      if (state.right.status === 'notAdopted') return notAdopted(decodedKey.right);
      const calendar = calendarAsOf(state.right, decodedVersion.right);
      return calendar === undefined
        ? reject(
            CalendarErrors.calendarVersionNotFound,
            `calendar ${state.right.calendarId} has versions 1..${state.right.currentVersion}, not ${decodedVersion.right}`,
            CalendarRules.versionExists,
            'version',
          )
        : right(calendar);
    },
  };
};
