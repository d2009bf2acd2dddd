/**
 * ECPS school-year 2025-26 calendar (domain.md §7), as commands and events of the WorkCalendar aggregate.
 * v1 = as adopted; v2 = v1 + the emergency closure (snow day) of Tue 2026-01-27.
 *
 * §7 lists the closed dates; what kind each is (holiday vs break vs no-student day) decides whether offices
 * close, which matters for working-day limits. Reading used here: every listed single date or short range is a
 * district holiday except 10/17 (PD) and 1/23 (grading), which §7 marks as no-student days; winter and spring
 * break are breaks (offices open), with Christmas Day and New Year's Day as holidays inside winter break.
 * Religious/cultural dates are approximate, as §7 says.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  calendarAsOf,
  workCalendarDecider,
  type AdoptCalendar,
  type CalendarVersion,
  type DeclareEmergencyClosure,
  type WorkCalendarCommand,
  type WorkCalendarEvent,
  type WorkCalendarState,
} from '../../packages/domain/src/calendar/index.js';
import { fold } from '../../packages/domain/src/kernel/decider.js';

export const ECPS_DISTRICT_ID = 'ecps';
export const ECPS_CALENDAR_ID = 'calendar-ecps-2025-26';

export const adoptEcps2025_26: AdoptCalendar = {
  type: 'AdoptCalendar',
  districtId: ECPS_DISTRICT_ID,
  schoolYear: '2025-26',
  firstStudentDay: '2025-08-25',
  lastStudentDay: '2026-06-16',
  holidays: [
    { date: '2025-09-01', label: 'Labor Day' },
    { date: '2025-09-23', label: 'Rosh Hashanah (approximate)' },
    { date: '2025-10-02', label: 'Yom Kippur (approximate)' },
    { date: '2025-10-13', label: "Indigenous Peoples' Day" },
    { date: '2025-10-20', label: 'Diwali (approximate)' },
    { date: '2025-11-11', label: 'Veterans Day' },
    { date: '2025-11-27', label: 'Thanksgiving Day' },
    { date: '2025-11-28', label: 'Day after Thanksgiving' },
    { date: '2025-12-25', label: 'Christmas Day' },
    { date: '2026-01-01', label: "New Year's Day" },
    { date: '2026-01-19', label: 'Martin Luther King Jr. Day' },
    { date: '2026-02-16', label: "Presidents' Day" },
    { date: '2026-02-17', label: 'Lunar New Year (approximate)' },
    { date: '2026-03-20', label: 'Eid al-Fitr (approximate)' },
    { date: '2026-05-25', label: 'Memorial Day' },
    { date: '2026-06-19', label: 'Juneteenth' },
  ],
  breaks: [
    { first: '2025-12-22', last: '2026-01-02', label: 'Winter break' },
    { first: '2026-03-30', last: '2026-04-03', label: 'Spring break' },
  ],
  noStudentDays: [
    { date: '2025-10-17', label: 'Professional development day, no students' },
    { date: '2026-01-23', label: 'Grading day, no students' },
  ],
  adoptedOn: '2025-05-20',
};

export const snowDay2026_01_27: DeclareEmergencyClosure = {
  type: 'DeclareEmergencyClosure',
  date: '2026-01-27',
  scope: 'schoolsAndOffices',
  reason: 'Snow',
  declaredOn: '2026-01-27',
};

export const ecpsCalendarCommands: readonly WorkCalendarCommand[] = [adoptEcps2025_26, snowDay2026_01_27];

/** Runs commands through the decider, failing loudly on a rejection (fixtures must be valid). */
const decideAll = (commands: readonly WorkCalendarCommand[]): { events: readonly WorkCalendarEvent[]; state: WorkCalendarState } => {
  let state = workCalendarDecider.initialState;
  const events: WorkCalendarEvent[] = [];
  for (const command of commands) {
    const decision = workCalendarDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`ECPS calendar fixture rejected: ${decision.left.code}: ${decision.left.message}`);
    events.push(...decision.right);
    state = fold(workCalendarDecider.evolve, state, decision.right);
  }
  return { events, state };
};

const decided = decideAll(ecpsCalendarCommands);

export const ecpsCalendarEvents: readonly WorkCalendarEvent[] = decided.events;
export const ecpsCalendarState: WorkCalendarState = decided.state;

const versionOrThrow = (version: number): CalendarVersion => {
  const calendar = calendarAsOf(ecpsCalendarState, version);
  if (calendar === undefined) throw new Error(`ECPS calendar has no version ${version}`);
  return calendar;
};

export const ecpsCalendarV1: CalendarVersion = versionOrThrow(1);
export const ecpsCalendarV2: CalendarVersion = versionOrThrow(2);
