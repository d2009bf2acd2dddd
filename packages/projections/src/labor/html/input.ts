/**
 * What the board report renders: plain data, so any read model (or a spreadsheet) can feed it. Every text field
 * is user input as far as the renderer is concerned; it is escaped wherever it is printed.
 */
import type { ArbitrationUnitRow } from '../arbitration/report.js';
import type { BargainingCycleRow } from '../bargainingBoard/report.js';
import type { FunnelStageRow } from '../erFunnel/report.js';
import type { ReportStamp } from '../stamp.js';

/** One bar of "open cases by article": the article as printed in the edition in force (e.g. "ECEA Art. 12 Planning Time"). */
export interface OpenCasesByArticleDatum {
  readonly articleLabel: string;
  readonly count: number;
}

/** One point of "time to resolution": a period label (e.g. "2025-10" or "SY2025-26") and its medians, null when nothing resolved. */
export interface ResolutionTrendDatum {
  readonly period: string;
  readonly medianCalendarDays: number | null;
  readonly medianContractDays: number | null;
}

/** One stacked bar of "deadline compliance by party": deadlines of that party by how they ended. */
export interface ComplianceByPartyDatum {
  readonly party: string;
  readonly met: number;
  readonly missed: number;
  readonly extended: number;
  readonly tolled: number;
}

export interface BoardReportInput {
  /** The report's heading, e.g. "Labor relations: monthly report to the Board, June 2026". */
  readonly title: string;
  /** The figures' provenance, printed in the report. */
  readonly stamp: ReportStamp;
  readonly openCasesByArticle: readonly OpenCasesByArticleDatum[];
  /** In the order the periods are to be drawn. */
  readonly resolutionTrend: readonly ResolutionTrendDatum[];
  readonly complianceByParty: readonly ComplianceByPartyDatum[];
  /** The bargaining board, one table per cycle (`bargainingBoardReport(...).cycles`). */
  readonly bargaining: readonly BargainingCycleRow[];
  /** Optional: the arbitration totals per unit (`arbitrationReport(...).byUnit`), printed as a table. */
  readonly arbitration?: readonly ArbitrationUnitRow[];
  /** Optional: the employee-relations funnel (`erFunnelReport(...).stages`), printed as a table. */
  readonly erFunnel?: readonly FunnelStageRow[];
}
