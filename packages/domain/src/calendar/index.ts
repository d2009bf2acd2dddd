export { DayType, Limit } from './limit.js';
export {
  DateOutsideCalendarError,
  closureOn,
  covers,
  dayTypeOn,
  isCountedDay,
  isInStudentYear,
  isSchoolDay,
  isSummer,
  isWorkingDay,
  schoolYearCoverage,
  studentDayCount,
  type CalendarVersion,
  type ClosedDay,
  type ClosureKind,
} from './calendarVersion.js';
export {
  AddedClosure,
  CalendarAdopted,
  CalendarAmended,
  ClosureScope,
  DateRange,
  EmergencyClosureDeclared,
  EmergencyClosureRescinded,
  LabelledDate,
  workCalendarEventDefinitions,
  type CalendarAdoptedEvent,
  type CalendarAmendedEvent,
  type EmergencyClosureDeclaredEvent,
  type EmergencyClosureRescindedEvent,
  type WorkCalendarEvent,
} from './events.js';
export {
  AdoptCalendar,
  AdoptCalendarInput,
  AmendCalendar,
  AmendCalendarInput,
  CalendarKey,
  DeclareEmergencyClosure,
  DeclareEmergencyClosureInput,
  DistrictId,
  RescindEmergencyClosure,
  RescindEmergencyClosureInput,
  SchoolYear,
  WorkCalendarCommand,
} from './commands.js';
export { CalendarErrors, CalendarRules, type CalendarErrorCode } from './errors.js';
export { adoptedVersion, evolve as evolveWorkCalendar, initialWorkCalendarState, nextCalendarVersion, type WorkCalendarState } from './state.js';
export { calendarAsOf, calendarVersions, currentCalendar, isAdopted } from './queries.js';
export { decide as decideWorkCalendar, workCalendarDecider } from './decide/index.js';
export { calendarStreamId, isDistrictId } from './streamId.js';
export { CalendarDocument, adoptionOfDocument, calendarDocumentOf, decodeCalendarDocument, parseCalendarDocument } from './document.js';
export { MAX_TIMELINE_YEARS, createCalendarService, loadCalendarTimeline, type CalendarService, type CalendarServiceOptions } from './service.js';
export { CalendarRef, DeadlineRule, countedDaysBetween, dueDate, isTimely, type ComputedDeadline } from './deadline.js';
export {
  FALLBACK_CALENDAR,
  asTimeline,
  calendarTimeline,
  isCountedIn,
  schoolYearsFromTo,
  shiftSchoolYear,
  timelineOfCalendar,
  withCalendar,
  yearCovering,
  type CalendarTimeline,
  type DeadlineCalendar,
  type FallbackCalendar,
  type TimelineEntry,
  type TimelineYear,
} from './timeline.js';
export { isUsFederalHoliday, usFederalHolidays } from './federalHolidays.js';
