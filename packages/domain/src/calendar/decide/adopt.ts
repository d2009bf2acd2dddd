import { right } from 'fp-ts/lib/Either.js';
import { compareDates, eachDate, firstFailure, reject, type Check } from '@laborcase/core';
import { isSchoolDay, schoolYearCoverage } from '../calendarVersion.js';
import type { AdoptCalendar } from '../commands.js';
import { CalendarErrors, CalendarRules } from '../errors.js';
import type { CalendarAdoptedEvent } from '../events.js';
import { adoptedVersion, type WorkCalendarState } from '../state.js';
import { calendarStreamId, isDistrictId } from '../streamId.js';
import { eachOf, insideYear, labelled, validDate, weekday, type Decision } from './checks.js';

type ClosureKind = 'holiday' | 'break' | 'noStudentDay';

const adoptionDates = (command: AdoptCalendar): ReadonlyArray<readonly [string, string]> => [
  ['firstStudentDay', command.firstStudentDay],
  ['lastStudentDay', command.lastStudentDay],
  ...command.holidays.map((h, i) => [`holidays[${i}].date`, h.date] as const),
  ...command.breaks.flatMap((b, i) => [[`breaks[${i}].first`, b.first] as const, [`breaks[${i}].last`, b.last] as const]),
  ...command.noStudentDays.map((d, i) => [`noStudentDays[${i}].date`, d.date] as const),
];

const adoptionLabels = (command: AdoptCalendar): ReadonlyArray<readonly [string, string]> => [
  ...command.holidays.map((h, i) => [`holidays[${i}].label`, h.label] as const),
  ...command.breaks.map((b, i) => [`breaks[${i}].label`, b.label] as const),
  ...command.noStudentDays.map((d, i) => [`noStudentDays[${i}].label`, d.label] as const),
];

const notYetAdopted = (state: WorkCalendarState): Check =>
  state.status === 'adopted'
    ? reject(CalendarErrors.calendarAlreadyAdopted, `calendar ${state.calendarId} is already adopted`, CalendarRules.adoptOnce, 'schoolYear')
    : undefined;

const invalidSchoolYear = (schoolYear: string): Check =>
  reject(CalendarErrors.invalidSchoolYear, `school year ${JSON.stringify(schoolYear)} is not YYYY-YY with consecutive years`, CalendarRules.schoolYear, 'schoolYear');

const yearOf = (schoolYear: string, coverage: { readonly from: string; readonly through: string }) => ({ coversFrom: coverage.from, coversThrough: coverage.through, schoolYear });

const slugDistrictId = (districtId: string): Check =>
  isDistrictId(districtId)
    ? undefined
    : reject(CalendarErrors.invalidDistrictId, `district id ${JSON.stringify(districtId)} is not a lower-case slug`, CalendarRules.districtId, 'districtId');

const studentDaysInOrder = (command: AdoptCalendar): Check =>
  compareDates(command.firstStudentDay, command.lastStudentDay) <= 0
    ? undefined
    : reject(CalendarErrors.firstStudentDayAfterLast, `first student day ${command.firstStudentDay} is after last ${command.lastStudentDay}`, CalendarRules.studentDayOrder, 'lastStudentDay');

const breaksInOrder = (command: AdoptCalendar): Check =>
  firstFailure(
    ...command.breaks.map((b, i) => () =>
      compareDates(b.first, b.last) <= 0
        ? undefined
        : reject(CalendarErrors.invalidBreakRange, `break ${b.label} ends before it starts`, CalendarRules.breakOrder, `breaks[${i}].last`),
    ),
  );

/** Each date's claimants; a holiday may share a date with a break, nothing else may share a date. */
const eachDateClosedOnce = (command: AdoptCalendar): Check => {
  const claimed = new Map<string, ClosureKind>();
  const claim = (date: string, kind: ClosureKind, field: string): Check => {
    const previous = claimed.get(date);
    if (previous !== undefined && !(previous === 'break' && kind === 'holiday')) {
      return reject(CalendarErrors.duplicateClosedDate, `${field} ${date} is already closed as a ${previous}`, CalendarRules.oneClosurePerDate, field);
    }
    claimed.set(date, kind);
    return undefined;
  };
  return firstFailure(
    ...command.breaks.flatMap((range, i) => eachDate(range.first, range.last).map((date) => () => claim(date, 'break', `breaks[${i}]`))),
    ...command.noStudentDays.map((day, i) => () => claim(day.date, 'noStudentDay', `noStudentDays[${i}].date`)),
    ...command.holidays.map((day, i) => () => claim(day.date, 'holiday', `holidays[${i}].date`)),
  );
};

const adoptedEvent = (command: AdoptCalendar): CalendarAdoptedEvent => ({
  type: 'CalendarAdopted',
  data: {
    calendarId: calendarStreamId(command.districtId, command.schoolYear),
    districtId: command.districtId,
    schoolYear: command.schoolYear,
    calendarVersion: 1,
    firstStudentDay: command.firstStudentDay,
    lastStudentDay: command.lastStudentDay,
    holidays: command.holidays.map(({ date, label }) => ({ date, label })),
    breaks: command.breaks.map(({ first, last, label }) => ({ first, last, label })),
    noStudentDays: command.noStudentDays.map(({ date, label }) => ({ date, label })),
    adoptedOn: command.adoptedOn,
  },
});

/** Whether the first and last student days are school days of the calendar the adoption would create. */
const boundariesInSession = (event: CalendarAdoptedEvent): Check => {
  const calendar = adoptedVersion(event.data);
  return firstFailure(
    ...(['firstStudentDay', 'lastStudentDay'] as const).map((field) => () =>
      isSchoolDay(calendar, event.data[field])
        ? undefined
        : reject(CalendarErrors.studentDayBoundaryNotInSession, `${field} ${event.data[field]} is not a school day`, CalendarRules.boundaryInSession, field),
    ),
  );
};

export const decideAdopt = (command: AdoptCalendar, state: WorkCalendarState): Decision => {
  const coverage = schoolYearCoverage(command.schoolYear);
  const failure = firstFailure(
    notYetAdopted(state),
    () => (coverage === undefined ? invalidSchoolYear(command.schoolYear) : undefined),
    () => slugDistrictId(command.districtId),
    () => validDate('adoptedOn', command.adoptedOn),
    () => eachOf(adoptionDates(command), validDate),
    () => eachOf(adoptionLabels(command), labelled),
    () => (coverage === undefined ? undefined : eachOf(adoptionDates(command), (field, date) => insideYear(yearOf(command.schoolYear, coverage), field, date))),
    () => studentDaysInOrder(command),
    () => breaksInOrder(command),
    () =>
      firstFailure(
        ...command.holidays.map((h, i) => () => weekday(`holidays[${i}].date`, h.date)),
        ...command.noStudentDays.map((d, i) => () => weekday(`noStudentDays[${i}].date`, d.date)),
      ),
    () => eachDateClosedOnce(command),
  );
  if (failure !== undefined) return failure;
  const adopted = adoptedEvent(command);
  return boundariesInSession(adopted) ?? right([adopted]);
};
