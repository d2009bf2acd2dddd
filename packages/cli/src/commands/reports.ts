/**
 * `laborcase report <name>` and `laborcase deadlines`: the read models at `@laborcase/projections/labor`, built from
 * the log (live, or as of either axis) and written as JSON (the whole report with its stamp) or CSV (one of its
 * row lists, `--table`).
 */
import type { CodecRegistry, EventStore } from '@laborcase/core';
import {
  LABOR_READ_MODELS,
  boardReport,
  toCsv,
  toJson,
  type ReportOptions,
  type UpcomingDeadlineRow,
  type UpcomingDeadlinesReport,
} from '@laborcase/projections/labor';
import { usageError } from '../errors.js';
import type { AsOfAxes } from '../options.js';

interface ReportInput {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly axes: AsOfAxes;
  readonly clock: () => Date;
  /** The report's date, for reports that take one (default: the clock's date). */
  readonly today?: string;
  readonly schoolDays?: number;
}

export type ReportFormat = 'csv' | 'json' | 'html';

interface ReportDefinition {
  readonly description: string;
  /** The row lists CSV can write, the default first. */
  readonly tables: readonly string[];
  /** The formats it can be written in (default JSON and CSV). */
  readonly formats?: readonly ReportFormat[];
  readonly build: (input: ReportInput) => Promise<object>;
}

const optionsOf = (input: ReportInput): ReportOptions => ({
  eventStore: input.eventStore,
  registry: input.registry,
  clock: input.clock,
  ...(input.axes.effectiveOn === undefined && input.axes.knownAt === undefined ? {} : { asOf: input.axes }),
});

/** A read model's report from the library's one list (`LABOR_READ_MODELS`), which fills in `today` and `schoolDays`. */
const readModel =
  (name: (typeof LABOR_READ_MODELS)[number]['name']) =>
  (input: ReportInput): Promise<object> => {
    const model = LABOR_READ_MODELS.find((candidate) => candidate.name === name);
    if (model === undefined) throw new Error(`no read model ${name} in LABOR_READ_MODELS`);
    return model.report({
      ...optionsOf(input),
      ...(input.today === undefined ? {} : { today: input.today }),
      ...(input.schoolDays === undefined ? {} : { schoolDays: input.schoolDays }),
    });
  };

const todayOf = (input: ReportInput): string => input.today ?? input.axes.effectiveOn ?? input.clock().toISOString().slice(0, 10);

export const REPORTS: Readonly<Record<string, ReportDefinition>> = {
  'open-cases': {
    description: 'open grievances by article, unit, school, step and grievant kind',
    tables: ['byArticle', 'cases', 'byUnit', 'bySchool', 'byStep', 'byGrievantKind'],
    build: readModel('openCases'),
  },
  'time-to-resolution': {
    description: 'calendar and contract days to resolution: median, p90, by article, unit, year, step; outcome mix',
    tables: ['byArticle', 'cases', 'byUnit', 'byYear', 'byStep', 'outcomeMix'],
    build: readModel('timeToResolution'),
  },
  'deadline-compliance': {
    description: 'deadlines met, missed, extended, tolled by party, step and unit; answer-overdue rate; share resolved without a third party',
    tables: ['byParty', 'byUnit', 'byStep', 'answerOverdue', 'withoutThirdParty'],
    build: readModel('deadlineCompliance'),
  },
  'upcoming-deadlines': {
    description: 'open deadlines due in the next N school days, and overdue ones, with who owes them',
    tables: ['upcoming', 'overdue'],
    build: readModel('upcomingDeadlines'),
  },
  'recurring-topics': {
    description: 'grievances per article per school year, with the year-over-year change',
    tables: ['rows'],
    build: readModel('recurringTopics'),
  },
  arbitration: {
    description: 'arbitration demand rate, days from demand to award, awards by outcome, by unit',
    tables: ['byUnit', 'cases'],
    build: readModel('arbitration'),
  },
  'bargaining-board': {
    description: "per bargaining cycle: article status, each side's latest position and costing, package totals, milestones",
    tables: ['cycles'],
    build: readModel('bargainingBoard'),
  },
  'er-funnel': {
    description: 'employee-relations cases stage by stage (received to grievance filed), days per stage, anonymity rate',
    tables: ['stages'],
    build: readModel('erFunnel'),
  },
  board: {
    description: 'the monthly report to the Board: one self-contained HTML page (charts and tables), --format html',
    tables: [],
    formats: ['html'],
    build: (input) => boardReport({ ...optionsOf(input), title: 'Labor relations: report to the Board', today: todayOf(input) }),
  },
};

export const reportNamed = (name: string): ReportDefinition => {
  const definition = REPORTS[name];
  if (definition === undefined) throw usageError('<name>', `unknown report ${JSON.stringify(name)}; one of ${Object.keys(REPORTS).join(', ')}`);
  return definition;
};

export const renderReport = (definition: ReportDefinition, report: object, format: ReportFormat, table: string | undefined): string => {
  const formats = definition.formats ?? ['json', 'csv'];
  if (!formats.includes(format)) throw usageError('--format', `this report is written as ${formats.join(' or ')}, not ${format}`);
  if (format === 'html') return (report as { readonly html: string }).html;
  if (format === 'json') return toJson(report);
  const chosen = table ?? definition.tables[0] ?? '';
  if (!definition.tables.includes(chosen)) throw usageError('--table', `must be one of ${definition.tables.join(', ')}, got ${JSON.stringify(chosen)}`);
  const rows = (report as Record<string, unknown>)[chosen];
  return toCsv(Array.isArray(rows) ? (rows as object[]) : []);
};

const deadlineLine = (row: UpcomingDeadlineRow): string =>
  `  ${row.dueOn}  ${row.grievanceId}  ${row.deadlineId}  ${row.kind} at ${row.stepId}: owed by ${row.party} (hearer ${row.hearer}), ${row.firmness}${row.schoolDaysLeft === null ? '' : `, ${row.schoolDaysLeft} school day(s) left`}`;

export const renderDeadlines = (report: UpcomingDeadlinesReport): string =>
  [
    `deadlines as of ${report.today}, next ${report.schoolDays} school day(s) (log position ${String(report.stamp.position)}):`,
    `overdue (${report.overdue.length}):`,
    ...report.overdue.map(deadlineLine),
    `upcoming (${report.upcoming.length}):`,
    ...report.upcoming.map(deadlineLine),
    '',
  ].join('\n');
