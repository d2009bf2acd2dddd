/**
 * Report 1, open cases, from the `open_cases` read model: counts by article (keyed by unit + edition + stable
 * article key, with the number and title in force on the report's date: `asOf.effectiveOn`, else `today`, else
 * as the most recent filing under the key cited it), unit, school, step and grievant kind, plus the open cases. A grievance is counted once
 * per breakdown (under the first article it cites) except by school, where a grievance naming three schools
 * counts at each and one naming none counts under `schoolId: null`.
 */
import { InvalidProjection } from '../../errors.js';
import { valueProblem, type Row } from '../../tables.js';
import { ArticleVersions } from '../grievances/articles.js';
import { byText, groupBy, keyOf } from '../grievances/aggregate.js';
import { integer, optionalText, text } from '../grievances/facts.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { openCasesProjection } from './projection.js';
import { openCaseRows } from './rows.js';

export interface OpenCaseRow {
  readonly grievanceId: string;
  readonly unitId: string;
  readonly editionId: string;
  readonly articleKey: string;
  readonly articleNumber: string;
  readonly articleTitle: string;
  readonly grievantKind: string;
  readonly status: string;
  readonly stepId: string;
  readonly hearer: string;
  readonly filedOn: string;
}

export interface OpenByArticleRow {
  readonly unitId: string;
  readonly editionId: string;
  readonly articleKey: string;
  /** As the edition in force on the report's date printed it (see the module comment). */
  readonly articleNumber: string;
  readonly articleTitle: string;
  readonly open: number;
  /** Of `open`, how many are in abeyance. */
  readonly inAbeyance: number;
}

export interface OpenByUnitRow {
  readonly unitId: string;
  readonly open: number;
  readonly inAbeyance: number;
}

export interface OpenBySchoolRow {
  /** null: the grievance names no school (e.g. a district-wide or individual grievance without one). */
  readonly schoolId: string | null;
  readonly open: number;
}

export interface OpenByStepRow {
  readonly unitId: string;
  readonly stepId: string;
  readonly level: number;
  readonly hearer: string;
  readonly open: number;
}

export interface OpenByGrievantKindRow {
  readonly grievantKind: string;
  readonly open: number;
}

export interface OpenCasesOptions extends ReportOptions {
  /** The report's business date (`YYYY-MM-DD`) for article numbers and titles when no `asOf.effectiveOn` is given. */
  readonly today?: string;
}

export interface OpenCasesReport {
  readonly stamp: ReportStamp;
  /** The date article numbers and titles are shown as of; null: as the filings cited them. */
  readonly articlesAsOf: string | null;
  readonly openGrievances: number;
  readonly cases: readonly OpenCaseRow[];
  readonly byArticle: readonly OpenByArticleRow[];
  readonly byUnit: readonly OpenByUnitRow[];
  readonly bySchool: readonly OpenBySchoolRow[];
  readonly byStep: readonly OpenByStepRow[];
  readonly byGrievantKind: readonly OpenByGrievantKindRow[];
}

const inAbeyance = (rows: readonly Row[]): number => rows.filter((r) => text(r, 'status') === 'inAbeyance').length;

/** The cited number and title of the case that occurred last (the edition in force most recently). */
const latestCitation = (rows: readonly Row[]): { number: string; title: string } => {
  const latest = [...rows].sort((a, b) => byText(text(a, 'occurred_on'), text(b, 'occurred_on')) || byText(text(a, 'grievance_id'), text(b, 'grievance_id'))).at(-1) as Row;
  return { number: text(latest, 'article_number'), title: text(latest, 'article_title') };
};

