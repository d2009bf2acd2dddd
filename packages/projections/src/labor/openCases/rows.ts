/**
 * The open-cases tables joined into what the report counts: one row per open grievance (its filing columns,
 * `open` or `inAbeyance`, its stage, step, step level and hearer) in grievance-id order, and one row per school
 * an open grievance names.
 */
import type { Row } from '../../tables.js';
import { byText } from '../grievances/aggregate.js';
import { hearerOf, idsOf, levelOf, text } from '../grievances/facts.js';
import type { OpenCasesTable } from './projection.js';

export type OpenCasesTables = { readonly [Table in OpenCasesTable]: readonly Row[] };

interface LadderStep {
  readonly id: string;
  readonly level: number;
  readonly hearer: string;
}

export const openCaseRows = (tables: OpenCasesTables): { readonly cases: Row[]; readonly schools: Row[] } => {
  const positions = new Map(tables.positions.map((row) => [text(row, 'stream_id'), row]));
  const inAbeyance = new Set(tables.abeyances.map((row) => text(row, 'stream_id')));
  const cases: Row[] = [];
  const schools: Row[] = [];
  for (const { entry_step_id: entryStepId, ladder, school_ids: schoolIds, ...filing } of tables.cases) {
    const streamId = text(filing, 'stream_id');
    const position = positions.get(streamId);
    const stepId = position === undefined ? (entryStepId as string) : text(position, 'step_id');
    const steps = ladder as unknown as readonly LadderStep[];
    cases.push({
      ...filing,
      status: inAbeyance.has(streamId) ? 'inAbeyance' : 'open',
      stage: position === undefined ? 'step' : text(position, 'stage'),
      step_id: stepId,
      step_level: levelOf(steps, stepId),
      hearer: hearerOf(steps, stepId),
      ladder: ladder ?? null,
      school_ids: schoolIds ?? null,
    });
    for (const schoolId of idsOf(schoolIds)) schools.push({ grievance_id: text(filing, 'grievance_id'), school_id: schoolId, stream_id: streamId });
  }
  const byGrievance = (a: Row, b: Row): number => byText(text(a, 'grievance_id'), text(b, 'grievance_id'));
  return { cases: cases.sort(byGrievance), schools: schools.sort((a, b) => byGrievance(a, b) || byText(text(a, 'school_id'), text(b, 'school_id'))) };
};
