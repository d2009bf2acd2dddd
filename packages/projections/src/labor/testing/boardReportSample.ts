/** The board report of the whole ECPS log, through `boardReport` (every figure from the real reports), for specs. */
import { boardReport, type BoardReport } from '../boardReport.js';
import { ecpsReportOptions } from './ecpsLog.js';

export const HOSTILE_TEXT = `<script>alert("x")</script> & 'quoted' </svg><img src=x onerror=alert(1)>`;

export const ECPS_BOARD_REPORT_TITLE = 'Example County Public Schools — Labor relations report to the Board, June 2026';

export const ecpsBoardReport = (): Promise<BoardReport> => boardReport({ ...ecpsReportOptions(), title: ECPS_BOARD_REPORT_TITLE });

/** What `ecpsBoardReport` renders. */
export const ecpsBoardReportInput = async (): Promise<BoardReport['input']> => (await ecpsBoardReport()).input;
