/**
 * Read model 2, time to resolution: one row per grievance from its filing (unit, edition, article, the
 * procedure's own day counting: its first step's filing limit, ECEA school days, working days in summer; ECSSU
 * working days), its closure (date, outcome, step) in `closures`, and the district calendars its deadlines count
 * on in `deadline_calendars`, so the report can count calendar and contract days; plus the district calendars
 * (`calendars`). Every grievance event writes by key and reads nothing (a read of a row written in an earlier
 * batch is a SQL round trip); `resolutionRows` (./rows.ts) joins the tables at report time.
 */
import type { WorkCalendarEvent } from '@laborcase/domain/calendar';
import { schoolYearOf, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import { calendarHandlers, calendarsTable } from '../grievances/calendars.js';
import { filingColumnTypes, filingColumns, type GrievanceEventFor } from '../grievances/facts.js';

export type TimeToResolutionTable = 'resolutions' | 'closures' | 'deadline_calendars' | 'calendars';

export const timeToResolutionProjection = defineProjection<GrievanceEvent | WorkCalendarEvent, TimeToResolutionTable>({
  name: 'time_to_resolution',
  version: 2,
  tables: [
    {
      name: 'resolutions',
      columns: { ...filingColumnTypes, filed_school_year: 'text', day_type: 'text', summer_day_type: 'text', ladder: 'json' },
      primaryKey: ['grievance_id'],
      indexes: [['unit_id', 'edition_id', 'article_key'], ['stream_id']],
    },
    { name: 'closures', columns: { stream_id: 'text', closed_on: 'date', outcome: 'text', resolved_at: 'text' }, primaryKey: ['stream_id'] },
    // Every calendar a deadline of the grievance was counted on (one district's, so any of them finds its timeline).
    { name: 'deadline_calendars', columns: { stream_id: 'text', calendar_id: 'text' }, primaryKey: ['stream_id', 'calendar_id'] },
    calendarsTable,
  ],
  streamColumn: { resolutions: 'stream_id', closures: 'stream_id', deadline_calendars: 'stream_id', calendars: 'stream_id' },
  handlers: {
    ...calendarHandlers,
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      const { procedure } = event.data;
      const counting = procedure.steps[0]?.fileWithin;
      await rows.upsert('resolutions', {
        ...filingColumns(event),
        filed_school_year: schoolYearOf(event.data.filedOn),
        day_type: counting?.dayType ?? 'calendar',
        summer_day_type: counting?.summerDayType ?? null,
        ladder: procedure.steps.map((s) => ({ id: s.id, level: s.level })),
      });
    },
    async DeadlineScheduled(event, rows) {
      await rows.upsert('deadline_calendars', { stream_id: event.streamId, calendar_id: event.data.rule.calendarId });
    },
    async GrievanceClosed(event, rows) {
      const { closedOn, outcome, resolvedAt } = event.data;
      await rows.upsert('closures', { stream_id: event.streamId, closed_on: closedOn, outcome, resolved_at: resolvedAt });
    },
  },
});
