/**
 * The upcoming-deadlines tables joined into one row per deadline still running on an open grievance: its
 * grievance and unit, the hearer of its step, its current due date and firmness, `open` or `tolled`.
 */
import type { Row } from '../../tables.js';
import { flag, hearerOf, text } from '../grievances/facts.js';
import type { UpcomingDeadlinesTable } from './projection.js';

export type UpcomingTables = { readonly [Table in UpcomingDeadlinesTable]: readonly Row[] };

export const upcomingRows = (tables: UpcomingTables): Row[] => {
  const cases = new Map(tables.cases.map((row) => [text(row, 'stream_id'), row]));
  const dueDates = new Map(tables.due_dates.map((row) => [text(row, 'deadline_id'), row]));
  const tolled = new Set(tables.tolled.map((row) => text(row, 'deadline_id')));
  const out: Row[] = [];
  for (const row of tables.deadlines) {
    const grievance = cases.get(text(row, 'stream_id'));
    if (grievance === undefined) continue;
    const deadlineId = text(row, 'deadline_id');
    const due = dueDates.get(deadlineId) ?? row;
    out.push({
      deadline_id: deadlineId,
      grievance_id: text(grievance, 'grievance_id'),
      stream_id: text(row, 'stream_id'),
      unit_id: text(grievance, 'unit_id'),
      step_id: text(row, 'step_id'),
      kind: text(row, 'kind'),
      party: text(row, 'party'),
      hearer: hearerOf(grievance['ladder'] as unknown as readonly { id: string; hearer: string }[], text(row, 'step_id')),
      due_on: text(due, 'due_on'),
      provisional: flag(due, 'provisional'),
      status: tolled.has(deadlineId) ? 'tolled' : 'open',
      calendar_id: text(row, 'calendar_id'),
    });
  }
  return out;
};
