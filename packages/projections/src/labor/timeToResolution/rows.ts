/**
 * The time-to-resolution tables joined into one row per grievance: its filing columns, the calendar its
 * deadlines count on, and once closed the closure with the step level it was resolved at and its calendar days.
 */
import { daysBetween } from '@laborcase/core';
import type { Row } from '../../tables.js';
import { levelOf, optionalText, text } from '../grievances/facts.js';
import type { TimeToResolutionTable } from './projection.js';

export type ResolutionTables = { readonly [Table in TimeToResolutionTable]: readonly Row[] };

/**
 * A grievance's calendar: the first (by id) of those its deadlines count on that the `calendars` table knows,
 * since all of them belong to its district and only a known one finds the district's timeline.
 */
const calendarsByStream = (tables: ResolutionTables): Map<string, string> => {
  const known = new Set(tables.calendars.map((row) => text(row, 'calendar_id')));
  const chosen = new Map<string, string>();
  for (const row of tables.deadline_calendars) {
    const streamId = text(row, 'stream_id');
    const calendarId = text(row, 'calendar_id');
    const current = chosen.get(streamId);
    if (current === undefined || (!known.has(current) && known.has(calendarId))) chosen.set(streamId, calendarId);
  }
  return chosen;
};

export const resolutionRows = (tables: ResolutionTables): Row[] => {
  const closures = new Map(tables.closures.map((row) => [text(row, 'stream_id'), row]));
  const calendars = calendarsByStream(tables);
  return tables.resolutions.map((row): Row => {
    const streamId = text(row, 'stream_id');
    const closure = closures.get(streamId);
    const ladder = row['ladder'] as unknown as readonly { id: string; level: number }[];
    const closedOn = closure === undefined ? null : text(closure, 'closed_on');
    const resolvedAt = closure === undefined ? null : text(closure, 'resolved_at');
    return {
      ...row,
      calendar_id: calendars.get(streamId) ?? null,
      closed_on: closedOn,
      outcome: closure === undefined ? null : optionalText(closure, 'outcome'),
      resolved_at: resolvedAt,
      resolved_level: resolvedAt === null ? null : levelOf(ladder, resolvedAt),
      calendar_days: closedOn === null ? null : daysBetween(text(row, 'filed_on'), closedOn),
    };
  });
};
