/**
 * Report 2, time to resolution, from the `time_to_resolution` read model: for each resolved grievance its
 * calendar days (filing to closure) and contract days (the days its procedure counts after the filing date
 * through the closing date, on the district calendar as it stands), and per article, unit and school year of
 * filing the count, median and 90th percentile of both; the step at resolution; the outcome mix.
 */
import type { DayType } from '@laborcase/domain/calendar';
import type { Row } from '../../tables.js';
import { byText, groupBy, keyOf, median, percentile, ratio } from '../grievances/aggregate.js';
import { DistrictCalendars, countedDays } from '../grievances/calendars.js';
import { integer, optionalText, text } from '../grievances/facts.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { timeToResolutionProjection } from './projection.js';
import { resolutionRows } from './rows.js';

export interface ResolvedCaseRow {
  readonly grievanceId: string;
  readonly unitId: string;
  readonly editionId: string;
  readonly articleKey: string;
  readonly articleNumber: string;
  readonly articleTitle: string;
  readonly filedSchoolYear: string;
  readonly filedOn: string;
  readonly closedOn: string;
  readonly outcome: string;
  /** The step id the case ended at, or `arbitration`. */
  readonly resolvedAt: string;
  readonly resolvedLevel: number;
  readonly calendarDays: number;
  /** null when the district calendars in the log do not cover the span. */
  readonly contractDays: number | null;
  /** How the procedure counts: `school`, `working`, `calendar`, or `school/working` (working days in summer). */
  readonly contractDayType: string;
}

/** Count, median and 90th percentile (nearest rank) of both day counts; contract days over the cases that have one. */
export interface DurationFigures {
  readonly count: number;
  readonly medianCalendarDays: number | null;
  readonly p90CalendarDays: number | null;
  readonly medianContractDays: number | null;
  readonly p90ContractDays: number | null;
}

export interface ResolutionByArticleRow extends DurationFigures {
  readonly unitId: string;
  readonly editionId: string;
  readonly articleKey: string;
  readonly articleNumber: string;
  readonly articleTitle: string;
}

export interface ResolutionByUnitRow extends DurationFigures {
  readonly unitId: string;
}

export interface ResolutionByYearRow extends DurationFigures {
  readonly filedSchoolYear: string;
}

export interface ResolutionByStepRow {
  readonly unitId: string;
  readonly resolvedAt: string;
  readonly resolvedLevel: number;
  readonly count: number;
}

export interface OutcomeMixRow {
  readonly outcome: string;
  readonly count: number;
  /** Of all resolved grievances, 4 decimals. */
  readonly share: number | null;
}

export interface TimeToResolutionReport {
  readonly stamp: ReportStamp;
  readonly overall: DurationFigures;
  readonly cases: readonly ResolvedCaseRow[];
  readonly byArticle: readonly ResolutionByArticleRow[];
  readonly byUnit: readonly ResolutionByUnitRow[];
  readonly byYear: readonly ResolutionByYearRow[];
  readonly byStep: readonly ResolutionByStepRow[];
  readonly outcomeMix: readonly OutcomeMixRow[];
}

const figures = (cases: readonly ResolvedCaseRow[]): DurationFigures => {
  const calendar = cases.map((c) => c.calendarDays);
  const contract = cases.flatMap((c) => (c.contractDays === null ? [] : [c.contractDays]));
  return {
    count: cases.length,
    medianCalendarDays: median(calendar),
    p90CalendarDays: percentile(calendar, 90),
    medianContractDays: median(contract),
    p90ContractDays: percentile(contract, 90),
  };
};

