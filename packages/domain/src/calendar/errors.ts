import { CoreErrors, errorCodes, type ErrorCodeOf } from '@laborcase/core';

/** Every code a calendar command, query or deadline computation can return. */
export const CalendarErrors = errorCodes({
  // Adoption
  calendarAlreadyAdopted: 'CalendarAlreadyAdopted',
  invalidSchoolYear: 'InvalidSchoolYear',
  invalidDistrictId: 'InvalidDistrictId',
  firstStudentDayAfterLast: 'FirstStudentDayAfterLast',
  invalidBreakRange: 'InvalidBreakRange',
  duplicateClosedDate: 'DuplicateClosedDate',
  studentDayBoundaryNotInSession: 'StudentDayBoundaryNotInSession',
  // Any command
  invalidDate: 'InvalidDate',
  missingLabel: 'MissingLabel',
  dateOutsideSchoolYear: 'DateOutsideSchoolYear',
  closureOnWeekend: 'ClosureOnWeekend',
  // Changes after adoption
  calendarNotAdopted: 'CalendarNotAdopted',
  dateAlreadyClosed: 'DateAlreadyClosed',
  noEmergencyClosureOnDate: 'NoEmergencyClosureOnDate',
  dateNotClosed: 'DateNotClosed',
  emergencyClosureNotAmendable: 'EmergencyClosureNotAmendable',
  emptyAmendment: 'EmptyAmendment',
  // Queries
  calendarVersionNotFound: 'CalendarVersionNotFound',
  // The deadline engine (deadline.ts)
  anchorOutsideCalendar: 'AnchorOutsideCalendar',
  calendarRangeExceeded: 'CalendarRangeExceeded',
  invalidLimit: 'InvalidLimit',
  invalidTimeline: 'InvalidTimeline',
  // Returned by the kernel on the calendar's behalf
  ...CoreErrors,
});
export type CalendarErrorCode = ErrorCodeOf<typeof CalendarErrors>;

/** The invariants a calendar command can break, named in every rejection's `rule`. */
export const CalendarRules = {
  adoptOnce: 'WorkCalendar: a calendar is adopted once per district and school year',
  adoptedFirst: 'WorkCalendar: changes need an adopted calendar',
  schoolYear: 'WorkCalendar: school year is YYYY-YY and covers July 1 through June 30',
  districtId: 'WorkCalendar: district id is a lower-case slug (it names the stream)',
  validDate: 'WorkCalendar: dates are YYYY-MM-DD',
  label: 'WorkCalendar: every closure, break and change has a label or reason',
  insideYear: 'WorkCalendar: dates lie inside the school year',
  studentDayOrder: 'WorkCalendar: first student day ≤ last student day',
  boundaryInSession: 'WorkCalendar: the first and last student days are school days',
  breakOrder: 'WorkCalendar: a break starts on or before its last day',
  weekday: 'WorkCalendar: a closed date is a weekday',
  oneClosurePerDate: 'WorkCalendar: a date is closed once (a holiday may fall inside a break)',
  notAlreadyClosed: 'WorkCalendar: an emergency closure or added closure falls on a day that is open',
  closedToReopen: 'WorkCalendar: only a closed date can be reopened',
  rescindEmergencyOnly: 'WorkCalendar: emergency closures are corrected by rescinding, not by amendment',
  emergencyToRescind: 'WorkCalendar: only a declared emergency closure can be rescinded',
  nonEmptyAmendment: 'WorkCalendar: an amendment changes something',
  versionExists: 'WorkCalendar: versions are numbered from 1 (as adopted), one per accepted change',
  deadlineCoverage: 'Deadline engine: the calendar version must cover the anchor and every counted day',
  timeline: 'Calendar timeline: consecutive school years of one district, each with that year\'s calendar or none (fallback)',
  limitShape: 'Limit: n is a non-negative integer; day types are school, working or calendar',
} as const;
