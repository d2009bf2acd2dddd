/**
 * The district-history generator: N school years of Example County Public Schools written into any `EventStore`
 * through the real services and deciders, seeded, so the same seed writes the same log (event ids, `recordedAt`
 * with the simulated clock, hashes). See bench/README.md, "Generator".
 */
import { performance } from 'node:perf_hooks';
import { eachDate, type CodecRegistry, type EventStore, type NewEvent, type AppendOptions, type Provenance } from '@laborcase/core';
import { createCalendarService, createDomainRegistry, createEmployeeRelationsService, schoolYearOf } from '@laborcase/domain';
import { createBargainingPlanner, type Dated } from './bargaining.js';
import { must } from './must.js';
import { calendarForSchoolYear, schoolYearStarting, snowDaysFor, startYearOf } from './calendars.js';
import type { SimulatedClock } from './clock.js';
import { dateOf, weekdayOnOrAfter } from './dates.js';
import { DISTRICT_ID, KnownWorld } from './district.js';
import { createEmployeeRelationsSimulation, emptyEmployeeRelationsStats, type EmployeeRelationsStats } from './employeeRelations.js';
import { createGrievanceDriver, type DriverKind } from './grievanceDriver.js';
import { createGrievanceSimulation, emptyGrievanceStats, filingsOfYear, type GrievanceStats } from './grievances.js';
import { createRandom, seededUuids } from './random.js';
import { Agenda } from './scheduler.js';

export { createSimulatedClock, type SimulatedClock } from './clock.js';
export type { DriverKind } from './grievanceDriver.js';

/** At scale 1, grievances and employee-relations cases a year: a district of ~12,000 employees (INVENTED rates). */
export const GRIEVANCES_PER_YEAR_AT_SCALE_1 = 300;
export const ER_CASES_PER_YEAR_AT_SCALE_1 = 60;
/** Measured: events a year per unit of scale (grievances dominate); used to turn an event target into a scale. */
export const EVENTS_PER_YEAR_AT_SCALE_1 = 4_700;

export interface GenerateOptions {
  readonly store: EventStore;
  readonly seed: number;
  /** School years from 2025-26, the fixture's year. */
  readonly schoolYears: number;
  /** Multiplies the yearly case volume; may be fractional. */
  readonly scale: number;
  /** The store's clock, if it is the generator's: moved to each command's business date, so `recordedAt` is seeded too. */
  readonly clock?: SimulatedClock;
  /** `deciders` (default): grievance state kept in memory; `services`: every grievance command through the service. */
  readonly driver?: DriverKind;
  readonly registry?: CodecRegistry;
  /** Called now and then with a one-line summary (the CLI prints it to stderr). */
  readonly progress?: (line: string) => void;
}

export interface GenerationReport {
  readonly seed: number;
  readonly driver: DriverKind;
  readonly schoolYears: readonly string[];
  readonly scale: number;
  readonly events: number;
  /** Wall-clock seconds of the run, and the process's CPU seconds (user + system) in it: on a shared machine the second is the fairer figure. */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
  readonly eventsPerCpuSecond: number;
  /** Events by the school year of their business date (`effectiveOn`). */
  readonly eventsBySchoolYear: Readonly<Record<string, number>>;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly grievances: GrievanceStats & { readonly openAtEnd: number };
  readonly employeeRelations: EmployeeRelationsStats;
  readonly snowDays: number;
  readonly bargainingCycles: number;
}

const BOARD: Provenance = { actorId: 'ecps.board-secretary', role: 'board-of-education' };
const SUPERINTENDENT: Provenance = { actorId: 'ecps.superintendent', role: 'superintendent' };
const UNIT_PREFIX: Record<string, string> = { ecea: 'G', ecssu: 'S', ecap: 'A' };
const EMPLOYEE_RANGES: Record<string, readonly [number, number]> = { ecea: [10_000, 16_999], ecssu: [20_000, 23_999], ecap: [30_000, 30_699], ecps: [10_000, 30_699] };

