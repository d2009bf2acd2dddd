import type { CalendarVersion } from './calendarVersion.js';

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

/** The calendar in force now, or undefined before adoption. */
export const currentCalendar = (state: WorkCalendarState): CalendarVersion | undefined =>
  state.status === 'adopted' ? state.versions[state.currentVersion] : undefined;

/** The calendar as of version `version` (1 = as adopted), or undefined if there is no such version. */
export const calendarAsOf = (state: WorkCalendarState, version: number): CalendarVersion | undefined =>
  state.status === 'adopted' ? state.versions[version] : undefined;
