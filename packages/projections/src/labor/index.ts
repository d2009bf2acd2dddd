/**
 * @laborcase/projections/labor: the labor-relations read models over `@laborcase/domain` events. Each read model is a
 * projection (plain tables in memory, PGlite or PostgreSQL) plus a report function returning typed rows and the
 * `ReportStamp` they were built from, live or as of either axis, all eight with the same options (the `…Rows`
 * functions join a projection's tables into the rows its report counts);
 * `LABOR_READ_MODELS` lists them; `toCsv` and `toJson` write them out, and `boardReport` makes the self-contained
 * HTML board report from them (`renderBoardReport` from plain data).
 */
export { checkStamp, stampFromLog, type ReportStamp, type StampOptions } from './stamp.js';
export { allTables, reportRows, type ReportAxes, type ReportOptions, type ReportRows } from './reportSource.js';
export { openCasesProjection, type OpenCasesTable } from './openCases/projection.js';
export { openCaseRows, type OpenCasesTables } from './openCases/rows.js';
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
export { timeToResolutionProjection, type TimeToResolutionTable } from './timeToResolution/projection.js';
export { resolutionRows, type ResolutionTables } from './timeToResolution/rows.js';
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
export { deadlineComplianceProjection, type DeadlineComplianceTable } from './deadlineCompliance/projection.js';
export { complianceRows, type ComplianceTables } from './deadlineCompliance/rows.js';
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
export { upcomingDeadlinesProjection, type UpcomingDeadlinesTable } from './upcomingDeadlines/projection.js';
export { upcomingRows, type UpcomingTables } from './upcomingDeadlines/rows.js';
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
export { arbitrationProjection, arbitrationRows, type ArbitrationTable } from './arbitration/projection.js';
export { arbitrationReport, type ArbitrationCaseRow, type ArbitrationReport, type ArbitrationUnitRow } from './arbitration/report.js';
export { bargainingBoardProjection, type ArticleStatus, type BargainingBoardTable, type Side } from './bargainingBoard/projection.js';
export {
  bargainingBoardReport,
  type BargainingBoardReport,
  type BargainingBoardRow,
  type BargainingCycleRow,
  type BargainingMilestones,
  type BargainingPosition,
  type BargainingTentativeAgreement,
  type PackageTotals,
} from './bargainingBoard/report.js';
export { erCaseRows, erFunnelProjection, type ErFunnelTable } from './erFunnel/projection.js';
export { erFunnelReport, FUNNEL_STAGES, type CaseFindingsOutcome, type ErFunnelReport, type FunnelStage, type FunnelStageRow } from './erFunnel/report.js';
export type { BoardReportInput, ComplianceByPartyDatum, OpenCasesByArticleDatum, ResolutionTrendDatum } from './html/input.js';
export { renderBoardReport } from './html/render.js';
export { boardReport, type BoardReport, type BoardReportOptions } from './boardReport.js';
export { DEFAULT_SCHOOL_DAYS, LABOR_READ_MODELS, type LaborReadModel, type LaborReportOptions } from './readModels.js';
export { escapeHtml } from './html/escape.js';
