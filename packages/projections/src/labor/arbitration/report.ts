/**
 * The arbitration report: per unit and in total, how many grievances could go to arbitration, how many did
 * (the demand rate), how long demand → award took (calendar days), and the awards by outcome; plus one row per
 * demanded case.
 */
import { daysBetween } from '@laborcase/core';
import type { AwardDecision } from '@laborcase/domain/grievance';
import type { Row } from '../../tables.js';
import { median, rate } from '../grievances/aggregate.js';
import { allTables, reportRows, type ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { arbitrationProjection, arbitrationRows } from './projection.js';

export interface ArbitrationUnitRow {
  /** A bargaining unit id; null in the total row. */
  readonly unitId: string | null;
  readonly filed: number;
  /** Filed under a procedure with an arbitration step. */
  readonly arbitrable: number;
  readonly demanded: number;
  /** demanded / arbitrable, or null when nothing was arbitrable. */
  readonly demandRate: number | null;
  readonly awarded: number;
  /** Demanded, no award, not closed. */
  readonly pending: number;
  /** Demanded, then closed without an award (settled or withdrawn before the award). */
  readonly closedWithoutAward: number;
  readonly medianDaysDemandToAward: number | null;
  readonly awards: { readonly [Decision in AwardDecision]: number };
}

export interface ArbitrationCaseRow {
  readonly grievanceId: string;
  readonly unitId: string;
  readonly demandedOn: string;
  readonly binding: boolean;
  readonly arbitrator: string | null;
  readonly hearingClosedOn: string | null;
  readonly awardOn: string | null;
  readonly decision: AwardDecision | null;
  readonly remedy: string | null;
  /** Calendar days from the demand to the award, null while none. */
  readonly daysDemandToAward: number | null;
  readonly outcome: string | null;
}

export interface ArbitrationReport {
  readonly stamp: ReportStamp;
  /** One row per unit, by unit id. */
  readonly byUnit: readonly ArbitrationUnitRow[];
  readonly total: ArbitrationUnitRow;
  readonly cases: readonly ArbitrationCaseRow[];
}

const text = (row: Row, column: string): string | null => (typeof row[column] === 'string' ? (row[column] as string) : null);

const caseRow = (row: Row): ArbitrationCaseRow => {
  const demandedOn = row['demanded_on'] as string;
  const awardOn = text(row, 'award_on');
  return {
    grievanceId: row['grievance_id'] as string,
    unitId: row['unit_id'] as string,
    demandedOn,
    binding: row['binding'] === true,
    arbitrator: text(row, 'arbitrator'),
    hearingClosedOn: text(row, 'hearing_closed_on'),
    awardOn,
    decision: text(row, 'award_decision') as AwardDecision | null,
    remedy: text(row, 'remedy'),
    daysDemandToAward: awardOn === null ? null : daysBetween(demandedOn, awardOn),
    outcome: text(row, 'outcome'),
  };
};

const unitRow = (unitId: string | null, rows: readonly Row[], cases: readonly ArbitrationCaseRow[]): ArbitrationUnitRow => {
  const arbitrable = rows.filter((row) => row['arbitrable'] === true).length;
  const awarded = cases.filter((c) => c.awardOn !== null);
  const count = (decision: AwardDecision): number => awarded.filter((c) => c.decision === decision).length;
  return {
    unitId,
    filed: rows.length,
    arbitrable,
    demanded: cases.length,
    demandRate: rate(cases.length, arbitrable),
    awarded: awarded.length,
    pending: cases.filter((c) => c.awardOn === null && c.outcome === null).length,
    closedWithoutAward: cases.filter((c) => c.awardOn === null && c.outcome !== null).length,
    medianDaysDemandToAward: median(awarded.map((c) => c.daysDemandToAward as number)),
    awards: { sustained: count('sustained'), sustainedInPart: count('sustainedInPart'), denied: count('denied') },
  };
};

/** Report 5: arbitration, live or as of the given axes. */
export const arbitrationReport = async (options: ReportOptions): Promise<ArbitrationReport> => {
  const source = await reportRows(arbitrationProjection, options);
  const rows = arbitrationRows(await allTables(arbitrationProjection, source));
  const cases = rows.filter((row) => row['demanded_on'] !== null).map(caseRow);
  const units = [...new Set(rows.map((row) => row['unit_id'] as string))].sort();
  return {
    stamp: source.stamp,
    byUnit: units.map((unitId) => unitRow(unitId, rows.filter((row) => row['unit_id'] === unitId), cases.filter((c) => c.unitId === unitId))),
    total: unitRow(null, rows, cases),
    cases: [...cases].sort((a, b) => (a.demandedOn === b.demandedOn ? (a.grievanceId < b.grievanceId ? -1 : 1) : a.demandedOn < b.demandedOn ? -1 : 1)),
  };
};
