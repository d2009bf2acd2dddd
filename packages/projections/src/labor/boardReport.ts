/**
 * The office's monthly report to the board, from the real reports: open cases by article (bar), median time to
 * resolution by school year of filing (line), deadline compliance by party (stacked bar), the bargaining board,
 * arbitration and the ER funnel, rendered by `renderBoardReport` as one self-contained HTML page. Every report
 * is read with the same options, so live or as of the same axes; the page carries their common stamp.
 * Compliance bars take the report's counts as they are: `extended` counts deadlines extended whatever happened
 * next, so it overlaps `met` and `missed`; `tolled` is those in abeyance now.
 */
import { InvalidProjection } from '../errors.js';
import { arbitrationReport } from './arbitration/report.js';
import { bargainingBoardReport } from './bargainingBoard/report.js';
import { deadlineComplianceReport } from './deadlineCompliance/report.js';
import { erFunnelReport } from './erFunnel/report.js';
import type { BoardReportInput } from './html/input.js';
import { renderBoardReport } from './html/render.js';
import { openCasesReport } from './openCases/report.js';
import type { ReportOptions } from './reportSource.js';
import type { ReportStamp } from './stamp.js';
import { timeToResolutionReport } from './timeToResolution/report.js';

export interface BoardReportOptions extends ReportOptions {
  /** The page's heading, e.g. "Labor relations: monthly report to the Board, June 2026". */
  readonly title: string;
  /** The date article numbers and titles are shown as of when no `asOf.effectiveOn` is given (see `openCasesReport`). */
  readonly today?: string;
}

export interface BoardReport {
  /** The position, head hash and axes every figure on the page was built from. */
  readonly stamp: ReportStamp;
  /** What was rendered, for callers that want the figures as data too. */
  readonly input: BoardReportInput;
  readonly html: string;
}

const sameSource = (a: ReportStamp, b: ReportStamp): boolean => a.position === b.position && a.headHash === b.headHash;

/**
 * Build the board report. Throws `InvalidProjection` naming the field for malformed options, and (field `store`)
 * when the live read models stand at different positions of the log, since one page must come from one log
 * prefix: wait for the runners to catch up, or report as of a date.
 */
export const boardReport = async (options: BoardReportOptions): Promise<BoardReport> => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  if (typeof options.title !== 'string' || options.title.trim().length === 0) throw new InvalidProjection('title', 'must be a non-empty string');
  const open = await openCasesReport(options);
  const resolution = await timeToResolutionReport(options);
  const compliance = await deadlineComplianceReport(options);
  const bargaining = await bargainingBoardReport(options);
  const arbitration = await arbitrationReport(options);
  const funnel = await erFunnelReport(options);
  const stamps = [open, resolution, compliance, bargaining, arbitration, funnel].map((report) => report.stamp);
  const stamp = open.stamp;
  if (!stamps.every((s) => sameSource(s, stamp))) {
    throw new InvalidProjection('store', `the read models stand at different positions (${stamps.map((s) => s.position).join(', ')}): wait for their runners to catch up, or report as of a date`);
  }
  const input: BoardReportInput = {
    title: options.title,
    stamp,
    openCasesByArticle: open.byArticle.map((row) => ({ articleLabel: `${row.unitId.toUpperCase()} Art. ${row.articleNumber} ${row.articleTitle}`, count: row.open })),
    resolutionTrend: resolution.byYear.map((row) => ({ period: `SY${row.filedSchoolYear}`, medianCalendarDays: row.medianCalendarDays, medianContractDays: row.medianContractDays })),
    complianceByParty: compliance.byParty.map(({ party, met, missed, extended, tolled }) => ({ party, met, missed, extended, tolled })),
    bargaining: bargaining.cycles,
    arbitration: [...arbitration.byUnit, arbitration.total],
    erFunnel: funnel.stages,
  };
  return { stamp, input, html: await renderBoardReport(input) };
};
