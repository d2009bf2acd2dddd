import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { isIsoDate } from '../codecs/primitives.js';
import { compareDates, eachDate, isWeekend } from '../kernel/dates.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import { closureOn, schoolYearCoverage, type CalendarVersion } from './calendarVersion.js';
import type { AdoptCalendar, AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure, WorkCalendarCommand } from './commands.js';
import { calendarStreamId } from './streamId.js';
import type { CalendarAmendedEvent, WorkCalendarEvent } from './events.js';
import { currentCalendar, type WorkCalendarState } from './state.js';

type Decision = Either<DomainError, readonly WorkCalendarEvent[]>;
type Check = DomainError | undefined;

const RULE = {
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
} as const;

const DISTRICT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const firstProblem = (...checks: ReadonlyArray<() => Check>): Check => {
  for (const check of checks) {
    const problem = check();
    if (problem !== undefined) return problem;
  }
  return undefined;
};

const invalidDate = (field: string, value: string): Check =>
  isIsoDate(value) ? undefined : domainError('InvalidDate', `${field} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`, { rule: RULE.validDate, field });

const missingLabel = (field: string, value: string): Check =>
  value.trim().length > 0 ? undefined : domainError('MissingLabel', `${field} must not be blank`, { rule: RULE.label, field });

const insideYear = (calendar: Pick<CalendarVersion, 'coversFrom' | 'coversThrough' | 'schoolYear'>, field: string, date: string): Check =>
  compareDates(date, calendar.coversFrom) >= 0 && compareDates(date, calendar.coversThrough) <= 0
    ? undefined
    : domainError('DateOutsideSchoolYear', `${field} ${date} is outside school year ${calendar.schoolYear} (${calendar.coversFrom}..${calendar.coversThrough})`, {
        rule: RULE.insideYear,
        field,
      });

const weekday = (field: string, date: string): Check =>
  isWeekend(date) ? domainError('ClosureOnWeekend', `${field} ${date} is a weekend day`, { rule: RULE.weekday, field }) : undefined;

const notClosed = (calendar: CalendarVersion, field: string, date: string): Check => {
  const closure = closureOn(calendar, date);
  return closure === undefined
    ? undefined
    : domainError('DateAlreadyClosed', `${field} ${date} is already closed (${closure.kind}: ${closure.label})`, { rule: RULE.notAlreadyClosed, field });
};

const notABoundary = (calendar: CalendarVersion, field: string, date: string): Check =>
  date === calendar.firstStudentDay || date === calendar.lastStudentDay
    ? domainError('StudentDayBoundaryNotInSession', `${field} ${date} is the first or last student day; move it first`, { rule: RULE.boundaryInSession, field })
    : undefined;

// ---- AdoptCalendar --------------------------------------------------------------------------------------------

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

