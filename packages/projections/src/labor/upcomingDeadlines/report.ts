/**
 * Report 4, upcoming deadlines, from the `upcoming_deadlines` read model: every running grievance deadline due
 * from `today` through the `schoolDays`-th school day after it on the district calendar (school days while
 * students attend, working days in summer, as ECEA counts; a year with no adopted calendar counts under the
 * fallback), who owes it (party and the step's hearer), and whether its date is provisional or final. Deadlines
 * already past due but not yet recorded as missed are listed apart (`overdue`). `today` is a parameter: the
 * report never reads a clock for it.
 */
import type { Limit } from '@laborcase/domain/calendar';
import { InvalidProjection } from '../../errors.js';
import { valueProblem, type Row } from '../../tables.js';
import { byText } from '../grievances/aggregate.js';
import { DistrictCalendars, countedDays, nthCountedDay } from '../grievances/calendars.js';
import { flag, text } from '../grievances/facts.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { upcomingDeadlinesProjection } from './projection.js';
import { upcomingRows } from './rows.js';

export interface UpcomingDeadlineRow {
  readonly dueOn: string;
  readonly grievanceId: string;
  readonly unitId: string;
  readonly deadlineId: string;
  /** file, meet, answer, appeal, arbitrationNotice, award. */
  readonly kind: string;
  readonly stepId: string;
  /** Who owes it: grievant, association, management, arbitrator. */
  readonly party: string;
  /** The hearer of the step (the principal, the superintendent's designee…), `arbitrator` at arbitration. */
  readonly hearer: string;
  /** `provisional`: counted in part on the fallback calendar; `final` otherwise. */
  readonly firmness: 'provisional' | 'final';
  /** School days from `today` (excluded) through the due date (included); null off the known calendars. */
  readonly schoolDaysLeft: number | null;
}

export interface UpcomingDeadlinesOptions extends ReportOptions {
  /** The report's date `YYYY-MM-DD`. */
  readonly today: string;
  /** How many school days ahead to look (1–366). */
  readonly schoolDays: number;
}

export interface UpcomingDeadlinesReport {
  readonly stamp: ReportStamp;
  readonly today: string;
  readonly schoolDays: number;
  /** The last day of the window per district calendar it was counted on (null when no calendar reaches it). */
  readonly windowEnds: readonly { readonly calendarId: string; readonly through: string | null }[];
  readonly upcoming: readonly UpcomingDeadlineRow[];
  readonly overdue: readonly UpcomingDeadlineRow[];
}

const MAX_SCHOOL_DAYS = 366;

const checkParameters = (options: UpcomingDeadlinesOptions): void => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  if (valueProblem('date', options.today) !== undefined || options.today === null) throw new InvalidProjection('today', `must be a date YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
  if (!Number.isSafeInteger(options.schoolDays) || options.schoolDays < 1 || options.schoolDays > MAX_SCHOOL_DAYS) {
    throw new InvalidProjection('schoolDays', `must be an integer from 1 to ${MAX_SCHOOL_DAYS}, got ${JSON.stringify(options.schoolDays)}`);
  }
};

/** The upcoming deadlines of the deadline rows `upcomingRows` joins and the `calendars` rows, on `today`, `schoolDays` ahead. */
export const summariseUpcomingDeadlines = (deadlines: readonly Row[], calendarRows: readonly Row[], today: string, schoolDays: number): Omit<UpcomingDeadlinesReport, 'stamp'> => {
  const calendars = new DistrictCalendars(calendarRows);
  const school = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });
  const windowEnds = new Map<string, string | null>();
  const windowEnd = (calendarId: string): string | null => {
    if (!windowEnds.has(calendarId)) windowEnds.set(calendarId, nthCountedDay(calendars.timelineOf(calendarId), today, school(schoolDays)));
    return windowEnds.get(calendarId) ?? null;
  };
  const upcoming: UpcomingDeadlineRow[] = [];
  const overdue: UpcomingDeadlineRow[] = [];
  for (const row of deadlines) {
    if (text(row, 'status') !== 'open') continue;
    const calendarId = text(row, 'calendar_id');
    const dueOn = text(row, 'due_on');
    const item: UpcomingDeadlineRow = {
      dueOn,
      grievanceId: text(row, 'grievance_id'),
      unitId: text(row, 'unit_id'),
      deadlineId: text(row, 'deadline_id'),
      kind: text(row, 'kind'),
      stepId: text(row, 'step_id'),
      party: text(row, 'party'),
      hearer: text(row, 'hearer'),
      firmness: flag(row, 'provisional') ? 'provisional' : 'final',
      schoolDaysLeft: dueOn < today ? 0 : countedDays(calendars.timelineOf(calendarId), today, dueOn, school(0)),
    };
    const end = windowEnd(calendarId);
    if (dueOn < today) overdue.push(item);
    else if (end !== null && dueOn <= end) upcoming.push(item);
  }
  const order = (a: UpcomingDeadlineRow, b: UpcomingDeadlineRow): number => byText(a.dueOn, b.dueOn) || byText(a.deadlineId, b.deadlineId);
  return {
    today,
    schoolDays,
    windowEnds: [...windowEnds.entries()].map(([calendarId, through]) => ({ calendarId, through })).sort((a, b) => byText(a.calendarId, b.calendarId)),
    upcoming: upcoming.sort(order),
    overdue: overdue.sort(order),
  };
};

/** Report 4: the deadlines due in the next `schoolDays` school days after `today`, live or as of the given axes. */
export const upcomingDeadlinesReport = async (options: UpcomingDeadlinesOptions): Promise<UpcomingDeadlinesReport> => {
  checkParameters(options);
  const source = await reportRows(upcomingDeadlinesProjection, options);
  const tables = await allTables(upcomingDeadlinesProjection, source);
  const summary = summariseUpcomingDeadlines(upcomingRows(tables), tables.calendars, options.today, options.schoolDays);
  return { stamp: source.stamp, ...summary };
};
