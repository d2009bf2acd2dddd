/**
 * The office's monthly report to the board as one self-contained HTML file: the charts are inline SVG rendered
 * here with Vega-Lite, the tables plain HTML, the style inline; no script, no external resource. The report's
 * stamp (global position, head hash, as-of axes, generation time) is printed so the figures can be rebuilt.
 */
import type { ArbitrationUnitRow } from '../arbitration/report.js';
import type { BargainingCycleRow, BargainingMilestones, BargainingPosition, BargainingTentativeAgreement } from '../bargainingBoard/report.js';
import type { ArticleStatus } from '../bargainingBoard/projection.js';
import type { FunnelStageRow } from '../erFunnel/report.js';
import type { ReportStamp } from '../stamp.js';
import { complianceChart, openCasesChart, renderSvg, resolutionTrendChart } from './charts.js';
import { escapeHtml as esc } from './escape.js';
import type { BoardReportInput } from './input.js';
import { checkBoardReportInput } from './validate.js';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2733; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { border-bottom: 2px solid #3b6ea8; padding-bottom: .2rem; margin-top: 2.2rem; }
dl.stamp { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .85rem; color: #4a5866; }
dl.stamp dt { font-weight: 600; } code { font-size: .85em; word-break: break-all; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.5rem; font-size: .9rem; }
th, td { border: 1px solid #cfd8e3; padding: .35rem .5rem; text-align: left; vertical-align: top; } th { background: #eef3f9; }
td.num { text-align: right; white-space: nowrap; } .muted { color: #6b7785; } .status { font-weight: 600; white-space: nowrap; }
.status-tentativelyAgreed { color: #2f7a45; } .status-reopened { color: #b4541f; } .status-withdrawn { color: #6b7785; } .status-countered { color: #2b5d94; }
ul.milestones { columns: 2; font-size: .9rem; }
`;

const STATUS_LABELS: Readonly<Record<ArticleStatus, string>> = { open: 'Open', countered: 'Countered', tentativelyAgreed: "TA'd", withdrawn: 'Withdrawn', reopened: 'Reopened' };

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dollars = (cents: number | null): string => (cents === null ? '—' : money.format(cents / 100));
const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const orDash = (value: string | number | null | undefined): string => (value === null || value === undefined ? '—' : esc(String(value)));

const stampBlock = (stamp: ReportStamp): string => `
<dl class="stamp" id="stamp">
  <dt>Global position</dt><dd><code>${esc(stamp.position)}</code></dd>
  <dt>Head hash</dt><dd><code>${orDash(stamp.headHash)}</code></dd>
  <dt>As effective on</dt><dd>${stamp.asEffectiveOn === null ? 'all business dates' : esc(stamp.asEffectiveOn)}</dd>
  <dt>As known at</dt><dd>${stamp.asKnownAt === null ? 'everything recorded' : esc(stamp.asKnownAt)}</dd>
  <dt>Generated at</dt><dd>${esc(stamp.generatedAt)}</dd>
</dl>`;

const chart = (id: string, heading: string, svg: string, empty: boolean): string => `
<section id="${id}">
  <h2>${esc(heading)}</h2>
  ${empty ? '<p class="muted">Nothing to show for this period.</p>' : `<figure>${svg}</figure>`}
</section>`;

const positionCell = (position: BargainingPosition | null): string => {
  if (position === null) return '<td class="muted">—</td>';
  const costing = position.costing === null ? '' : `<br><span class="muted">costed ${esc(dollars(position.costing.delta))} (${esc(position.costing.fiscalYear)})</span>`;
  const withdrawn = position.withdrawn ? ' <span class="muted">(withdrawn)</span>' : '';
  return `<td>${esc(position.text)}${withdrawn}<br><span class="muted">${esc(position.on)}${position.proposalId === null ? '' : ` · ${esc(position.proposalId)}`}</span>${costing}</td>`;
};

const taCell = (ta: BargainingTentativeAgreement | null): string =>
  ta === null
    ? '<td class="muted">—</td>'
    : `<td>${esc(ta.text)}<br><span class="muted">${esc(ta.on)}</span>${ta.costing === null ? '' : `<br><span class="muted">costed ${esc(dollars(ta.costing.delta))}</span>`}</td>`;

const milestoneItems = (m: BargainingMilestones): string[] => {
  const items: [string, string | null][] = [
    ['Opened', m.openedOn],
    ['Impasse requested', m.impasseDeclaredOn],
    ['Impasse determined', m.impasseDeterminedOn === null ? null : `${m.impasseDeterminedOn}${m.impasseOutcome === null ? '' : ` (${m.impasseOutcome})`}`],
    ['Last best offers due', m.lastBestOffersDueOn],
    ['Mediator due', m.mediatorSelectionDueOn],
    ['Mediator selected', m.mediatorSelectedOn === null ? null : `${m.mediatorSelectedOn}${m.mediator === null ? '' : ` — ${m.mediator}`}`],
    ['Mediation due to start', m.mediationStartDueOn],
    ['Mediation started', m.mediationStartedOn],
    ['Union LBO', m.unionLastBestOfferOn],
    ['Board LBO', m.boardLastBestOfferOn],
    ['Tentative settlement', m.tentativeSettlementOn],
    ['Member vote', m.vote === null ? null : `${m.vote.on}: ${m.vote.ratified ? 'ratified' : 'rejected'} ${m.vote.yes.toLocaleString('en-US')}–${m.vote.no.toLocaleString('en-US')}`],
    ['Board approval', m.boardApprovedOn === null ? null : `${m.boardApprovedOn}${m.contingentOnFunding === true ? ' (contingent on funding)' : ''}`],
    [
      'Funding',
      m.funding === null
        ? null
        : `${m.funding.status}${m.funding.on === null ? '' : ` ${m.funding.on}`}: funded ${dollars(m.funding.fundedCents)} of ${dollars(m.funding.requiredCents)}${m.funding.shortfallCents === null ? '' : `; shortfall ${dollars(m.funding.shortfallCents)}`}`,
    ],
    ['Concluded', m.concludedOn === null ? null : `${m.concludedOn}${m.resultingEdition === null ? '' : ` → ${m.resultingEdition}`}`],
  ];
  return items.filter((item): item is [string, string] => item[1] !== null).map(([label, value]) => `<li><strong>${esc(label)}:</strong> ${esc(value)}</li>`);
};

const cycleBlock = (cycle: BargainingCycleRow): string => {
  const rows = cycle.articles.map((a) => {
    const label = a.articleNumber === null ? a.articleKey : `Art. ${a.articleNumber}${a.articleTitle === null ? '' : ` ${a.articleTitle}`}`;
    const status = a.status === null ? '—' : STATUS_LABELS[a.status] ?? a.status;
    return `<tr><th scope="row">${esc(label)}${a.atImpasse ? '<br><span class="muted">at impasse</span>' : ''}</th><td class="status status-${esc(a.status ?? 'none')}">${esc(status)}${a.statusOn === null ? '' : `<br><span class="muted">${esc(a.statusOn)}</span>`}</td>${positionCell(a.union)}${positionCell(a.board)}${taCell(a.tentativeAgreement)}</tr>`;
  });
  const totals = cycle.packageTotals;
  return `
  <h3>${esc(cycle.unitId.toUpperCase())} — ${esc(cycle.cycleId)} <span class="muted">(${esc(cycle.kind)}, from ${esc(cycle.agreementEdition)})</span></h3>
  <ul class="milestones">${milestoneItems(cycle.milestones).join('')}</ul>
  <table class="bargaining-board">
    <thead><tr><th>Article</th><th>Status</th><th>Union's latest position</th><th>Board's latest position</th><th>Tentative agreement</th></tr></thead>
    <tbody>${rows.join('')}</tbody>
    <tfoot><tr><th scope="row">Package (costed new money)</th><td></td><td class="num">${esc(dollars(totals.unionDeltaCents))}</td><td class="num">${esc(dollars(totals.boardDeltaCents))}</td><td class="num">${esc(dollars(totals.tentativelyAgreedDeltaCents))}</td></tr></tfoot>
  </table>`;
};

const arbitrationBlock = (rows: readonly ArbitrationUnitRow[]): string => `
<section id="arbitration">
  <h2>Arbitration</h2>
  <table><thead><tr><th>Unit</th><th>Filed</th><th>Arbitrable</th><th>Demanded</th><th>Demand rate</th><th>Awards</th><th>Pending</th><th>Median days demand → award</th><th>Sustained / in part / denied</th></tr></thead>
  <tbody>${rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.unitId === null ? 'All units' : r.unitId.toUpperCase())}</th><td class="num">${r.filed}</td><td class="num">${r.arbitrable}</td><td class="num">${r.demanded}</td><td class="num">${percent(r.demandRate)}</td><td class="num">${r.awarded}</td><td class="num">${r.pending}</td><td class="num">${orDash(r.medianDaysDemandToAward)}</td><td class="num">${r.awards.sustained} / ${r.awards.sustainedInPart} / ${r.awards.denied}</td></tr>`,
    )
    .join('')}</tbody></table>
</section>`;

const STAGE_LABELS: Readonly<Record<string, string>> = { received: 'Received', triaged: 'Triaged', investigated: 'Investigated', findings: 'Findings issued', discipline: 'Discipline', grievanceFiled: 'Grievance filed' };

const funnelBlock = (rows: readonly FunnelStageRow[]): string => `
<section id="er-funnel">
  <h2>Employee relations: complaints and investigations</h2>
  <table><thead><tr><th>Stage</th><th>Cases</th><th>Share of received</th><th>Median days from previous stage</th></tr></thead>
  <tbody>${rows
    .map((r) => `<tr><th scope="row">${esc(STAGE_LABELS[r.stage] ?? r.stage)}</th><td class="num">${r.cases}</td><td class="num">${percent(r.shareOfReceived)}</td><td class="num">${orDash(r.medianDaysFromPreviousStage)}</td></tr>`)
    .join('')}</tbody></table>
</section>`;

/** Render the board report. Throws `InvalidProjection` naming the field when the input is malformed. */
export const renderBoardReport = async (input: BoardReportInput): Promise<string> => {
  checkBoardReportInput(input);
  const [openCases, trend, compliance] = await Promise.all([
    renderSvg(openCasesChart(input.openCasesByArticle)),
    renderSvg(resolutionTrendChart(input.resolutionTrend)),
    renderSvg(complianceChart(input.complianceByParty)),
  ]);
  const trendEmpty = input.resolutionTrend.every((d) => d.medianCalendarDays === null && d.medianContractDays === null);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${esc(input.title)}</h1>
  ${stampBlock(input.stamp)}
</header>
<main>
${chart('open-cases', 'Open grievances by article', openCases, input.openCasesByArticle.length === 0)}
${chart('time-to-resolution', 'Time to resolution (median)', trend, trendEmpty)}
${chart('deadline-compliance', 'Deadline compliance by party', compliance, input.complianceByParty.length === 0)}
<section id="bargaining">
  <h2>Bargaining</h2>
  ${input.bargaining.length === 0 ? '<p class="muted">No bargaining cycle.</p>' : input.bargaining.map(cycleBlock).join('\n')}
</section>
${input.arbitration === undefined ? '' : arbitrationBlock(input.arbitration)}
${input.erFunnel === undefined ? '' : funnelBlock(input.erFunnel)}
</main>
<footer class="muted"><p>Built from the event log up to global position <code>${esc(input.stamp.position)}</code>; the same position, hash and axes rebuild the same figures.</p></footer>
</body>
</html>
`;
};
