/**
 * The eight labor read models in one list, for callers that treat them alike (the CLI, the benchmarks, a
 * rebuild of all of them): each entry's name, its projection and its report, every report taking the same
 * options.
 */
import type { AnyProjection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { valueProblem } from '../tables.js';
import { arbitrationProjection } from './arbitration/projection.js';
import { arbitrationReport } from './arbitration/report.js';
import { bargainingBoardProjection } from './bargainingBoard/projection.js';
import { bargainingBoardReport } from './bargainingBoard/report.js';
import { deadlineComplianceProjection } from './deadlineCompliance/projection.js';
import { deadlineComplianceReport } from './deadlineCompliance/report.js';
import { erFunnelProjection } from './erFunnel/projection.js';
import { erFunnelReport } from './erFunnel/report.js';
import { openCasesProjection } from './openCases/projection.js';
import { openCasesReport } from './openCases/report.js';
import { recurringTopicsProjection } from './recurringTopics/projection.js';
import { recurringTopicsReport } from './recurringTopics/report.js';
import type { ReportOptions } from './reportSource.js';
import type { ReportStamp } from './stamp.js';
import { timeToResolutionProjection } from './timeToResolution/projection.js';
import { timeToResolutionReport } from './timeToResolution/report.js';
import { upcomingDeadlinesProjection } from './upcomingDeadlines/projection.js';
import { upcomingDeadlinesReport } from './upcomingDeadlines/report.js';

/** The look-ahead of upcoming deadlines when the caller gives none: two school weeks. */
export const DEFAULT_SCHOOL_DAYS = 10;

export interface LaborReportOptions extends ReportOptions {
  /**
   * The report's business date: open cases print article numbers and titles as of it, upcoming deadlines count
   * from it. Default: `asOf.effectiveOn`, else the clock's UTC date.
   */
  readonly today?: string;
  /** Upcoming deadlines: how many school days ahead (default `DEFAULT_SCHOOL_DAYS`). */
  readonly schoolDays?: number;
}

export interface LaborReadModel<Report extends { readonly stamp: ReportStamp } = { readonly stamp: ReportStamp }> {
  /** The report's name, for a command line or a file name (`openCases`, `erFunnel`…). */
  readonly name: string;
  /** The numbering of the read model (1–8). */
  readonly number: number;
  readonly projection: AnyProjection;
  readonly report: (options: LaborReportOptions) => Promise<Report>;
}

/** `today` as given, else the as-of date, else the clock's date; the clock is checked by the report itself. */
const todayOf = (options: LaborReportOptions): string => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  if (options.today !== undefined) return options.today;
  if (options.asOf?.effectiveOn !== undefined) return options.asOf.effectiveOn;
  const now = typeof options.clock === 'function' ? options.clock() : undefined;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new InvalidProjection('clock', 'must return a valid Date');
  return now.toISOString().slice(0, 10);
};

const upcoming = async (options: LaborReportOptions) => {
  const today = todayOf(options);
  if (valueProblem('date', today) !== undefined) throw new InvalidProjection('today', `must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return upcomingDeadlinesReport({ ...options, today, schoolDays: options.schoolDays ?? DEFAULT_SCHOOL_DAYS });
};

const entry = <Report extends { readonly stamp: ReportStamp }>(number: number, name: string, projection: object, report: (options: LaborReportOptions) => Promise<Report>): LaborReadModel<Report> => ({
  number,
  name,
  // The list holds projections over different event unions; the runtime dispatches on the event type.
  projection: projection as AnyProjection,
  report,
});

/** The eight labor read models, in the order. */
export const LABOR_READ_MODELS = [
  entry(1, 'openCases', openCasesProjection, async (options) => openCasesReport({ ...options, today: todayOf(options) })),
  entry(2, 'timeToResolution', timeToResolutionProjection, timeToResolutionReport),
  entry(3, 'deadlineCompliance', deadlineComplianceProjection, deadlineComplianceReport),
  entry(4, 'upcomingDeadlines', upcomingDeadlinesProjection, upcoming),
  entry(5, 'arbitration', arbitrationProjection, arbitrationReport),
  entry(6, 'recurringTopics', recurringTopicsProjection, recurringTopicsReport),
  entry(7, 'bargainingBoard', bargainingBoardProjection, bargainingBoardReport),
  entry(8, 'erFunnel', erFunnelProjection, erFunnelReport),
] as const;
