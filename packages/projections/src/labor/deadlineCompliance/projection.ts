/**
 * Read model 3, deadline compliance: one row per grievance deadline (party, step, kind, due date, how it
 * ended: met, missed, moot when the grievance closed first, still open or tolled; whether it was ever extended
 * by mutual agreement or tolled) and one row per grievance (unit, whether it reached a third party, how it closed).
 */
import { ARBITRATION_STAGE, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { Row } from '../../tables.js';
import { grievanceRow, idsOf, withId, type GrievanceEventFor } from '../grievances/facts.js';

type Tables = 'deadlines' | 'cases';

const updateDeadline = async (rows: RowWriter<Tables>, deadlineId: string, change: (row: Row) => Row): Promise<void> => {
  const row = await rows.get('deadlines', { deadline_id: deadlineId });
  if (row !== undefined) await rows.upsert('deadlines', change(row));
};

const updateCase = async (rows: RowWriter<Tables>, streamId: string, change: (row: Row) => Row): Promise<void> => {
  const row = await grievanceRow(rows, 'cases', streamId);
  if (row !== undefined) await rows.upsert('cases', change(row));
};

export const deadlineComplianceProjection = defineProjection<GrievanceEvent, Tables>({
  name: 'deadline_compliance',
  version: 2,
  tables: [
    {
      name: 'deadlines',
      columns: {
        deadline_id: 'text',
        grievance_id: 'text',
        stream_id: 'text',
        unit_id: 'text',
        step_id: 'text',
        kind: 'text',
        party: 'text',
        due_on: 'date',
        status: 'text',
        met_on: 'date',
        extended: 'boolean',
        tolled: 'boolean',
      },
      primaryKey: ['deadline_id'],
      indexes: [['party', 'status'], ['unit_id', 'step_id'], ['stream_id']],
    },
    {
      name: 'cases',
      columns: {
        grievance_id: 'text',
        stream_id: 'text',
        unit_id: 'text',
        third_party: 'boolean',
        answers_overdue: 'integer',
        closed_on: 'date',
        outcome: 'text',
        resolved_at: 'text',
        // The grievance's deadlines, so closing it reads them by key (a search would flush the batch's writes).
        deadline_ids: 'json',
      },
      primaryKey: ['grievance_id'],
      indexes: [['stream_id']],
    },
  ],
  streamColumn: { deadlines: 'stream_id', cases: 'stream_id' },
  handlers: {
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      await rows.upsert('cases', { grievance_id: event.data.grievanceId, stream_id: event.streamId, unit_id: event.data.unitId, third_party: false, answers_overdue: 0, deadline_ids: [] });
    },
    async DeadlineScheduled(event, rows) {
      const grievance = await grievanceRow(rows, 'cases', event.streamId);
      if (grievance === undefined) return;
      const { deadlineId, stepId, kind, party, dueOn } = event.data;
      await rows.upsert('deadlines', {
        deadline_id: deadlineId,
        grievance_id: grievance['grievance_id'] ?? null,
        stream_id: event.streamId,
        unit_id: grievance['unit_id'] ?? null,
        step_id: stepId,
        kind,
        party,
        due_on: dueOn,
        status: 'open',
        extended: false,
        tolled: false,
      });
      await rows.upsert('cases', { ...grievance, deadline_ids: withId(grievance['deadline_ids'], deadlineId) });
    },
    DeadlineMet: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, status: 'met', met_on: event.data.metOn })),
    DeadlineMissed: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, status: 'missed' })),
    DeadlineExtended: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, due_on: event.data.newDueOn, extended: true })),
    DeadlineRecalculated: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, due_on: event.data.newDueOn })),
    DeadlineTolled: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, status: 'tolled', tolled: true })),
    DeadlineResumed: (event, rows) => updateDeadline(rows, event.data.deadlineId, (row) => ({ ...row, status: 'open', due_on: event.data.dueOn })),
    StepAnswerOverdue: (event, rows) => updateCase(rows, event.streamId, (row) => ({ ...row, answers_overdue: Number(row['answers_overdue'] ?? 0) + 1 })),
    ArbitrationDemanded: (event, rows) => updateCase(rows, event.streamId, (row) => ({ ...row, third_party: true })),
    async GrievanceClosed(event, rows) {
      const { closedOn, outcome, resolvedAt } = event.data;
      await updateCase(rows, event.streamId, (row) => ({ ...row, closed_on: closedOn, outcome, resolved_at: resolvedAt, third_party: row['third_party'] === true || resolvedAt === ARBITRATION_STAGE }));
      const grievance = await grievanceRow(rows, 'cases', event.streamId);
      for (const deadlineId of idsOf(grievance?.['deadline_ids'])) {
        await updateDeadline(rows, deadlineId, (row) => (row['status'] === 'open' || row['status'] === 'tolled' ? { ...row, status: 'moot' } : row));
      }
    },
  },
});
