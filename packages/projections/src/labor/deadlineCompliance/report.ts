/**
 * Report 3, deadline compliance, from the `deadline_compliance` read model: per party (grievant, association,
 * management, arbitrator) the deadlines met, missed, still open, tolled, moot (the grievance closed first), and
 * how many were extended by mutual agreement or ever tolled; the same per unit and per unit and step;
 * management's answer-overdue rate (answer deadlines missed of those that fell due, i.e. met or missed); and the
 * share of resolved grievances that never reached a third party (no arbitration demanded), the measure public
 * employers publish.
 */
import type { Row } from '../../tables.js';
import { byText, groupBy, keyOf, ratio } from '../grievances/aggregate.js';
import { flag, optionalText, text } from '../grievances/facts.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { deadlineComplianceProjection } from './projection.js';
import { complianceRows } from './rows.js';

export interface ComplianceCounts {
  readonly scheduled: number;
  readonly met: number;
  readonly missed: number;
  readonly open: number;
  /** Tolled now (in abeyance). */
  readonly tolled: number;
  readonly moot: number;
  /** Extended by written mutual agreement (whatever happened next). */
  readonly extended: number;
  /** Tolled at some point (whatever happened next). */
  readonly everTolled: number;
  /** met / (met + missed), 4 decimals; null when none fell due. */
  readonly onTimeRate: number | null;
}

export interface ComplianceByPartyRow extends ComplianceCounts {
  readonly party: string;
}

export interface ComplianceByUnitRow extends ComplianceCounts {
  readonly unitId: string;
  readonly party: string;
}

export interface ComplianceByStepRow extends ComplianceCounts {
  readonly unitId: string;
  readonly stepId: string;
  readonly party: string;
}

export interface AnswerOverdueRow {
  readonly unitId: string | null;
  /** Management answer deadlines that fell due (met or missed). */
  readonly answersDue: number;
  readonly answersOverdue: number;
  readonly overdueRate: number | null;
}

export interface ThirdPartyRow {
  readonly unitId: string | null;
  readonly resolved: number;
  readonly withoutThirdParty: number;
  readonly share: number | null;
}

export interface DeadlineComplianceReport {
  readonly stamp: ReportStamp;
  readonly byParty: readonly ComplianceByPartyRow[];
  readonly byUnit: readonly ComplianceByUnitRow[];
  readonly byStep: readonly ComplianceByStepRow[];
  /** Overall first (`unitId: null`), then per unit. */
  readonly answerOverdue: readonly AnswerOverdueRow[];
  /** Overall first (`unitId: null`), then per unit. */
  readonly withoutThirdParty: readonly ThirdPartyRow[];
}

const counts = (rows: readonly Row[]): ComplianceCounts => {
  const status = (s: string): number => rows.filter((r) => text(r, 'status') === s).length;
  const met = status('met');
  const missed = status('missed');
  return {
    scheduled: rows.length,
    met,
    missed,
    open: status('open'),
    tolled: status('tolled'),
    moot: status('moot'),
    extended: rows.filter((r) => flag(r, 'extended')).length,
    everTolled: rows.filter((r) => flag(r, 'tolled')).length,
    onTimeRate: ratio(met, met + missed),
  };
};

const answerOverdue = (unitId: string | null, deadlines: readonly Row[]): AnswerOverdueRow => {
  const due = deadlines.filter((r) => text(r, 'kind') === 'answer' && text(r, 'party') === 'management' && ['met', 'missed'].includes(text(r, 'status')));
  const overdue = due.filter((r) => text(r, 'status') === 'missed').length;
  return { unitId, answersDue: due.length, answersOverdue: overdue, overdueRate: ratio(overdue, due.length) };
};

const thirdParty = (unitId: string | null, cases: readonly Row[]): ThirdPartyRow => {
  const resolved = cases.filter((r) => optionalText(r, 'closed_on') !== null);
  const without = resolved.filter((r) => !flag(r, 'third_party')).length;
  return { unitId, resolved: resolved.length, withoutThirdParty: without, share: ratio(without, resolved.length) };
};

/** The compliance figures of the deadline and grievance rows `complianceRows` joins from the read model's tables. */
export const summariseDeadlineCompliance = (deadlines: readonly Row[], cases: readonly Row[]): Omit<DeadlineComplianceReport, 'stamp'> => {
  const byParty = [...groupBy(deadlines, (r) => text(r, 'party')).entries()].map(([party, group]): ComplianceByPartyRow => ({ party, ...counts(group) })).sort((a, b) => byText(a.party, b.party));
  const byUnit = [...groupBy(deadlines, (r) => keyOf(text(r, 'unit_id'), text(r, 'party'))).values()]
    .map((group): ComplianceByUnitRow => ({ unitId: text(group[0] as Row, 'unit_id'), party: text(group[0] as Row, 'party'), ...counts(group) }))
    .sort((a, b) => byText(a.unitId, b.unitId) || byText(a.party, b.party));
  const byStep = [...groupBy(deadlines, (r) => keyOf(text(r, 'unit_id'), text(r, 'step_id'), text(r, 'party'))).values()]
    .map((group): ComplianceByStepRow => {
      const first = group[0] as Row;
      return { unitId: text(first, 'unit_id'), stepId: text(first, 'step_id'), party: text(first, 'party'), ...counts(group) };
    })
    .sort((a, b) => byText(a.unitId, b.unitId) || byText(a.stepId, b.stepId) || byText(a.party, b.party));
  const units = [...new Set([...deadlines, ...cases].map((r) => text(r, 'unit_id')))].sort(byText);
  return {
    byParty,
    byUnit,
    byStep,
    answerOverdue: [answerOverdue(null, deadlines), ...units.map((unit) => answerOverdue(unit, deadlines.filter((r) => text(r, 'unit_id') === unit)))],
    withoutThirdParty: [thirdParty(null, cases), ...units.map((unit) => thirdParty(unit, cases.filter((r) => text(r, 'unit_id') === unit)))],
  };
};

/** Report 3: deadline compliance, live or as of the given axes. */
export const deadlineComplianceReport = async (options: ReportOptions): Promise<DeadlineComplianceReport> => {
  const source = await reportRows(deadlineComplianceProjection, options);
  const { deadlines, cases } = complianceRows(await allTables(deadlineComplianceProjection, source));
  const summary = summariseDeadlineCompliance(deadlines, cases);
  return { stamp: source.stamp, ...summary };
};
