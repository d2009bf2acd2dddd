/**
 * The labor reports over HTTP: `GET /reports/{name}` as JSON (the whole report with its stamp) or CSV (one of
 * its row lists, `?table=`), live or as of `asEffectiveOn` / `asKnownAt`. Each request builds the report's read
 * model from the log (see README: a deployment with many cases keeps them live with projection runners instead).
 */
import type { CodecRegistry, EventStore } from '@laborcase/core';
import { LABOR_READ_MODELS, toCsv, toJson, type LaborReadModel, type ReportOptions } from '@laborcase/projections/labor';
import { asOfAxes } from './caseView.js';
import { badRequest, notFound } from './problems.js';

export type ReportQuery = Readonly<Record<string, string | undefined>>;

const schoolDaysOf = (query: ReportQuery): number | undefined => {
  const raw = query['schoolDays'];
  if (raw === undefined) return undefined;
  const days = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= 366)) throw badRequest('schoolDays', 'must be a whole number of school days from 1 to 366');
  return days;
};

/** `openCases` → `open-cases`: the path segment of a read model's report, as `laborcase report` names it. */
const pathNameOf = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Every labor read model's report, by path name, from the library's one list: a new read model is served as it is added. */
export const REPORTS: Readonly<Record<string, LaborReadModel>> = Object.fromEntries(LABOR_READ_MODELS.map((model) => [pathNameOf(model.name), model]));

export interface RenderedReport {
  readonly contentType: string;
  readonly text: string;
}

const isCell = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * The row lists of a report CSV can write: its array-valued fields whose rows are flat (every value a cell), in the
 * order the report builds them. A list of nested rows (arbitration's outcomes with their awards) is JSON only.
 */
const rowListsOf = (report: object): Record<string, readonly object[]> =>
  Object.fromEntries(
    Object.entries(report).filter(
      (entry): entry is [string, object[]] =>
        Array.isArray(entry[1]) && entry[1].every((row: unknown) => typeof row === 'object' && row !== null && Object.values(row).every(isCell)),
    ),
  );

export interface ReportContext {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly clock: () => Date;
  /** The district's business date today (for article titles and the upcoming-deadlines window). */
  readonly today: () => string;
}

export const renderReport = async (context: ReportContext, name: string, query: ReportQuery): Promise<RenderedReport> => {
  const build = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined;
  if (build === undefined) throw notFound('UnknownReport', `no report ${JSON.stringify(name)}; the reports are ${Object.keys(REPORTS).join(', ')}`);
  const format = query['format'] ?? 'json';
  if (format !== 'json' && format !== 'csv') throw badRequest('format', 'must be json or csv');
  const axes = asOfAxes(query);
  const options: ReportOptions = { eventStore: context.eventStore, registry: context.registry, clock: context.clock, ...(axes === undefined ? {} : { asOf: axes }) };
  const schoolDays = schoolDaysOf(query);
  const report = await build.report({ ...options, today: axes?.effectiveOn ?? context.today(), ...(schoolDays === undefined ? {} : { schoolDays }) });
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', text: toJson(report) };
  const lists = rowListsOf(report);
  const table = query['table'] ?? Object.keys(lists)[0];
  const rows = table !== undefined && Object.hasOwn(lists, table) ? lists[table] : undefined;
  if (table === undefined || rows === undefined) throw badRequest('table', `must be one of ${Object.keys(lists).join(', ')}`);
  return { contentType: 'text/csv; charset=utf-8', text: toCsv(rows) };
};
