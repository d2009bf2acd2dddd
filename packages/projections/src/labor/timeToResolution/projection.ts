/**
 * Read model 2, time to resolution: one row per grievance from its filing, completed when it closes (date,
 * outcome, step at resolution, calendar days), with the procedure's own day counting (its first step's filing
 * limit: ECEA school days, working days in summer; ECSSU working days) and the district calendar its deadlines
 * count on, so the report can count contract days; plus the district calendars (`calendars`).
 */
import { daysBetween } from '@laborcase/core';
import type { WorkCalendarEvent } from '@laborcase/domain/calendar';
import { schoolYearOf, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import { calendarHandlers, calendarsTable } from '../grievances/calendars.js';
import { filingColumnTypes, filingColumns, grievanceRow, levelOf, type GrievanceEventFor } from '../grievances/facts.js';

type Tables = 'resolutions' | 'calendars';

export const timeToResolutionProjection = defineProjection<GrievanceEvent | WorkCalendarEvent, Tables>({
  name: 'time_to_resolution',
  version: 1,
  tables: [
    {
      name: 'resolutions',
      columns: {
        ...filingColumnTypes,
        filed_school_year: 'text',
        day_type: 'text',
        summer_day_type: 'text',
        calendar_id: 'text',
        ladder: 'json',
        closed_on: 'date',
        outcome: 'text',
        resolved_at: 'text',
        resolved_level: 'integer',
        calendar_days: 'integer',
      },
      primaryKey: ['grievance_id'],
      indexes: [['unit_id', 'edition_id', 'article_key'], ['stream_id']],
    },
    calendarsTable,
  ],
  streamColumn: { resolutions: 'stream_id', calendars: 'stream_id' },
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
      const row = await grievanceRow(rows, 'resolutions', event.streamId);
      if (row !== undefined && row['calendar_id'] === null) await rows.upsert('resolutions', { ...row, calendar_id: event.data.rule.calendarId });
    },
    async GrievanceClosed(event, rows) {
      const row = await grievanceRow(rows, 'resolutions', event.streamId);
      if (row === undefined) return;
      const ladder = row['ladder'] as readonly { id: string; level: number }[];
      const { closedOn, outcome, resolvedAt } = event.data;
      await rows.upsert('resolutions', {
        ...row,
        closed_on: closedOn,
        outcome,
        resolved_at: resolvedAt,
        resolved_level: levelOf(ladder, resolvedAt),
        calendar_days: daysBetween(String(row['filed_on']), closedOn),
      });
    },
  },
});
