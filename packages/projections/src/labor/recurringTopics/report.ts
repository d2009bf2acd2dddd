/**
 * Report 6, recurring topics, from the `recurring_topics` read model: grievances filed per article (unit +
 * stable article key, so a renumbered article stays one topic) per school year, for every school year from the
 * first to the last with a filing, with the change from the year before (count and percent) — the structural,
 * recurring topics an office reports to its board. Each row shows the edition, number and title the article
 * had in that year's most recent filing (or the last one before, in a year without filings).
 */
import { shiftSchoolYear } from '@laborcase/domain/calendar';
import type { Row } from '../../tables.js';
import { byText, groupBy, keyOf } from '../grievances/aggregate.js';
import { text } from '../grievances/facts.js';
import { reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { recurringTopicsProjection } from './projection.js';

export interface RecurringTopicRow {
  readonly unitId: string;
  readonly articleKey: string;
  readonly schoolYear: string;
  readonly editionId: string;
  readonly articleNumber: string;
  readonly articleTitle: string;
  readonly filed: number;
  /** `filed` minus the year before's; null for the first year reported. */
  readonly change: number | null;
  /** The change in percent of the year before (1 decimal); null for the first year or after a year with none. */
  readonly changePercent: number | null;
}

export interface RecurringTopicsReport {
  readonly stamp: ReportStamp;
  readonly schoolYears: readonly string[];
  readonly rows: readonly RecurringTopicRow[];
}

/** The recurring-topic figures of the `filings` rows. */
export const summariseRecurringTopics = (filings: readonly Row[]): Omit<RecurringTopicsReport, 'stamp'> => {
  const years = filings.map((r) => text(r, 'filed_school_year')).sort(byText);
  const first = years[0];
  const last = years[years.length - 1];
  const schoolYears: string[] = [];
  for (let year = first; year !== undefined && last !== undefined && year <= last; year = shiftSchoolYear(year, 1)) schoolYears.push(year);
  const rows: RecurringTopicRow[] = [];
  for (const group of groupBy(filings, (r) => keyOf(text(r, 'unit_id'), text(r, 'article_key'))).values()) {
    const chronological = [...group].sort((a, b) => byText(text(a, 'filed_on'), text(b, 'filed_on')) || byText(text(a, 'grievance_id'), text(b, 'grievance_id')));
    let previous: number | null = null;
    for (const schoolYear of schoolYears) {
      const upToYear = chronological.filter((r) => text(r, 'filed_school_year') <= schoolYear);
      const latest = upToYear.at(-1);
      if (latest === undefined) continue;
      const filed = upToYear.filter((r) => text(r, 'filed_school_year') === schoolYear).length;
      rows.push({
        unitId: text(latest, 'unit_id'),
        articleKey: text(latest, 'article_key'),
        schoolYear,
        editionId: text(latest, 'edition_id'),
        articleNumber: text(latest, 'article_number'),
        articleTitle: text(latest, 'article_title'),
        filed,
        change: previous === null ? null : filed - previous,
        changePercent: previous === null || previous === 0 ? null : Math.round(((filed - previous) / previous) * 1000) / 10,
      });
      previous = filed;
    }
  }
  rows.sort((a, b) => byText(a.unitId, b.unitId) || byText(a.articleKey, b.articleKey) || byText(a.schoolYear, b.schoolYear));
  return { schoolYears, rows };
};

/** Report 6: recurring topics, live or as of the given axes. */
export const recurringTopicsReport = async (options: ReportOptions): Promise<RecurringTopicsReport> => {
  const source = await reportRows(recurringTopicsProjection, options);
  return { stamp: source.stamp, ...summariseRecurringTopics(await source.rows('filings')) };
};