const decideAdopt = (command: AdoptCalendar, state: WorkCalendarState): Decision => {
  if (state.status === 'adopted') {
    return left(domainError('CalendarAlreadyAdopted', `calendar ${state.calendarId} is already adopted`, { rule: RULE.adoptOnce, field: 'schoolYear' }));
  }
  const coverage = schoolYearCoverage(command.schoolYear);
  const year = coverage && { coversFrom: coverage.from, coversThrough: coverage.through, schoolYear: command.schoolYear };
  const problem = firstProblem(
    () => (DISTRICT_ID.test(command.districtId) ? undefined : domainError('InvalidDistrictId', `district id ${JSON.stringify(command.districtId)} is not a lower-case slug`, { rule: RULE.districtId, field: 'districtId' })),
    () => (year ? undefined : domainError('InvalidSchoolYear', `school year ${JSON.stringify(command.schoolYear)} is not YYYY-YY with consecutive years`, { rule: RULE.schoolYear, field: 'schoolYear' })),
    () => invalidDate('adoptedOn', command.adoptedOn),
    () => firstProblem(...adoptionDates(command).map(([field, date]) => () => invalidDate(field, date))),
    () => firstProblem(...adoptionLabels(command).map(([field, label]) => () => missingLabel(field, label))),
    () => firstProblem(...adoptionDates(command).map(([field, date]) => () => insideYear(year!, field, date))),
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
  const adopted: WorkCalendarEvent = {
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
  const boundaries = firstProblem(
    ...(['firstStudentDay', 'lastStudentDay'] as const).map((field) => () => {
      const date = command[field];
      const closed = isWeekend(date) || [...command.holidays, ...command.noStudentDays].some((d) => d.date === date) || command.breaks.some((b) => compareDates(b.first, date) <= 0 && compareDates(date, b.last) <= 0);
      return closed ? domainError('StudentDayBoundaryNotInSession', `${field} ${date} is not a school day`, { rule: RULE.boundaryInSession, field }) : undefined;
    }),
  );
  return boundaries === undefined ? right([adopted]) : left(boundaries);
};

// ---- changes after adoption -----------------------------------------------------------------------------------

const notAdopted = (): Decision =>
  left(domainError('CalendarNotAdopted', 'no calendar has been adopted for this district and school year', { rule: RULE.adoptedFirst }));

const decideDeclare = (command: DeclareEmergencyClosure, calendar: CalendarVersion): Decision => {
  const problem = firstProblem(
    () => invalidDate('date', command.date),
    () => invalidDate('declaredOn', command.declaredOn),
    () => missingLabel('reason', command.reason),
    () => insideYear(calendar, 'date', command.date),
    () => weekday('date', command.date),
    () => notClosed(calendar, 'date', command.date),
  );
  if (problem !== undefined) return left(problem);
  return right([
    {
      type: 'EmergencyClosureDeclared',
      data: { calendarVersion: calendar.version + 1, date: command.date, scope: command.scope, reason: command.reason, declaredOn: command.declaredOn },
    },
  ]);
};

const decideRescind = (command: RescindEmergencyClosure, calendar: CalendarVersion): Decision => {
  const problem = firstProblem(
    () => invalidDate('date', command.date),
    () => invalidDate('rescindedOn', command.rescindedOn),
    () => missingLabel('reason', command.reason),
    () =>
      closureOn(calendar, command.date)?.kind === 'emergencyClosure'
        ? undefined
        : domainError('NoEmergencyClosureOnDate', `no emergency closure is recorded on ${command.date}`, { rule: RULE.emergencyToRescind, field: 'date' }),
  );
  if (problem !== undefined) return left(problem);
  return right([
    { type: 'EmergencyClosureRescinded', data: { calendarVersion: calendar.version + 1, date: command.date, reason: command.reason, rescindedOn: command.rescindedOn } },
  ]);
};

const checkReopen = (calendar: CalendarVersion, field: string, date: string): Check => {
  const closure = closureOn(calendar, date);
  if (closure === undefined) return domainError('DateNotClosed', `${field} ${date} is not closed`, { rule: RULE.closedToReopen, field });
  if (closure.kind === 'emergencyClosure') {
    return domainError('EmergencyClosureNotAmendable', `${field} ${date} is an emergency closure; rescind it instead`, { rule: RULE.rescindEmergencyOnly, field });
  }
  return undefined;
};

const checkNewLastStudentDay = (calendar: CalendarVersion, command: AmendCalendar, date: string): Check => {
  const closedAfterAmendment =
    command.addClosures.some((c) => c.date === date) || (closureOn(calendar, date) !== undefined && !command.reopenDates.some((r) => r.date === date));
  return firstProblem(
    () => invalidDate('lastStudentDay', date),
    () => insideYear(calendar, 'lastStudentDay', date),
    () =>
      compareDates(calendar.firstStudentDay, date) <= 0
        ? undefined
        : domainError('FirstStudentDayAfterLast', `last student day ${date} would precede the first ${calendar.firstStudentDay}`, { rule: RULE.studentDayOrder, field: 'lastStudentDay' }),
    () =>
      isWeekend(date) || closedAfterAmendment
        ? domainError('StudentDayBoundaryNotInSession', `last student day ${date} would not be a school day`, { rule: RULE.boundaryInSession, field: 'lastStudentDay' })
        : undefined,
  );
};

const decideAmend = (command: AmendCalendar, calendar: CalendarVersion): Decision => {
  const lastStudentDay = command.lastStudentDay !== undefined && command.lastStudentDay !== calendar.lastStudentDay ? command.lastStudentDay : undefined;
  const touched = [...command.addClosures.map((c, i) => [`addClosures[${i}].date`, c.date] as const), ...command.reopenDates.map((r, i) => [`reopenDates[${i}].date`, r.date] as const)];
  const problem = firstProblem(
    () =>
      command.addClosures.length === 0 && command.reopenDates.length === 0 && lastStudentDay === undefined
        ? domainError('EmptyAmendment', 'the amendment changes nothing', { rule: RULE.nonEmptyAmendment, field: 'addClosures' })
        : undefined,
    () => invalidDate('amendedOn', command.amendedOn),
    () => missingLabel('reason', command.reason),
    () => firstProblem(...touched.map(([field, date]) => () => invalidDate(field, date))),
    () =>
      firstProblem(
        ...command.addClosures.map((c, i) => () => missingLabel(`addClosures[${i}].label`, c.label)),
        ...command.reopenDates.map((r, i) => () => missingLabel(`reopenDates[${i}].label`, r.label)),
      ),
    () => firstProblem(...touched.map(([field, date]) => () => insideYear(calendar, field, date))),
    () => {
      const seen = new Set<string>();
      for (const [field, date] of touched) {
        if (seen.has(date)) return domainError('DuplicateClosedDate', `${field} ${date} appears twice in the amendment`, { rule: RULE.oneClosurePerDate, field });
        seen.add(date);
      }
      return undefined;
    },
    () =>
      firstProblem(
        ...command.addClosures.flatMap((c, i) => [
          () => weekday(`addClosures[${i}].date`, c.date),
          () => notClosed(calendar, `addClosures[${i}].date`, c.date),
          () => (lastStudentDay === undefined || c.date !== calendar.lastStudentDay ? notABoundary(calendar, `addClosures[${i}].date`, c.date) : undefined),
        ]),
      ),
    () => firstProblem(...command.reopenDates.map((r, i) => () => checkReopen(calendar, `reopenDates[${i}].date`, r.date))),
    () => (lastStudentDay === undefined ? undefined : checkNewLastStudentDay(calendar, command, lastStudentDay)),
  );
  if (problem !== undefined) return left(problem);
  const data: CalendarAmendedEvent['data'] = {
    calendarVersion: calendar.version + 1,
    closuresAdded: command.addClosures.map(({ date, kind, label }) => ({ date, kind, label })),
    datesReopened: command.reopenDates.map(({ date, label }) => ({ date, label })),
    reason: command.reason,
    amendedOn: command.amendedOn,
    ...(lastStudentDay === undefined ? {} : { lastStudentDay }),
  };
  return right([{ type: 'CalendarAmended', data }]);
};

export const decide = (command: WorkCalendarCommand, state: WorkCalendarState): Decision => {
  if (command.type === 'AdoptCalendar') return decideAdopt(command, state);
  const calendar = currentCalendar(state);
  if (calendar === undefined) return notAdopted();
  switch (command.type) {
    case 'DeclareEmergencyClosure':
      return decideDeclare(command, calendar);
    case 'RescindEmergencyClosure':
      return decideRescind(command, calendar);
    case 'AmendCalendar':
      return decideAmend(command, calendar);
  }
};
