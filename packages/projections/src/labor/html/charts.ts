/**
 * The report's charts as Vega-Lite specs, rendered to SVG on the server (`vega.View#toSVG`, no canvas, no
 * network: the data is inlined in the spec and no loader is used), so the HTML needs no script at view time.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ComplianceByPartyDatum, OpenCasesByArticleDatum, ResolutionTrendDatum } from './input.js';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const config = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12 } };

/** Render a Vega-Lite spec to an SVG string. */
export const renderSvg = async (spec: TopLevelSpec): Promise<string> => {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
};

export const openCasesChart = (data: readonly OpenCasesByArticleDatum[]): TopLevelSpec => ({
  description: 'Open grievances by article',
  width: 520,
  height: { step: 22 },
  config,
  data: { values: data.map((d) => ({ article: d.articleLabel, count: d.count })) },
  mark: { type: 'bar', color: '#3b6ea8' },
  encoding: {
    y: { field: 'article', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 400 } },
    x: { field: 'count', type: 'quantitative', title: 'Open cases', axis: { tickMinStep: 1, format: 'd' } },
  },
});

export const resolutionTrendChart = (data: readonly ResolutionTrendDatum[]): TopLevelSpec => ({
  description: 'Median time to resolution',
  width: 520,
  height: 220,
  config,
  data: {
    values: data.flatMap((d) => [
      ...(d.medianCalendarDays === null ? [] : [{ period: d.period, days: d.medianCalendarDays, measure: 'calendar days' }]),
      ...(d.medianContractDays === null ? [] : [{ period: d.period, days: d.medianContractDays, measure: 'contract days' }]),
    ]),
  },
  mark: { type: 'line', point: true },
  encoding: {
    x: { field: 'period', type: 'ordinal', sort: data.map((d) => d.period), title: null },
    y: { field: 'days', type: 'quantitative', title: 'Median days to resolution' },
    color: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['calendar days', 'contract days'], range: ['#3b6ea8', '#d9822b'] } },
  },
});

const OUTCOMES = ['met', 'extended', 'tolled', 'missed'] as const;

export const complianceChart = (data: readonly ComplianceByPartyDatum[]): TopLevelSpec => ({
  description: 'Deadline compliance by party',
  width: 520,
  height: { step: 30 },
  config,
  data: { values: data.flatMap((d) => OUTCOMES.map((outcome, order) => ({ party: d.party, outcome, order, count: d[outcome] }))) },
  mark: 'bar',
  encoding: {
    y: { field: 'party', type: 'nominal', sort: data.map((d) => d.party), title: null },
    x: { field: 'count', type: 'quantitative', stack: 'zero', title: 'Deadlines', axis: { tickMinStep: 1, format: 'd' } },
    color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: [...OUTCOMES], range: ['#4c9a5f', '#8fb3d9', '#b9a3d6', '#c8553d'] } },
    order: { field: 'order', type: 'quantitative' },
  },
});