/** Counts what every append wrote, by business school year and by type; everything else passes through. */
const countingStore = (store: EventStore, count: (events: readonly NewEvent[]) => void): EventStore => ({
  append: async (streamId: string, events: readonly NewEvent[], options: AppendOptions) => {
    const result = await store.append(streamId, events, options);
    count(events);
    return result;
  },
  readStream: (streamId, options) => store.readStream(streamId, options),
  streamVersion: (streamId) => store.streamVersion(streamId),
  readAll: (options) => store.readAll(options),
  headPosition: () => store.headPosition(),
  waitForEvents: (after, options) => store.waitForEvents(after, options),
  close: () => store.close(),
});

export const generateDistrictHistory = async (options: GenerateOptions): Promise<GenerationReport> => {
  const { seed, scale } = options;
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${String(seed)}`);
  if (!Number.isInteger(options.schoolYears) || options.schoolYears < 1 || options.schoolYears > 40) throw new RangeError(`schoolYears must be 1..40, got ${String(options.schoolYears)}`);
  if (!(scale > 0 && scale <= 10_000)) throw new RangeError(`scale must be in (0, 10000], got ${String(scale)}`);
  if (typeof options.store?.append !== 'function') throw new TypeError('store must be an EventStore');
  // The fixture editions and the fixture's FY27 reopener belong to SY2025-26: the history starts there.
  const firstYear = 2025;
  const driverKind = options.driver ?? 'deciders';
  const registry = options.registry ?? createDomainRegistry();
  const random = createRandom(seed);
  const newId = seededUuids(random.fork('ids'));
  const advanceTo = options.clock?.advanceTo ?? (() => undefined);

  let events = 0;
  const bySchoolYear: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const store = countingStore(options.store, (appended) => {
    events += appended.length;
    for (const event of appended) {
      const year = schoolYearOf(event.metadata.effectiveOn);
      bySchoolYear[year] = (bySchoolYear[year] ?? 0) + 1;
      byType[event.type] = (byType[event.type] ?? 0) + 1;
    }
  });

  const schoolYears = Array.from({ length: options.schoolYears }, (_, i) => schoolYearStarting(firstYear + i));
  const endOn = dateOf(firstYear + options.schoolYears, 6, 30);
  const agenda = new Agenda();
  const world = new KnownWorld();
  const calendars = createCalendarService({ store, registry, newId });
  const employeeRelations = createEmployeeRelationsService({ store, registry, newId });
  const driver = createGrievanceDriver(driverKind, { store, registry, newId, districtId: DISTRICT_ID, known: world });
  const grievanceStats = emptyGrievanceStats();
  const erStats = emptyEmployeeRelationsStats();
  const people = random.fork('people');
  const employeeOf = (unitId: string): string => {
    const [low, high] = EMPLOYEE_RANGES[unitId] ?? EMPLOYEE_RANGES['ecps']!;
    return `E-${people.int(low, high)}`;
  };
  const sequences = new Map<string, number>();
  const nextGrievanceId = (unitId: string, filedOn: string): string => {
    const key = `${UNIT_PREFIX[unitId] ?? 'X'}-${schoolYearOf(filedOn).slice(2, 4)}`;
    const n = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, n);
    return `${key}-${String(n).padStart(5, '0')}`;
  };

  const grievances = createGrievanceSimulation({ driver, world, random: random.fork('grievances'), agenda, advanceTo, endOn, stats: grievanceStats });
  const cases = createEmployeeRelationsSimulation({
    service: employeeRelations,
    random: random.fork('employee-relations'),
    agenda,
    advanceTo,
    endOn,
    stats: erStats,
    fileGrievance: grievances.scheduleFiling,
    nextGrievanceId,
    employeeOf,
  });
  const planner = createBargainingPlanner({ store, registry, newId, world, random: random.fork('bargaining'), advanceTo });
  const schedule = (items: readonly Dated[]): void => {
    for (const item of items) if (item.date <= endOn) agenda.at(item.date, item.run);
  };
  let cycles = 0;

  // Calendars: each year's adopted the May before it (one more than simulated, for counts that cross the last June 30).
  const calendarRandom = random.fork('calendars');
  let snowDays = 0;
  for (let i = 0; i <= options.schoolYears; i++) {
    const calendar = calendarForSchoolYear(schoolYearStarting(firstYear + i));
    const key = { districtId: DISTRICT_ID, schoolYear: calendar.schoolYear };
    agenda.at(calendar.adoption.adoptedOn, async () => {
      advanceTo(calendar.adoption.adoptedOn);
      const adopted = await must(`adopt ${calendar.schoolYear}`, calendars.adopt(key, calendar.adoption, BOARD));
      world.setCalendar(calendar.schoolYear, adopted.state);
      for (const event of adopted.events) await grievances.onCalendarEvent(event, adopted.state);
    });
    if (i === options.schoolYears) break;
    for (const closure of snowDaysFor(calendar, calendarRandom)) {
      snowDays++;
      agenda.at(closure.declaredOn, async () => {
        advanceTo(closure.declaredOn);
        const declared = await must(`snow day ${closure.date}`, calendars.declareEmergencyClosure(key, closure, SUPERINTENDENT));
        world.setCalendar(calendar.schoolYear, declared.state);
        for (const event of declared.events) await grievances.onCalendarEvent(event, declared.state);
      });
    }
  }

  // Agreements: the fixture editions; bargaining: the fixture's FY27 reopener in SY2025-26, generated cycles after.
  schedule(planner.fixtureEditions());
  const arrivals = random.fork('arrivals');
  for (const schoolYear of schoolYears) {
    const y = startYearOf(schoolYear);
    const calendar = calendarForSchoolYear(schoolYear);
    agenda.at(dateOf(y, 8, 1), async () => {
      advanceTo(dateOf(y, 8, 1));
      if (y === 2025) {
        const fixture = planner.fixtureReopener();
        cycles++;
        schedule(fixture);
      }
      const planned = planner.cyclesOfYear(y, y === 2025 ? ['ecea'] : []);
      cycles += planned.cycles;
      schedule(planned.items);
      const count = Math.max(1, Math.round(GRIEVANCES_PER_YEAR_AT_SCALE_1 * scale * (0.9 + 0.2 * arrivals.next())));
      const filings = filingsOfYear(arrivals, calendar, count, employeeOf);
      for (const filing of filings) {
        const grievanceId = nextGrievanceId(filing.unit.unitId, filing.filedOn);
        grievances.scheduleFiling({ ...filing, grievanceId, correlationId: grievanceId });
      }
      const erCount = Math.max(1, Math.round(ER_CASES_PER_YEAR_AT_SCALE_1 * scale * (0.9 + 0.2 * arrivals.next())));
      const receivedDays = eachDate(dateOf(y, 8, 4), dateOf(y + 1, 6, 10)).filter((d) => weekdayOnOrAfter(d) === d);
      const received = Array.from({ length: erCount }, () => arrivals.pick(receivedDays)).sort();
      received.forEach((receivedOn, n) => cases.scheduleCase(`ER-${schoolYear.slice(2, 4)}-${String(n + 1).padStart(5, '0')}`, receivedOn));
    });
  }

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  let lastReport = started;
  for (let task = agenda.take(); task !== undefined; task = agenda.take()) {
    await task.run();
    const now = performance.now();
    if (options.progress !== undefined && now - lastReport > 2000) {
      lastReport = now;
      const seconds = (now - started) / 1000;
      const memory = Math.round(process.memoryUsage().heapUsed / 1e6);
      options.progress(`generator: ${task.date} ${events.toLocaleString('en-US')} events, ${Math.round(events / seconds).toLocaleString('en-US')} events/s, ${grievances.openCases()} open grievances, heap ${memory} MB`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    seed,
    driver: driverKind,
    schoolYears,
    scale,
    events,
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    eventsPerCpuSecond: Math.round(events / cpuSeconds),
    eventsBySchoolYear: bySchoolYear,
    eventsByType: byType,
    grievances: { ...grievanceStats, openAtEnd: grievances.openCases() },
    employeeRelations: erStats,
    snowDays,
    bargainingCycles: cycles,
  };
};
