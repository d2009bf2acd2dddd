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
export type { AdoptCalendar, AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure, WorkCalendarCommand } from './commands.js';
export { calendarAsOf, currentCalendar, initialWorkCalendarState, type WorkCalendarState } from './state.js';
export { adoptedVersion, nextCalendarVersion } from './evolve.js';
export { calendarStreamId, workCalendarDecider } from './decider.js';
export { DeadlineRule, dueDate, isTimely, type ComputedDeadline } from './deadline.js';
