/**
 * The employee-relations funnel report: how many cases reached each stage, the median calendar days each stage
 * took from the one before, the findings by outcome (per case and per allegation), and the anonymity rate.
 */
import { daysBetween } from '@laborcase/core';
import type { FindingValue } from '@laborcase/domain/employee-relations';
import type { Row } from '../../tables.js';
import { median, rate } from '../grievances/aggregate.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { erCaseRows, erFunnelProjection } from './projection.js';

export type FunnelStage = 'received' | 'triaged' | 'investigated' | 'findings' | 'discipline' | 'grievanceFiled';
export const FUNNEL_STAGES: readonly FunnelStage[] = ['received', 'triaged', 'investigated', 'findings', 'discipline', 'grievanceFiled'];

/** A case's findings as a whole: all allegations substantiated, some, none (with or without inconclusive ones). */
export type CaseFindingsOutcome = 'substantiated' | 'substantiatedInPart' | 'unsubstantiated' | 'inconclusive';

export interface FunnelStageRow {
  readonly stage: FunnelStage;
  /** Cases that reached the stage. */
  readonly cases: number;
  /** cases / cases received (null when none were received). */
  readonly shareOfReceived: number | null;
  /** Median calendar days from the case's previous stage reached to this one (null for `received` or no case). */
  readonly medianDaysFromPreviousStage: number | null;
}

export interface ErFunnelReport {
  readonly stamp: ReportStamp;
  readonly stages: readonly FunnelStageRow[];
  readonly findingsByOutcome: { readonly [Outcome in CaseFindingsOutcome]: number };
  readonly allegationFindings: { readonly [Finding in FindingValue]: number };
  readonly anonymity: { readonly received: number; readonly anonymous: number; readonly rate: number | null };
}

const count = (row: Row, column: string): number => (typeof row[column] === 'number' ? (row[column] as number) : 0);

const outcomeOf = (row: Row): CaseFindingsOutcome => {
  const substantiated = count(row, 'substantiated');
  const all = substantiated + count(row, 'unsubstantiated') + count(row, 'inconclusive');
  if (substantiated > 0) return substantiated === all ? 'substantiated' : 'substantiatedInPart';
  return count(row, 'inconclusive') > 0 ? 'inconclusive' : 'unsubstantiated';
};

/** The date of each stage a case reached, the grievance stage from the first matching grievance. */
const stageDates = (row: Row, grievants: readonly Row[]): { readonly [Stage in FunnelStage]: string | null } => {
  const disciplineOn = row['discipline_on'] as string | null;
  const grievance =
    disciplineOn === null
      ? undefined
      : grievants
          .filter((g) => g['employee_id'] === row['disciplined_employee_id'] && g['unit_id'] === row['disciplined_unit_id'] && (g['occurred_on'] as string) >= disciplineOn)
          .sort((a, b) => ((a['filed_on'] as string) < (b['filed_on'] as string) ? -1 : 1))[0];
  return {
    received: row['received_on'] as string,
    triaged: row['triaged_on'] as string | null,
    investigated: row['investigated_on'] as string | null,
    findings: row['findings_on'] as string | null,
    discipline: disciplineOn,
    grievanceFiled: (grievance?.['filed_on'] as string | undefined) ?? null,
  };
};

/** Report 8: the employee-relations funnel, live or as of the given axes. */
export const erFunnelReport = async (options: ReportOptions): Promise<ErFunnelReport> => {
  const source = await reportRows(erFunnelProjection, options);
  const tables = await allTables(erFunnelProjection, source);
  const cases = erCaseRows(tables);
  const grievants = tables.grievants;
  const dated = cases.map((row) => stageDates(row, grievants));
  const stages = FUNNEL_STAGES.map((stage, index): FunnelStageRow => {
    const reached = dated.filter((dates) => dates[stage] !== null);
    const durations = reached.flatMap((dates) => {
      const previous = FUNNEL_STAGES.slice(0, index).map((s) => dates[s]).filter((d): d is string => d !== null).at(-1);
      return previous === undefined ? [] : [daysBetween(previous, dates[stage] as string)];
    });
    return { stage, cases: reached.length, shareOfReceived: rate(reached.length, cases.length), medianDaysFromPreviousStage: median(durations) };
  });
  const withFindings = cases.filter((row) => row['findings_on'] !== null);
  const outcomes = withFindings.map(outcomeOf);
  const outcomeCount = (outcome: CaseFindingsOutcome): number => outcomes.filter((o) => o === outcome).length;
  const allegations = (finding: FindingValue): number => withFindings.reduce((sum, row) => sum + count(row, finding), 0);
  const anonymous = cases.filter((row) => row['anonymous'] === true).length;
  return {
    stamp: source.stamp,
    stages,
    findingsByOutcome: {
      substantiated: outcomeCount('substantiated'),
      substantiatedInPart: outcomeCount('substantiatedInPart'),
      unsubstantiated: outcomeCount('unsubstantiated'),
      inconclusive: outcomeCount('inconclusive'),
    },
    allegationFindings: { substantiated: allegations('substantiated'), unsubstantiated: allegations('unsubstantiated'), inconclusive: allegations('inconclusive') },
    anonymity: { received: cases.length, anonymous, rate: rate(anonymous, cases.length) },
  };
};
