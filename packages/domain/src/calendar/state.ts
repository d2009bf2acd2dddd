import { eachDate, isWeekend } from '@laborcase/core';
import { schoolYearCoverage, type CalendarVersion, type ClosedDay } from './calendarVersion.js';
import type { CalendarAdoptedEvent, WorkCalendarEvent } from './events.js';

export type WorkCalendarState =
  | { readonly status: 'notAdopted' }
  | {
      readonly status: 'adopted';
      readonly calendarId: string;
      readonly currentVersion: number;
      /** Every version ever in force, keyed by version number (1 = as adopted). */
      readonly versions: Readonly<Record<number, CalendarVersion>>;
    };

export const initialWorkCalendarState: WorkCalendarState = { status: 'notAdopted' };

/** The version-1 snapshot an adoption describes. Holidays inside a break take precedence over the break. */
export const adoptedVersion = (data: CalendarAdoptedEvent['data']): CalendarVersion => {
  const closedDays: Record<string, ClosedDay> = {};
  for (const range of data.breaks) {
    for (const date of eachDate(range.first, range.last)) {
      if (!isWeekend(date)) closedDays[date] = { kind: 'break', label: range.label, closesOffices: false };
    }
  }
  for (const { date, label } of data.noStudentDays) closedDays[date] = { kind: 'noStudentDay', label, closesOffices: false };
  for (const { date, label } of data.holidays) closedDays[date] = { kind: 'holiday', label, closesOffices: true };
  const coverage = schoolYearCoverage(data.schoolYear);
  if (coverage === undefined) throw new RangeError(`CalendarAdopted with a malformed school year: ${data.schoolYear}`);
  return {
    calendarId: data.calendarId,
    districtId: data.districtId,
    schoolYear: data.schoolYear,
    version: data.calendarVersion,
    coversFrom: coverage.from,
    coversThrough: coverage.through,
    firstStudentDay: data.firstStudentDay,
    lastStudentDay: data.lastStudentDay,
    closedDays: sortedByDate(closedDays),
  };
};

/** Closed days in date order, so equal calendars are deep-equal whatever order their changes arrived in. */
const sortedByDate = (days: Readonly<Record<string, ClosedDay>>): Readonly<Record<string, ClosedDay>> =>
  Object.fromEntries(Object.entries(days).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The snapshot after a post-adoption event, given the snapshot it changes. */
export const nextCalendarVersion = (previous: CalendarVersion, event: Exclude<WorkCalendarEvent, CalendarAdoptedEvent>): CalendarVersion => {
  const closedDays: Record<string, ClosedDay> = { ...previous.closedDays };
  let lastStudentDay = previous.lastStudentDay;
  switch (event.type) {
    case 'EmergencyClosureDeclared':
      closedDays[event.data.date] = {
        kind: 'emergencyClosure',
        label: event.data.reason,
        closesOffices: event.data.scope === 'schoolsAndOffices',
      };
      break;
    case 'EmergencyClosureRescinded':
      delete closedDays[event.data.date];
      break;
    case 'CalendarAmended':
      for (const { date } of event.data.datesReopened) delete closedDays[date];
      for (const { date, kind, label } of event.data.closuresAdded) closedDays[date] = { kind, label, closesOffices: kind === 'holiday' };
      if (event.data.lastStudentDay !== undefined) lastStudentDay = event.data.lastStudentDay;
      break;
  }
  return { ...previous, version: event.data.calendarVersion, lastStudentDay, closedDays: sortedByDate(closedDays) };
};

export const evolve = (state: WorkCalendarState, event: WorkCalendarEvent): WorkCalendarState => {
  if (event.type === 'CalendarAdopted') {
    const version = adoptedVersion(event.data);
    return { status: 'adopted', calendarId: event.data.calendarId, currentVersion: version.version, versions: { [version.version]: version } };
  }
  if (state.status !== 'adopted') return state;
  const previous = state.versions[state.currentVersion];
  if (previous === undefined) return state;
  const version = nextCalendarVersion(previous, event);
  return { ...state, currentVersion: version.version, versions: { ...state.versions, [version.version]: version } };
};

