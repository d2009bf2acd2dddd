/**
 * Read model 4, upcoming deadlines: per grievance deadline still running (open, or tolled while the grievance is
 * in abeyance) the party that owes it, its step, its due date and whether that date is provisional (counted in
 * part under the fallback calendar, recalculated when the calendar is adopted); the open grievances' unit and
 * step ladder (`cases`, whose hearers say who hears each step), and the district calendars the report counts
 * school days on.
 *
 * Every grievance event writes or deletes by key and reads nothing (a read of a row written in an earlier batch
 * is a SQL round trip): a new due date goes to `due_dates`, a tolling to `tolled`, a met or missed deadline's
 * rows are deleted, a closed grievance's `cases` row is deleted. `upcomingRows` (./rows.ts) joins them at report
 * time and leaves out the deadlines of grievances no longer open: those still running at the closure stay in
 * `deadlines` (nothing reads the grievance's deadline ids to delete them), but no report counts them.
 */
import type { WorkCalendarEvent } from '@laborcase/domain/calendar';
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { JsonValue } from '../../tables.js';
import { calendarHandlers, calendarsTable } from '../grievances/calendars.js';
import type { GrievanceEventFor } from '../grievances/facts.js';

export type UpcomingDeadlinesTable = 'deadlines' | 'due_dates' | 'tolled' | 'cases' | 'calendars';

type Rows = RowWriter<UpcomingDeadlinesTable>;

const setDueOn = (rows: Rows, streamId: string, deadlineId: string, dueOn: string, provisional: boolean) =>
  rows.upsert('due_dates', { deadline_id: deadlineId, stream_id: streamId, due_on: dueOn, provisional });

/** A met or missed deadline no longer runs: its rows go. */
const remove = async (rows: Rows, deadlineId: string): Promise<void> => {
  for (const table of ['deadlines', 'due_dates', 'tolled'] as const) await rows.delete(table, { deadline_id: deadlineId });
};

export const upcomingDeadlinesProjection = defineProjection<GrievanceEvent | WorkCalendarEvent, UpcomingDeadlinesTable>({
  name: 'upcoming_deadlines',
  version: 3,
  tables: [
    {
      name: 'deadlines',
      columns: { deadline_id: 'text', stream_id: 'text', step_id: 'text', kind: 'text', party: 'text', due_on: 'date', provisional: 'boolean', calendar_id: 'text' },
      primaryKey: ['deadline_id'],
      indexes: [['due_on'], ['stream_id']],
    },
    // The due date after an extension (final), a recalculation or a resumption.
    { name: 'due_dates', columns: { deadline_id: 'text', stream_id: 'text', due_on: 'date', provisional: 'boolean' }, primaryKey: ['deadline_id'] },
    { name: 'tolled', columns: { deadline_id: 'text', stream_id: 'text' }, primaryKey: ['deadline_id'] },
    { name: 'cases', columns: { stream_id: 'text', grievance_id: 'text', unit_id: 'text', ladder: 'json' }, primaryKey: ['stream_id'] },
    calendarsTable,
  ],
  streamColumn: { deadlines: 'stream_id', due_dates: 'stream_id', tolled: 'stream_id', cases: 'stream_id', calendars: 'stream_id' },
  handlers: {
    ...calendarHandlers,
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      const ladder = event.data.procedure.steps.map((s) => ({ id: s.id, hearer: s.hearer }));
      await rows.upsert('cases', { stream_id: event.streamId, grievance_id: event.data.grievanceId, unit_id: event.data.unitId, ladder: ladder as unknown as JsonValue });
    },
    async DeadlineScheduled(event, rows) {
      const { deadlineId, stepId, kind, party, dueOn, rule } = event.data;
      await rows.upsert('deadlines', {
        deadline_id: deadlineId,
        stream_id: event.streamId,
        step_id: stepId,
        kind,
        party,
        due_on: dueOn,
        provisional: rule.provisional === true,
        calendar_id: rule.calendarId,
      });
    },
    DeadlineMet: (event, rows) => remove(rows, event.data.deadlineId),
    DeadlineMissed: (event, rows) => remove(rows, event.data.deadlineId),
    // An agreed date is final, whatever calendar it was first counted on.
    DeadlineExtended: (event, rows) => setDueOn(rows, event.streamId, event.data.deadlineId, event.data.newDueOn, false),
    DeadlineRecalculated: (event, rows) => setDueOn(rows, event.streamId, event.data.deadlineId, event.data.newDueOn, event.data.rule.provisional === true),
    DeadlineTolled: (event, rows) => rows.upsert('tolled', { deadline_id: event.data.deadlineId, stream_id: event.streamId }),
    async DeadlineResumed(event, rows) {
      await rows.delete('tolled', { deadline_id: event.data.deadlineId });
      await setDueOn(rows, event.streamId, event.data.deadlineId, event.data.dueOn, event.data.rule.provisional === true);
    },
    GrievanceClosed: (event, rows) => rows.delete('cases', { stream_id: event.streamId }),
  },
});
