/**
 * A board report input built from the ECPS fixture: the bargaining board, arbitration and ER funnel from their
 * read models; open cases, the resolution trend and deadline compliance as hand-made sample data (their read
 * models live elsewhere; the renderer only needs their plain rows).
 */
import { arbitrationProjection } from '../arbitration/projection.js';
import { arbitrationReport } from '../arbitration/report.js';
import { bargainingBoardProjection } from '../bargainingBoard/projection.js';
import { bargainingBoardReport } from '../bargainingBoard/report.js';
import { erFunnelProjection } from '../erFunnel/projection.js';
import { erFunnelReport } from '../erFunnel/report.js';
import type { BoardReportInput } from '../html/input.js';
import { ecpsLog, projectEcps, specStamp } from './ecpsLog.js';

export const HOSTILE_TEXT = `<script>alert("x")</script> & 'quoted' </svg><img src=x onerror=alert(1)>`;

export const ecpsBoardReportInput = async (): Promise<BoardReportInput> => {
  const events = ecpsLog();
  const bargaining = await projectEcps(bargainingBoardProjection, events);
  const arbitration = await projectEcps(arbitrationProjection, events);
  const funnel = await projectEcps(erFunnelProjection, events);
  const stamp = specStamp(bargaining.log);
  return {
    title: 'Example County Public Schools — Labor relations report to the Board, June 2026',
    stamp,
    openCasesByArticle: [
      { articleLabel: 'ECEA Art. 19 Assignments/Transfers', count: 1 },
      { articleLabel: 'ECEA Art. 12 Planning Time', count: 0 },
      { articleLabel: 'ECSSU Art. 8 Overtime', count: 0 },
    ],
    resolutionTrend: [
      { period: '2025-12', medianCalendarDays: 8, medianContractDays: 6 },
      { period: '2026-01', medianCalendarDays: 95, medianContractDays: 41 },
      { period: '2026-02', medianCalendarDays: 38, medianContractDays: 21 },
      { period: '2026-03', medianCalendarDays: 26, medianContractDays: 17 },
      { period: '2026-04', medianCalendarDays: null, medianContractDays: null },
      { period: '2026-05', medianCalendarDays: 96, medianContractDays: 63 },
    ],
    complianceByParty: [
      { party: 'management', met: 14, missed: 1, extended: 0, tolled: 0 },
      { party: 'grievant', met: 7, missed: 1, extended: 0, tolled: 0 },
      { party: 'association', met: 1, missed: 0, extended: 0, tolled: 0 },
      { party: 'arbitrator', met: 1, missed: 0, extended: 0, tolled: 0 },
    ],
    bargaining: (await bargainingBoardReport(bargaining.options)).cycles,
    arbitration: [...(await arbitrationReport(arbitration.options)).byUnit, (await arbitrationReport(arbitration.options)).total],
    erFunnel: (await erFunnelReport(funnel.options)).stages,
  };
};
