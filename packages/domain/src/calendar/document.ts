/**
 * A school-year calendar as reference data: the JSON document a district publishes (see README.md, "Calendar
 * documents"), its codec, and the adoption it stands for.
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { NonEmptyString as Text, decodeCommand, invalidCommand, optional, strictCommand, type DomainError } from '@laborcase/core';
import { adoptCalendarFields, calendarKeyFields, type AdoptCalendar, type AdoptCalendarInput, type CalendarKey } from './commands.js';

export interface CalendarDocument extends CalendarKey, AdoptCalendarInput {
  /** Free text about the document itself (source, approval); not recorded in the calendar's events. */
  readonly description?: string;
}

export const CalendarDocument: t.Decoder<unknown, CalendarDocument> = strictCommand('CalendarDocument', {
  description: optional(Text),
  ...calendarKeyFields,
  ...adoptCalendarFields,
});

/** Validate a calendar document; a bad one is `Left InvalidCommand` naming the first offending field (`holidays.3.date`). */
export const decodeCalendarDocument = (document: unknown): Either<DomainError, CalendarDocument> => decodeCommand(CalendarDocument, document, 'calendar document');

/** Parse and validate a calendar document's JSON text; text that is not JSON is `Left InvalidCommand` at the root. */
export const parseCalendarDocument = (text: string): Either<DomainError, CalendarDocument> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return left(invalidCommand('calendar document', [{ path: '(root)', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }]));
  }
  return decodeCalendarDocument(parsed);
};

/** The calendar key and adoption input a document stands for. */
export const adoptionOfDocument = (document: CalendarDocument): { readonly key: CalendarKey; readonly input: AdoptCalendarInput } => {
  const { districtId, schoolYear, description: _description, ...input } = document;
  return { key: { districtId, schoolYear }, input };
};

/** The document of an adoption command, e.g. to publish an adopted calendar as reference data. */
export const calendarDocumentOf = (command: AdoptCalendar, description?: string): CalendarDocument => ({
  ...(description === undefined ? {} : { description }),
  districtId: command.districtId,
  schoolYear: command.schoolYear,
  firstStudentDay: command.firstStudentDay,
  lastStudentDay: command.lastStudentDay,
  holidays: command.holidays.map(({ date, label }) => ({ date, label })),
  breaks: command.breaks.map(({ first, last, label }) => ({ first, last, label })),
  noStudentDays: command.noStudentDays.map(({ date, label }) => ({ date, label })),
  adoptedOn: command.adoptedOn,
});
