/**
 * Read model 3, deadline compliance: per grievance deadline its party, step, kind, due date and how it ended
 * (met, missed, moot when the grievance closed first, still open or tolled; whether it was ever extended by
 * mutual agreement or tolled), and per grievance its unit, whether it reached a third party and how it closed.
 *
 * Every event writes its own fact by key and reads nothing: a deadline's later events land in tables of their
 * own (`deadline_states`, `due_dates`, `deadline_marks`), a grievance's in `closures` and `case_marks`, and
 * `complianceRows` (./rows.ts) joins them into one row per deadline and per grievance at report time. A handler
 * that read the row it updates cost a database round trip whenever that row was written in an earlier batch.
 */
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { GrievanceEventFor } from '../grievances/facts.js';

export type DeadlineComplianceTable = 'cases' | 'deadlines' | 'deadline_states' | 'due_dates' | 'deadline_marks' | 'closures' | 'case_marks';

type Rows = RowWriter<DeadlineComplianceTable>;

/** What every deadline event carries. */
interface DeadlineEvent {
  readonly streamId: string;
  readonly data: { readonly deadlineId: string };
}

const setState = (rows: Rows, event: DeadlineEvent, status: 'met' | 'missed' | 'tolled' | 'open', metOn: string | null = null) =>
  rows.upsert('deadline_states', { deadline_id: event.data.deadlineId, stream_id: event.streamId, status, met_on: metOn });

const setDueOn = (rows: Rows, event: DeadlineEvent, dueOn: string) => rows.upsert('due_dates', { deadline_id: event.data.deadlineId, stream_id: event.streamId, due_on: dueOn });

const mark = (rows: Rows, event: DeadlineEvent, what: 'extended' | 'tolled') =>
  rows.upsert('deadline_marks', { deadline_id: event.data.deadlineId, mark: what, stream_id: event.streamId });

const markCase = (rows: Rows, event: { readonly streamId: string; readonly streamVersion: number }, what: 'answerOverdue' | 'arbitrationDemanded') =>
  rows.upsert('case_marks', { stream_id: event.streamId, stream_version: event.streamVersion, mark: what });

export const deadlineComplianceProjection = defineProjection<GrievanceEvent, DeadlineComplianceTable>({
  name: 'deadline_compliance',
  version: 3,
  tables: [
    { name: 'cases', columns: { grievance_id: 'text', stream_id: 'text', unit_id: 'text' }, primaryKey: ['grievance_id'], indexes: [['stream_id']] },
    // As scheduled; the grievance and unit are its stream's `cases` row.
    {
      name: 'deadlines',
      columns: { deadline_id: 'text', stream_id: 'text', step_id: 'text', kind: 'text', party: 'text', due_on: 'date' },
      primaryKey: ['deadline_id'],
      indexes: [['stream_id']],
    },
    // The latest of met, missed, tolled, open (resumed); none: still open as scheduled.
    { name: 'deadline_states', columns: { deadline_id: 'text', stream_id: 'text', status: 'text', met_on: 'date' }, primaryKey: ['deadline_id'] },
    // The latest due date after an extension, a recalculation or a resumption.
    { name: 'due_dates', columns: { deadline_id: 'text', stream_id: 'text', due_on: 'date' }, primaryKey: ['deadline_id'] },
    // `extended` or `tolled`: it happened at least once.
    { name: 'deadline_marks', columns: { deadline_id: 'text', mark: 'text', stream_id: 'text' }, primaryKey: ['deadline_id', 'mark'] },
    { name: 'closures', columns: { stream_id: 'text', closed_on: 'date', outcome: 'text', resolved_at: 'text' }, primaryKey: ['stream_id'] },
    // One row per `answerOverdue` or `arbitrationDemanded` event of the grievance (its stream version).
    { name: 'case_marks', columns: { stream_id: 'text', stream_version: 'integer', mark: 'text' }, primaryKey: ['stream_id', 'stream_version'] },
  ],
  streamColumn: { cases: 'stream_id', deadlines: 'stream_id', deadline_states: 'stream_id', due_dates: 'stream_id', deadline_marks: 'stream_id', closures: 'stream_id', case_marks: 'stream_id' },
  handlers: {
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      await rows.upsert('cases', { grievance_id: event.data.grievanceId, stream_id: event.streamId, unit_id: event.data.unitId });
    },
    async DeadlineScheduled(event, rows) {
      const { deadlineId, stepId, kind, party, dueOn } = event.data;
      await rows.upsert('deadlines', { deadline_id: deadlineId, stream_id: event.streamId, step_id: stepId, kind, party, due_on: dueOn });
    },
    DeadlineMet: (event, rows) => setState(rows, event, 'met', event.data.metOn),
    DeadlineMissed: (event, rows) => setState(rows, event, 'missed'),
    async DeadlineExtended(event, rows) {
      await setDueOn(rows, event, event.data.newDueOn);
      await mark(rows, event, 'extended');
    },
    DeadlineRecalculated: (event, rows) => setDueOn(rows, event, event.data.newDueOn),
    async DeadlineTolled(event, rows) {
      await setState(rows, event, 'tolled');
      await mark(rows, event, 'tolled');
    },
    async DeadlineResumed(event, rows) {
      await setState(rows, event, 'open');
      await setDueOn(rows, event, event.data.dueOn);
    },
    StepAnswerOverdue: (event, rows) => markCase(rows, event, 'answerOverdue'),
    ArbitrationDemanded: (event, rows) => markCase(rows, event, 'arbitrationDemanded'),
    async GrievanceClosed(event, rows) {
      const { closedOn, outcome, resolvedAt } = event.data;
      await rows.upsert('closures', { stream_id: event.streamId, closed_on: closedOn, outcome, resolved_at: resolvedAt });
    },
  },
});