/** The open-cases figures of the case and school rows `openCaseRows` joins and the `articles` rows, article numbers as of `articlesAsOf`. */
export const summariseOpenCases = (cases: readonly Row[], schools: readonly Row[], articles: readonly Row[], articlesAsOf: string | null): Omit<OpenCasesReport, 'stamp'> => {
  const versions = new ArticleVersions(articles);
  const byArticle = [...groupBy(cases, (r) => keyOf(text(r, 'unit_id'), text(r, 'edition_id'), text(r, 'article_key'))).values()].map((group): OpenByArticleRow => {
    const first = group[0] as Row;
    const inForce = articlesAsOf === null ? undefined : versions.asOf(text(first, 'unit_id'), text(first, 'edition_id'), text(first, 'article_key'), articlesAsOf);
    const { number, title } = inForce ?? latestCitation(group);
    return {
      unitId: text(first, 'unit_id'),
      editionId: text(first, 'edition_id'),
      articleKey: text(first, 'article_key'),
      articleNumber: number,
      articleTitle: title,
      open: group.length,
      inAbeyance: inAbeyance(group),
    };
  });
  byArticle.sort((a, b) => byText(a.unitId, b.unitId) || byText(a.editionId, b.editionId) || byText(a.articleKey, b.articleKey));

  const byUnit = [...groupBy(cases, (r) => text(r, 'unit_id')).entries()]
    .map(([unitId, group]): OpenByUnitRow => ({ unitId, open: group.length, inAbeyance: inAbeyance(group) }))
    .sort((a, b) => byText(a.unitId, b.unitId));

  const openIds = new Set(cases.map((r) => text(r, 'grievance_id')));
  const schoolsOf = groupBy(schools.filter((r) => openIds.has(text(r, 'grievance_id'))), (r) => text(r, 'school_id'));
  const withSchool = new Set(schools.map((r) => text(r, 'grievance_id')));
  const withoutSchool = cases.filter((r) => !withSchool.has(text(r, 'grievance_id'))).length;
  const bySchool: OpenBySchoolRow[] = [...schoolsOf.entries()].map(([schoolId, group]) => ({ schoolId, open: group.length })).sort((a, b) => byText(a.schoolId, b.schoolId));
  if (withoutSchool > 0) bySchool.push({ schoolId: null, open: withoutSchool });

  const byStep = [...groupBy(cases, (r) => keyOf(text(r, 'unit_id'), text(r, 'step_id'))).values()]
    .map((group): OpenByStepRow => {
      const first = group[0] as Row;
      return { unitId: text(first, 'unit_id'), stepId: text(first, 'step_id'), level: integer(first, 'step_level'), hearer: text(first, 'hearer'), open: group.length };
    })
    .sort((a, b) => byText(a.unitId, b.unitId) || a.level - b.level || byText(a.stepId, b.stepId));

  const byGrievantKind = [...groupBy(cases, (r) => text(r, 'grievant_kind')).entries()]
    .map(([grievantKind, group]): OpenByGrievantKindRow => ({ grievantKind, open: group.length }))
    .sort((a, b) => byText(a.grievantKind, b.grievantKind));

  const rows = cases.map(
    (r): OpenCaseRow => ({
      grievanceId: text(r, 'grievance_id'),
      unitId: text(r, 'unit_id'),
      editionId: text(r, 'edition_id'),
      articleKey: text(r, 'article_key'),
      articleNumber: text(r, 'article_number'),
      articleTitle: text(r, 'article_title'),
      grievantKind: text(r, 'grievant_kind'),
      status: text(r, 'status'),
      stepId: text(r, 'step_id'),
      hearer: optionalText(r, 'hearer') ?? '',
      filedOn: text(r, 'filed_on'),
    }),
  );
  return { articlesAsOf, openGrievances: cases.length, cases: rows, byArticle, byUnit, bySchool, byStep, byGrievantKind };
};

/** Report 1: open cases, live or as of the given axes. */
export const openCasesReport = async (options: OpenCasesOptions): Promise<OpenCasesReport> => {
  if (options?.today !== undefined && (options.today === null || valueProblem('date', options.today) !== undefined)) {
    throw new InvalidProjection('today', `must be a date YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
  }
  const source = await reportRows(openCasesProjection, options);
  const articlesAsOf = options.asOf?.effectiveOn ?? options.today ?? null;
  const tables = await allTables(openCasesProjection, source);
  const { cases, schools } = openCaseRows(tables);
  const summary = summariseOpenCases(cases, schools, tables.articles, articlesAsOf);
  return { stamp: source.stamp, ...summary };
};
