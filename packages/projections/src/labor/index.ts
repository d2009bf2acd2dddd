/**
 * @laborcase/projections/labor: the labor-relations read models over `@laborcase/domain` events, each with its
 * report function (typed rows plus the `ReportStamp` they were built from), and the HTML board report.
 */
export type { ReportStamp } from './stamp.js';
export { checkStamp, median, rate, stampFromLog, type ReportSource, type StampOptions } from './reportKit.js';
export { arbitrationProjection, type ArbitrationTable } from './arbitration/projection.js';
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
export { erFunnelProjection, type ErFunnelTable } from './erFunnel/projection.js';
export { erFunnelReport, FUNNEL_STAGES, type CaseFindingsOutcome, type ErFunnelReport, type FunnelStage, type FunnelStageRow } from './erFunnel/report.js';
export type { BoardReportInput, ComplianceByPartyDatum, OpenCasesByArticleDatum, ResolutionTrendDatum } from './html/input.js';
export { renderBoardReport } from './html/render.js';
export { escapeHtml } from './html/escape.js';
