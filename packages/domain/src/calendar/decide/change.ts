import { right } from 'fp-ts/lib/Either.js';
import { compareDates, firstFailure, isWeekend, reject, type Check } from '@laborcase/core';
import { closureOn, type CalendarVersion } from '../calendarVersion.js';
import type { AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure } from '../commands.js';
import { CalendarErrors, CalendarRules } from '../errors.js';
import type { CalendarAmendedEvent } from '../events.js';
import { eachOf, insideYear, labelled, notABoundary, notClosed, validDate, weekday, type Decision } from './checks.js';

export const decideDeclare = (command: DeclareEmergencyClosure, calendar: CalendarVersion): Decision => {
  const failure = firstFailure(
    () => validDate('date', command.date),
    () => validDate('declaredOn', command.declaredOn),
    () => labelled('reason', command.reason),
    () => insideYear(calendar, 'date', command.date),
    () => weekday('date', command.date),
    () => notClosed(calendar, 'date', command.date),
  );
  if (failure !== undefined) return failure;
  return right([
    {
      type: 'EmergencyClosureDeclared',
      data: { calendarVersion: calendar.version + 1, date: command.date, scope: command.scope, reason: command.reason, declaredOn: command.declaredOn },
    },
  ]);
};

const emergencyClosureOn = (calendar: CalendarVersion, date: string): Check =>
  closureOn(calendar, date)?.kind === 'emergencyClosure'
    ? undefined
    : reject(CalendarErrors.noEmergencyClosureOnDate, `no emergency closure is recorded on ${date}`, CalendarRules.emergencyToRescind, 'date');

export const decideRescind = (command: RescindEmergencyClosure, calendar: CalendarVersion): Decision => {
  const failure = firstFailure(
    () => validDate('date', command.date),
    () => validDate('rescindedOn', command.rescindedOn),
    () => labelled('reason', command.reason),
    () => emergencyClosureOn(calendar, command.date),
  );
  if (failure !== undefined) return failure;
  return right([
    { type: 'EmergencyClosureRescinded', data: { calendarVersion: calendar.version + 1, date: command.date, reason: command.reason, rescindedOn: command.rescindedOn } },
  ]);
};

const reopenable = (calendar: CalendarVersion, field: string, date: string): Check => {
  const closure = closureOn(calendar, date);
  if (closure === undefined) return reject(CalendarErrors.dateNotClosed, `${field} ${date} is not closed`, CalendarRules.closedToReopen, field);
  return closure.kind === 'emergencyClosure'
    ? reject(CalendarErrors.emergencyClosureNotAmendable, `${field} ${date} is an emergency closure; rescind it instead`, CalendarRules.rescindEmergencyOnly, field)
    : undefined;
};

const validNewLastStudentDay = (calendar: CalendarVersion, command: AmendCalendar, date: string): Check => {
  const closedAfterAmendment =
    command.addClosures.some((c) => c.date === date) || (closureOn(calendar, date) !== undefined && !command.reopenDates.some((r) => r.date === date));
  return firstFailure(
    () => validDate('lastStudentDay', date),
    () => insideYear(calendar, 'lastStudentDay', date),
    () =>
      compareDates(calendar.firstStudentDay, date) <= 0
        ? undefined
        : reject(
            CalendarErrors.firstStudentDayAfterLast,
            `last student day ${date} would precede the first ${calendar.firstStudentDay}`,
            CalendarRules.studentDayOrder,
            'lastStudentDay',
          ),
    () =>
      isWeekend(date) || closedAfterAmendment
        ? reject(CalendarErrors.studentDayBoundaryNotInSession, `last student day ${date} would not be a school day`, CalendarRules.boundaryInSession, 'lastStudentDay')
        : undefined,
  );
};

const eachDateOnce = (touched: ReadonlyArray<readonly [string, string]>): Check => {
  const seen = new Set<string>();
  return eachOf(touched, (field, date) => {
    if (seen.has(date)) return reject(CalendarErrors.duplicateClosedDate, `${field} ${date} appears twice in the amendment`, CalendarRules.oneClosurePerDate, field);
    seen.add(date);
    return undefined;
  });
};

export const decideAmend = (command: AmendCalendar, calendar: CalendarVersion): Decision => {
  // A last student day equal to the current one is no change.
  const lastStudentDay = command.lastStudentDay !== undefined && command.lastStudentDay !== calendar.lastStudentDay ? command.lastStudentDay : undefined;
  const touched = [
    ...command.addClosures.map((c, i) => [`addClosures[${i}].date`, c.date] as const),
    ...command.reopenDates.map((r, i) => [`reopenDates[${i}].date`, r.date] as const),
  ];
  const failure = firstFailure(
    command.addClosures.length === 0 && command.reopenDates.length === 0 && lastStudentDay === undefined
      ? reject(CalendarErrors.emptyAmendment, 'the amendment changes nothing', CalendarRules.nonEmptyAmendment, 'addClosures')
      : undefined,
    () => validDate('amendedOn', command.amendedOn),
    () => labelled('reason', command.reason),
    () => eachOf(touched, validDate),
    () =>
      eachOf(
        [...command.addClosures.map((c, i) => [`addClosures[${i}].label`, c.label] as const), ...command.reopenDates.map((r, i) => [`reopenDates[${i}].label`, r.label] as const)],
        labelled,
      ),
    () => eachOf(touched, (field, date) => insideYear(calendar, field, date)),
    () => eachDateOnce(touched),
    () =>
      firstFailure(
        ...command.addClosures.flatMap((c, i) => [
          () => weekday(`addClosures[${i}].date`, c.date),
          () => notClosed(calendar, `addClosures[${i}].date`, c.date),
          // The old last student day may close when the amendment moves it.
          () => (lastStudentDay === undefined || c.date !== calendar.lastStudentDay ? notABoundary(calendar, `addClosures[${i}].date`, c.date) : undefined),
        ]),
      ),
    () => eachOf(command.reopenDates.map((r, i) => [`reopenDates[${i}].date`, r.date] as const), (field, date) => reopenable(calendar, field, date)),
    () => (lastStudentDay === undefined ? undefined : validNewLastStudentDay(calendar, command, lastStudentDay)),
  );
  if (failure !== undefined) return failure;
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
