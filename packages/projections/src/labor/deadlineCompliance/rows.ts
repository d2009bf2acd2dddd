/**
 * The deadline-compliance facts joined into what the report counts: one row per deadline (its grievance, unit,
 * current due date and status, met date, whether ever extended or tolled) and one per grievance (third party,
 * answers overdue, closure). A deadline still open or tolled when its grievance closed is `moot`; a deadline or
 * a later fact whose stream has no filing (outside an as-of window, say) is left out, as a handler reading the
 * filing's row would have skipped it.
 */
import { ARBITRATION_STAGE } from '@laborcase/domain/grievance';
import type { Row } from '../../tables.js';
import { optionalText, text } from '../grievances/facts.js';
import type { DeadlineComplianceTable } from './projection.js';

export type ComplianceTables = { readonly [Table in DeadlineComplianceTable]: readonly Row[] };

const byColumn = (rows: readonly Row[], column: string): Map<string, Row> => new Map(rows.map((row) => [text(row, column), row]));

export const complianceRows = (tables: ComplianceTables): { readonly deadlines: Row[]; readonly cases: Row[] } => {
  const states = byColumn(tables.deadline_states, 'deadline_id');
  const dueDates = byColumn(tables.due_dates, 'deadline_id');
  const marks = new Set(tables.deadline_marks.map((row) => `${text(row, 'mark')}:${text(row, 'deadline_id')}`));
  const closures = byColumn(tables.closures, 'stream_id');
  const overdue = new Map<string, number>();
  const demanded = new Set<string>();
  for (const row of tables.case_marks) {
    const streamId = text(row, 'stream_id');
    if (text(row, 'mark') === 'arbitrationDemanded') demanded.add(streamId);
    else overdue.set(streamId, (overdue.get(streamId) ?? 0) + 1);
  }
  const cases = tables.cases.map((row): Row => {
    const streamId = text(row, 'stream_id');
    const closure = closures.get(streamId);
    const resolvedAt = closure === undefined ? null : optionalText(closure, 'resolved_at');
    return {
      grievance_id: text(row, 'grievance_id'),
      stream_id: streamId,
      unit_id: text(row, 'unit_id'),
      third_party: demanded.has(streamId) || resolvedAt === ARBITRATION_STAGE,
      answers_overdue: overdue.get(streamId) ?? 0,
      closed_on: closure === undefined ? null : optionalText(closure, 'closed_on'),
      outcome: closure === undefined ? null : optionalText(closure, 'outcome'),
      resolved_at: resolvedAt,
    };
  });
  const caseOf = byColumn(cases, 'stream_id');
  const deadlines: Row[] = [];
  for (const row of tables.deadlines) {
    const streamId = text(row, 'stream_id');
    const grievance = caseOf.get(streamId);
    if (grievance === undefined) continue;
    const deadlineId = text(row, 'deadline_id');
    const state = states.get(deadlineId);
    const status = state === undefined ? 'open' : text(state, 'status');
    const running = status === 'open' || status === 'tolled';
    deadlines.push({
      deadline_id: deadlineId,
      grievance_id: grievance['grievance_id'] as string,
      stream_id: streamId,
      unit_id: grievance['unit_id'] as string,
      step_id: text(row, 'step_id'),
      kind: text(row, 'kind'),
      party: text(row, 'party'),
      due_on: optionalText(dueDates.get(deadlineId) ?? row, 'due_on'),
      status: running && grievance['closed_on'] !== null ? 'moot' : status,
      met_on: state === undefined ? null : optionalText(state, 'met_on'),
      extended: marks.has(`extended:${deadlineId}`),
      tolled: marks.has(`tolled:${deadlineId}`),
    });
  }
  return { deadlines, cases };
};
