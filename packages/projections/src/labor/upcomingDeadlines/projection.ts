/**
 * Read model 4, upcoming deadlines: one row per grievance deadline still running (open, or tolled while the
 * grievance is in abeyance) with the party that owes it, the hearer of its step, its due date and whether that
 * date is provisional (counted in part under the fallback calendar, recalculated when the calendar is adopted);
 * the grievances' step ladders (`cases`), and the district calendars the report counts school days on.
 */
import type { WorkCalendarEvent } from '@laborcase/domain/calendar';
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { JsonValue, Row } from '../../tables.js';
import { calendarHandlers, calendarsTable } from '../grievances/calendars.js';
import { grievanceRow, hearerOf, idsOf, withId, type GrievanceEventFor } from '../grievances/facts.js';

type Tables = 'deadlines' | 'cases' | 'calendars';

const update = async (rows: RowWriter<Tables>, deadlineId: string, change: (row: Row) => Row): Promise<void> => {
  const row = await rows.get('deadlines', { deadline_id: deadlineId });
  if (row !== undefined) await rows.upsert('deadlines', change(row));
};

const remove = (rows: RowWriter<Tables>, deadlineId: string): Promise<void> => rows.delete('deadlines', { deadline_id: deadlineId });

export const upcomingDeadlinesProjection = defineProjection<GrievanceEvent | WorkCalendarEvent, Tables>({
  name: 'upcoming_deadlines',
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
        hearer: 'text',
        due_on: 'date',
        provisional: 'boolean',
        status: 'text',
        calendar_id: 'text',
      },
      primaryKey: ['deadline_id'],
      indexes: [['due_on'], ['stream_id']],
    },
    // `deadline_ids`: the grievance's deadlines, so closing it deletes them by key (a search would flush the batch's writes).
    { name: 'cases', columns: { grievance_id: 'text', stream_id: 'text', unit_id: 'text', ladder: 'json', deadline_ids: 'json' }, primaryKey: ['grievance_id'], indexes: [['stream_id']] },
    calendarsTable,
  ],
  streamColumn: { deadlines: 'stream_id', cases: 'stream_id', calendars: 'stream_id' },
  handlers: {
    ...calendarHandlers,
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      const ladder = event.data.procedure.steps.map((s) => ({ id: s.id, hearer: s.hearer }));
      await rows.upsert('cases', { grievance_id: event.data.grievanceId, stream_id: event.streamId, unit_id: event.data.unitId, ladder: ladder as unknown as JsonValue, deadline_ids: [] });
    },
    async DeadlineScheduled(event, rows) {
      const grievance = await grievanceRow(rows, 'cases', event.streamId);
      if (grievance === undefined) return;
      const { deadlineId, stepId, kind, party, dueOn, rule } = event.data;
      await rows.upsert('deadlines', {
        deadline_id: deadlineId,
        grievance_id: grievance['grievance_id'] ?? null,
        stream_id: event.streamId,
        unit_id: grievance['unit_id'] ?? null,
        step_id: stepId,
        kind,
        party,
        hearer: hearerOf(grievance['ladder'] as unknown as readonly { id: string; hearer: string }[], stepId),
        due_on: dueOn,
        provisional: rule.provisional === true,
        status: 'open',
        calendar_id: rule.calendarId,
      });
      await rows.upsert('cases', { ...grievance, deadline_ids: withId(grievance['deadline_ids'], deadlineId) });
    },
    DeadlineMet: (event, rows) => remove(rows, event.data.deadlineId),
    DeadlineMissed: (event, rows) => remove(rows, event.data.deadlineId),
    // An agreed date is final, whatever calendar it was first counted on.
    DeadlineExtended: (event, rows) => update(rows, event.data.deadlineId, (row) => ({ ...row, due_on: event.data.newDueOn, provisional: false })),
    DeadlineRecalculated: (event, rows) => update(rows, event.data.deadlineId, (row) => ({ ...row, due_on: event.data.newDueOn, provisional: event.data.rule.provisional === true })),
    DeadlineTolled: (event, rows) => update(rows, event.data.deadlineId, (row) => ({ ...row, status: 'tolled' })),
    DeadlineResumed: (event, rows) =>
      update(rows, event.data.deadlineId, (row) => ({ ...row, status: 'open', due_on: event.data.dueOn, provisional: event.data.rule.provisional === true })),
    async GrievanceClosed(event, rows) {
      const grievance = await grievanceRow(rows, 'cases', event.streamId);
      if (grievance === undefined) return;
      for (const deadlineId of idsOf(grievance['deadline_ids'])) await remove(rows, deadlineId);
      await rows.delete('cases', { grievance_id: grievance['grievance_id'] ?? null });
    },
  },
});
