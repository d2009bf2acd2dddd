/** Read-only questions over a calendar stream's state. */
import type { CalendarVersion } from './calendarVersion.js';
import type { WorkCalendarState } from './state.js';

export const isAdopted = (state: WorkCalendarState): state is Extract<WorkCalendarState, { status: 'adopted' }> => state.status === 'adopted';

/** The calendar in force now, or undefined before adoption. */
export const currentCalendar = (state: WorkCalendarState): CalendarVersion | undefined =>
  state.status === 'adopted' ? state.versions[state.currentVersion] : undefined;

/** The calendar as of version `version` (1 = as adopted), or undefined if there is no such version. */
export const calendarAsOf = (state: WorkCalendarState, version: number): CalendarVersion | undefined =>
  state.status === 'adopted' && Object.prototype.hasOwnProperty.call(state.versions, version) ? state.versions[version] : undefined;

/** Every version in order, 1 (as adopted) first; empty before adoption. */
export const calendarVersions = (state: WorkCalendarState): readonly CalendarVersion[] =>
  state.status === 'adopted' ? Object.values(state.versions).sort((a, b) => a.version - b.version) : [];
