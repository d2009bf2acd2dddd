/**
 * The district calendars as a read-model table, for the grievance read models that count contract days or
 * school days at report time: one row per calendar stream holding its current version (the same snapshot the
 * calendar aggregate folds), and the district timeline rebuilt from those rows.
 *
 * Counting happens when a report is run, not when an event is projected: a calendar change (a snow day, an
 * amendment, a correction) then shows in every figure at once, and each row still comes from one stream.
 */
import { isRight } from 'fp-ts/lib/Either.js';
import {
  adoptedVersion,
  calendarTimeline,
  countedDaysBetween,
  dueDate,
  nextCalendarVersion,
  schoolYearsFromTo,
  shiftSchoolYear,
  type CalendarTimeline,
  type CalendarVersion,
  type Limit,
  type WorkCalendarEvent,
} from '@laborcase/domain/calendar';
import type { ProjectedEvent, RowWriter } from '../../definition.js';
import type { JsonValue, Row, TableSpec } from '../../tables.js';

export const calendarsTable = {
  name: 'calendars',
  columns: { calendar_id: 'text', stream_id: 'text', district_id: 'text', school_year: 'text', version: 'integer', snapshot: 'json' },
  primaryKey: ['calendar_id'],
  indexes: [['district_id', 'school_year']],
} as const satisfies TableSpec;

type CalendarEventOf<T extends WorkCalendarEvent['type']> = ProjectedEvent<T, Extract<WorkCalendarEvent, { type: T }>['data']>;

const store = async (rows: RowWriter<'calendars'>, streamId: string, snapshot: CalendarVersion): Promise<void> =>
  rows.upsert('calendars', {
    calendar_id: snapshot.calendarId,
    stream_id: streamId,
    district_id: snapshot.districtId,
    school_year: snapshot.schoolYear,
    version: snapshot.version,
    snapshot: snapshot as unknown as JsonValue,
  });

const change = async (rows: RowWriter<'calendars'>, event: CalendarEventOf<'EmergencyClosureDeclared' | 'EmergencyClosureRescinded' | 'CalendarAmended'>): Promise<void> => {
  const [row] = await rows.find('calendars', { stream_id: event.streamId });
  if (row === undefined) return;
  const next = nextCalendarVersion(row['snapshot'] as unknown as CalendarVersion, { type: event.type, data: event.data } as Exclude<WorkCalendarEvent, { type: 'CalendarAdopted' }>);
  await store(rows, event.streamId, next);
};

/** Handlers keeping the `calendars` table: spread them into a projection's handlers. */
export const calendarHandlers = {
  CalendarAdopted: (event: CalendarEventOf<'CalendarAdopted'>, rows: RowWriter<'calendars'>) => store(rows, event.streamId, adoptedVersion(event.data)),
  EmergencyClosureDeclared: (event: CalendarEventOf<'EmergencyClosureDeclared'>, rows: RowWriter<'calendars'>) => change(rows, event),
  EmergencyClosureRescinded: (event: CalendarEventOf<'EmergencyClosureRescinded'>, rows: RowWriter<'calendars'>) => change(rows, event),
  CalendarAmended: (event: CalendarEventOf<'CalendarAmended'>, rows: RowWriter<'calendars'>) => change(rows, event),
};

/** The districts' timelines from `calendars` rows: every school year from a district's first adopted calendar to the year after its last. */
export class DistrictCalendars {
  private readonly byCalendarId = new Map<string, CalendarVersion>();
  private readonly timelines = new Map<string, CalendarTimeline | undefined>();

  constructor(rows: readonly Row[]) {
    for (const row of rows) {
      const snapshot = row['snapshot'] as unknown as CalendarVersion;
      this.byCalendarId.set(snapshot.calendarId, snapshot);
    }
  }

  /** The timeline of the district whose calendar is `calendarId` (as a deadline rule names it), if that calendar is known. */
  timelineOf(calendarId: string): CalendarTimeline | undefined {
    const districtId = this.byCalendarId.get(calendarId)?.districtId;
    return districtId === undefined ? undefined : this.district(districtId);
  }

  district(districtId: string): CalendarTimeline | undefined {
    if (this.timelines.has(districtId)) return this.timelines.get(districtId);
    const calendars = [...this.byCalendarId.values()].filter((c) => c.districtId === districtId).sort((a, b) => (a.schoolYear < b.schoolYear ? -1 : 1));
    const first = calendars[0];
    const last = calendars[calendars.length - 1];
    let timeline: CalendarTimeline | undefined;
    if (first !== undefined && last !== undefined) {
      // One year past the last adopted calendar, counted under the fallback (provisional), as the deadline engine does.
      const entries = schoolYearsFromTo(first.schoolYear, shiftSchoolYear(last.schoolYear, 1)).map((schoolYear) => {
        const calendar = calendars.find((c) => c.schoolYear === schoolYear);
        return calendar === undefined ? { schoolYear } : { schoolYear, calendar };
      });
      const built = calendarTimeline(districtId, entries);
      timeline = isRight(built) ? built.right : undefined;
    }
    this.timelines.set(districtId, timeline);
    return timeline;
  }
}

/** Days `limit` counts after `from` through `to`, or null when the timeline does not cover them. */
export const countedDays = (timeline: CalendarTimeline | undefined, from: string, to: string, limit: Limit): number | null => {
  if (timeline === undefined) return null;
  const counted = countedDaysBetween(from, to, limit, timeline);
  return isRight(counted) ? counted.right : null;
};

/** The `limit.n`-th day `limit` counts after `from`, or null when the timeline does not reach it. */
export const nthCountedDay = (timeline: CalendarTimeline | undefined, from: string, limit: Limit): string | null => {
  if (timeline === undefined) return null;
  const due = dueDate(from, limit, timeline);
  return isRight(due) ? due.right.dueOn : null;
};
