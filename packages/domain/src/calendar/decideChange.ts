import { left, right } from 'fp-ts/lib/Either.js';
import { compareDates, isWeekend, domainError } from '@laborcase/core';
import { closureOn, type CalendarVersion } from './calendarVersion.js';
import { RULE, firstProblem, insideYear, invalidDate, missingLabel, notABoundary, notClosed, weekday, type Check, type Decision } from './checks.js';
import type { AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure } from './commands.js';
import type { CalendarAmendedEvent } from './events.js';

export const decideDeclare = (command: DeclareEmergencyClosure, calendar: CalendarVersion): Decision => {
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

export const decideRescind = (command: RescindEmergencyClosure, calendar: CalendarVersion): Decision => {
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

export const decideAmend = (command: AmendCalendar, calendar: CalendarVersion): Decision => {
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