const resolvedCase = (row: Row, calendars: DistrictCalendars): ResolvedCaseRow => {
  const dayType = text(row, 'day_type') as DayType;
  const summerDayType = optionalText(row, 'summer_day_type') as DayType | null;
  const calendarId = optionalText(row, 'calendar_id');
  const filedOn = text(row, 'filed_on');
  const closedOn = text(row, 'closed_on');
  const limit = { n: 0, dayType, ...(summerDayType === null ? {} : { summerDayType }) };
  return {
    grievanceId: text(row, 'grievance_id'),
    unitId: text(row, 'unit_id'),
    editionId: text(row, 'edition_id'),
    articleKey: text(row, 'article_key'),
    articleNumber: text(row, 'article_number'),
    articleTitle: text(row, 'article_title'),
    filedSchoolYear: text(row, 'filed_school_year'),
    filedOn,
    closedOn,
    outcome: text(row, 'outcome'),
    resolvedAt: text(row, 'resolved_at'),
    resolvedLevel: integer(row, 'resolved_level'),
    calendarDays: integer(row, 'calendar_days'),
    contractDays: calendarId === null ? null : countedDays(calendars.timelineOf(calendarId), filedOn, closedOn, limit),
    contractDayType: summerDayType === null || summerDayType === dayType ? dayType : `${dayType}/${summerDayType}`,
  };
};

/** The time-to-resolution figures of the grievance rows `resolutionRows` joins and the `calendars` rows. */
export const summariseTimeToResolution = (resolutions: readonly Row[], calendarRows: readonly Row[]): Omit<TimeToResolutionReport, 'stamp'> => {
  const calendars = new DistrictCalendars(calendarRows);
  const cases = resolutions.filter((r) => r['closed_on'] !== null).map((r) => resolvedCase(r, calendars));

  const byArticle = [...groupBy(cases, (c) => keyOf(c.unitId, c.editionId, c.articleKey)).values()]
    .map((group): ResolutionByArticleRow => {
      // The number and title of the most recent filing under this key: the edition in force most recently.
      const latest = [...group].sort((a, b) => byText(a.filedOn, b.filedOn) || byText(a.grievanceId, b.grievanceId)).at(-1) as ResolvedCaseRow;
      return { unitId: latest.unitId, editionId: latest.editionId, articleKey: latest.articleKey, articleNumber: latest.articleNumber, articleTitle: latest.articleTitle, ...figures(group) };
    })
    .sort((a, b) => byText(a.unitId, b.unitId) || byText(a.editionId, b.editionId) || byText(a.articleKey, b.articleKey));
  const byUnit = [...groupBy(cases, (c) => c.unitId).entries()].map(([unitId, group]): ResolutionByUnitRow => ({ unitId, ...figures(group) })).sort((a, b) => byText(a.unitId, b.unitId));
  const byYear = [...groupBy(cases, (c) => c.filedSchoolYear).entries()]
    .map(([filedSchoolYear, group]): ResolutionByYearRow => ({ filedSchoolYear, ...figures(group) }))
    .sort((a, b) => byText(a.filedSchoolYear, b.filedSchoolYear));
  const byStep = [...groupBy(cases, (c) => keyOf(c.unitId, c.resolvedAt)).values()]
    .map((group): ResolutionByStepRow => {
      const first = group[0] as ResolvedCaseRow;
      return { unitId: first.unitId, resolvedAt: first.resolvedAt, resolvedLevel: first.resolvedLevel, count: group.length };
    })
    .sort((a, b) => byText(a.unitId, b.unitId) || a.resolvedLevel - b.resolvedLevel);
  const outcomeMix = [...groupBy(cases, (c) => c.outcome).entries()]
    .map(([outcome, group]): OutcomeMixRow => ({ outcome, count: group.length, share: ratio(group.length, cases.length) }))
    .sort((a, b) => byText(a.outcome, b.outcome));
  const sortedCases = [...cases].sort((a, b) => byText(a.closedOn, b.closedOn) || byText(a.grievanceId, b.grievanceId));
  return { overall: figures(cases), cases: sortedCases, byArticle, byUnit, byYear, byStep, outcomeMix };
};

/** Report 2: time to resolution, live or as of the given axes. */
export const timeToResolutionReport = async (options: ReportOptions): Promise<TimeToResolutionReport> => {
  const source = await reportRows(timeToResolutionProjection, options);
  const tables = await allTables(timeToResolutionProjection, source);
  const summary = summariseTimeToResolution(resolutionRows(tables), tables.calendars);
  return { stamp: source.stamp, ...summary };
};
