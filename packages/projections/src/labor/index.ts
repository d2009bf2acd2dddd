/**
 * @laborcase/projections/labor: the labor-relations read models and their reports, on the projections runtime.
 * Each read model is a projection (plain tables in memory, PGlite or PostgreSQL) plus a report function that
 * returns typed rows and a `ReportStamp`, live or as of either axis; `toCsv` and `toJson` write any row list out.
 */
export type { ReportStamp } from './stamp.js';
export { reportRows, type ReportAxes, type ReportOptions, type ReportRows } from './reportSource.js';
export { openCasesProjection } from './openCases/projection.js';
export {
  openCasesReport,
  summariseOpenCases,
  type OpenByArticleRow,
  type OpenByGrievantKindRow,
  type OpenBySchoolRow,
  type OpenByStepRow,
  type OpenByUnitRow,
  type OpenCaseRow,
  type OpenCasesOptions,
  type OpenCasesReport,
} from './openCases/report.js';
export { timeToResolutionProjection } from './timeToResolution/projection.js';
export {
  summariseTimeToResolution,
  timeToResolutionReport,
  type DurationFigures,
  type OutcomeMixRow,
  type ResolutionByArticleRow,
  type ResolutionByStepRow,
  type ResolutionByUnitRow,
  type ResolutionByYearRow,
  type ResolvedCaseRow,
  type TimeToResolutionReport,
} from './timeToResolution/report.js';
export { deadlineComplianceProjection } from './deadlineCompliance/projection.js';
export {
  deadlineComplianceReport,
  summariseDeadlineCompliance,
  type AnswerOverdueRow,
  type ComplianceByPartyRow,
  type ComplianceByStepRow,
  type ComplianceByUnitRow,
  type ComplianceCounts,
  type DeadlineComplianceReport,
  type ThirdPartyRow,
} from './deadlineCompliance/report.js';
export { upcomingDeadlinesProjection } from './upcomingDeadlines/projection.js';
export {
  summariseUpcomingDeadlines,
  upcomingDeadlinesReport,
  type UpcomingDeadlineRow,
  type UpcomingDeadlinesOptions,
  type UpcomingDeadlinesReport,
} from './upcomingDeadlines/report.js';
export { recurringTopicsProjection } from './recurringTopics/projection.js';
export { recurringTopicsReport, summariseRecurringTopics, type RecurringTopicRow, type RecurringTopicsReport } from './recurringTopics/report.js';
export { toCsv, type CsvOptions, type CsvValue } from './csv.js';
export { toJson } from './json.js';
