import { left, right } from 'fp-ts/lib/Either.js';
import { compareDates, eachDate, domainError } from '@laborcase/core';
import { isSchoolDay, schoolYearCoverage } from './calendarVersion.js';
import { DISTRICT_ID, RULE, firstProblem, insideYear, invalidDate, missingLabel, weekday, type Check, type Decision } from './checks.js';
import type { AdoptCalendar } from './commands.js';
import type { CalendarAdoptedEvent } from './events.js';
import { adoptedVersion } from './evolve.js';
import type { WorkCalendarState } from './state.js';
import { calendarStreamId } from './streamId.js';

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

/** Each date's claimants; a holiday may share a date with a break, nothing else may share a date. */
const overlappingClosure = (command: AdoptCalendar): Check => {
  const claimed = new Map<string, 'holiday' | 'break' | 'noStudentDay'>();
  const claim = (date: string, kind: 'holiday' | 'break' | 'noStudentDay', field: string): Check => {
    const previous = claimed.get(date);
    const compatible = previous === undefined || (previous === 'break' && kind === 'holiday');
    if (!compatible) {
      return domainError('DuplicateClosedDate', `${field} ${date} is already closed as a ${previous}`, { rule: RULE.oneClosurePerDate, field });
    }
    claimed.set(date, kind);
    return undefined;
  };
  for (const [i, range] of command.breaks.entries()) {
    for (const date of eachDate(range.first, range.last)) {
      const problem = claim(date, 'break', `breaks[${i}]`);
      if (problem !== undefined) return problem;
    }
  }
  for (const [i, day] of command.noStudentDays.entries()) {
    const problem = claim(day.date, 'noStudentDay', `noStudentDays[${i}].date`);
    if (problem !== undefined) return problem;
  }
  for (const [i, day] of command.holidays.entries()) {
    const problem = claim(day.date, 'holiday', `holidays[${i}].date`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

export const decideAdopt = (command: AdoptCalendar, state: WorkCalendarState): Decision => {
  if (state.status === 'adopted') {
    return left(domainError('CalendarAlreadyAdopted', `calendar ${state.calendarId} is already adopted`, { rule: RULE.adoptOnce, field: 'schoolYear' }));
  }
  const coverage = schoolYearCoverage(command.schoolYear);
  if (coverage === undefined) {
    return left(domainError('InvalidSchoolYear', `school year ${JSON.stringify(command.schoolYear)} is not YYYY-YY with consecutive years`, { rule: RULE.schoolYear, field: 'schoolYear' }));
  }
  const year = { coversFrom: coverage.from, coversThrough: coverage.through, schoolYear: command.schoolYear };
  const problem = firstProblem(
    () => (DISTRICT_ID.test(command.districtId) ? undefined : domainError('InvalidDistrictId', `district id ${JSON.stringify(command.districtId)} is not a lower-case slug`, { rule: RULE.districtId, field: 'districtId' })),
    () => invalidDate('adoptedOn', command.adoptedOn),
    () => firstProblem(...adoptionDates(command).map(([field, date]) => () => invalidDate(field, date))),
    () => firstProblem(...adoptionLabels(command).map(([field, label]) => () => missingLabel(field, label))),
    () => firstProblem(...adoptionDates(command).map(([field, date]) => () => insideYear(year, field, date))),
    () =>
      compareDates(command.firstStudentDay, command.lastStudentDay) <= 0
        ? undefined
        : domainError('FirstStudentDayAfterLast', `first student day ${command.firstStudentDay} is after last ${command.lastStudentDay}`, { rule: RULE.studentDayOrder, field: 'lastStudentDay' }),
    () =>
      firstProblem(
        ...command.breaks.map((b, i) => () =>
          compareDates(b.first, b.last) <= 0 ? undefined : domainError('InvalidBreakRange', `break ${b.label} ends before it starts`, { rule: RULE.breakOrder, field: `breaks[${i}].last` }),
        ),
      ),
    () =>
      firstProblem(
        ...command.holidays.map((h, i) => () => weekday(`holidays[${i}].date`, h.date)),
        ...command.noStudentDays.map((d, i) => () => weekday(`noStudentDays[${i}].date`, d.date)),
      ),
    () => overlappingClosure(command),
  );
  if (problem !== undefined) return left(problem);

  const calendarId = calendarStreamId(command.districtId, command.schoolYear);
  const adopted: CalendarAdoptedEvent = {
    type: 'CalendarAdopted',
    data: {
      calendarId,
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
  };
  const adoptedCalendar = adoptedVersion(adopted.data);
  const boundaries = firstProblem(
    ...(['firstStudentDay', 'lastStudentDay'] as const).map((field) => () =>
      isSchoolDay(adoptedCalendar, command[field])
        ? undefined
        : domainError('StudentDayBoundaryNotInSession', `${field} ${command[field]} is not a school day`, { rule: RULE.boundaryInSession, field }),
    ),
  );
  return boundaries === undefined ? right([adopted]) : left(boundaries);
};

