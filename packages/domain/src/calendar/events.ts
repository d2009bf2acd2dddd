import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, defineEventType, type EventOfDefinition } from '@laborcase/core';

/** A single closed date with its published label ("Labor Day", "PD day, no students"). */
export const LabelledDate = t.type({ date: IsoDate, label: NonEmptyString }, 'LabelledDate');
export type LabelledDate = t.TypeOf<typeof LabelledDate>;

/** A break (winter, spring): every date from `first` to `last`, both included, weekends too. */
export const DateRange = t.type({ first: IsoDate, last: IsoDate, label: NonEmptyString }, 'DateRange');
export type DateRange = t.TypeOf<typeof DateRange>;

/**
 * Who an emergency closure closes: `schoolsAndOffices` (snow day: no students, no office work) or
 * `schoolsOnly` (students sent home, offices open, e.g. a heating failure across buildings).
 */
export const ClosureScope = t.keyof({ schoolsAndOffices: null, schoolsOnly: null }, 'ClosureScope');
export type ClosureScope = t.TypeOf<typeof ClosureScope>;

/** A closure an amendment adds: a district holiday (closes offices) or a no-student day (offices open). */
export const AddedClosure = t.type(
  { date: IsoDate, kind: t.keyof({ holiday: null, noStudentDay: null }), label: NonEmptyString },
  'AddedClosure',
);
export type AddedClosure = t.TypeOf<typeof AddedClosure>;

const CalendarVersionNumber = NonNegativeInteger;

export const CalendarAdopted = defineEventType(
  'CalendarAdopted',
  1,
  t.type({
    calendarId: NonEmptyString,
    districtId: NonEmptyString,
    schoolYear: NonEmptyString,
    calendarVersion: CalendarVersionNumber,
    firstStudentDay: IsoDate,
    lastStudentDay: IsoDate,
    holidays: t.array(LabelledDate),
    breaks: t.array(DateRange),
    noStudentDays: t.array(LabelledDate),
    adoptedOn: IsoDate,
  }),
);

export const EmergencyClosureDeclared = defineEventType(
  'EmergencyClosureDeclared',
  1,
  t.type({
    calendarVersion: CalendarVersionNumber,
    date: IsoDate,
    scope: ClosureScope,
    reason: NonEmptyString,
    declaredOn: IsoDate,
  }),
);

/** Correction: an emergency closure recorded in error (wrong date, never happened) is taken back. */
export const EmergencyClosureRescinded = defineEventType(
  'EmergencyClosureRescinded',
  1,
  t.type({
    calendarVersion: CalendarVersionNumber,
    date: IsoDate,
    reason: NonEmptyString,
    rescindedOn: IsoDate,
  }),
);

/** A board amendment: new closed dates, dates reopened (e.g. make-up days) and/or a new last student day. */
export const CalendarAmended = defineEventType(
  'CalendarAmended',
  1,
  t.intersection([
    t.type({
      calendarVersion: CalendarVersionNumber,
      closuresAdded: t.array(AddedClosure),
      datesReopened: t.array(LabelledDate),
      reason: NonEmptyString,
      amendedOn: IsoDate,
    }),
    t.partial({ lastStudentDay: IsoDate }),
  ]),
);

export const workCalendarEventDefinitions = [
  CalendarAdopted,
  EmergencyClosureDeclared,
  EmergencyClosureRescinded,
  CalendarAmended,
] as const;

export type CalendarAdoptedEvent = EventOfDefinition<typeof CalendarAdopted>;
export type EmergencyClosureDeclaredEvent = EventOfDefinition<typeof EmergencyClosureDeclared>;
export type EmergencyClosureRescindedEvent = EventOfDefinition<typeof EmergencyClosureRescinded>;
export type CalendarAmendedEvent = EventOfDefinition<typeof CalendarAmended>;

export type WorkCalendarEvent =
  | CalendarAdoptedEvent
  | EmergencyClosureDeclaredEvent
  | EmergencyClosureRescindedEvent
  | CalendarAmendedEvent;
