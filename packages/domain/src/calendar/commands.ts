/**
 * The calendar's commands: per command the codec of what a caller supplies (`…Input`, business input only) and
 * the codec of the decider's command (that input plus `type` and, for an adoption, the district and school year
 * the service takes from the calendar key). Every object codec is strict: an unknown field is an error.
 */
import * as t from 'io-ts';
import { IsoDate, NonEmptyString as Text, checkedString, commandUnion, optional, strictCommand } from '@laborcase/core';
import { schoolYearCoverage } from './calendarVersion.js';
import { ClosureScope } from './events.js';
import { isDistrictId } from './streamId.js';

export const DistrictId = checkedString('DistrictId (a lower-case slug such as "ecps")', isDistrictId);
export const SchoolYear = checkedString('SchoolYear (YYYY-YY, consecutive years, such as "2025-26")', (s) => schoolYearCoverage(s) !== undefined);

export const calendarKeyFields = { districtId: DistrictId, schoolYear: SchoolYear };
/** Which calendar a service call is about; it names the stream. */
export const CalendarKey: t.Decoder<unknown, CalendarKey> = strictCommand('CalendarKey', calendarKeyFields);
export interface CalendarKey {
  readonly districtId: string;
  /** `YYYY-YY`, e.g. `2025-26`; the calendar covers July 1 of the first year through June 30 of the second. */
  readonly schoolYear: string;
}

const LabelledDateInput = strictCommand('LabelledDate', { date: IsoDate, label: Text });
const DateRangeInput = strictCommand('DateRange', { first: IsoDate, last: IsoDate, label: Text });
const AddedClosureInput = strictCommand('AddedClosure', { date: IsoDate, kind: t.keyof({ holiday: null, noStudentDay: null }), label: Text });

interface LabelledDate {
  readonly date: string;
  readonly label: string;
}

/** The fields of an adoption (and of a calendar document) besides the calendar key. */
export const adoptCalendarFields = {
  firstStudentDay: IsoDate,
  lastStudentDay: IsoDate,
  holidays: t.array(LabelledDateInput),
  breaks: t.array(DateRangeInput),
  noStudentDays: t.array(LabelledDateInput),
  adoptedOn: IsoDate,
};

export interface AdoptCalendarInput {
  readonly firstStudentDay: string;
  readonly lastStudentDay: string;
  /** District holidays: closed to students and offices. May fall inside a break. */
  readonly holidays: readonly LabelledDate[];
  /** Breaks: closed to students; offices stay open except on holidays inside the break. */
  readonly breaks: readonly { readonly first: string; readonly last: string; readonly label: string }[];
  /** PD, grading and similar days: closed to students, offices open. */
  readonly noStudentDays: readonly LabelledDate[];
  readonly adoptedOn: string;
}
export interface AdoptCalendar extends CalendarKey, AdoptCalendarInput {
  readonly type: 'AdoptCalendar';
}
export const AdoptCalendarInput: t.Decoder<unknown, AdoptCalendarInput> = strictCommand('AdoptCalendarInput', adoptCalendarFields);
export const AdoptCalendar: t.Decoder<unknown, AdoptCalendar> = strictCommand('AdoptCalendar', {
  type: t.literal('AdoptCalendar'),
  ...calendarKeyFields,
  ...adoptCalendarFields,
});

const declareProps = { date: IsoDate, scope: ClosureScope, reason: Text, declaredOn: IsoDate };
export interface DeclareEmergencyClosureInput {
  readonly date: string;
  readonly scope: ClosureScope;
  readonly reason: string;
  readonly declaredOn: string;
}
export interface DeclareEmergencyClosure extends DeclareEmergencyClosureInput {
  readonly type: 'DeclareEmergencyClosure';
}
export const DeclareEmergencyClosureInput: t.Decoder<unknown, DeclareEmergencyClosureInput> = strictCommand('DeclareEmergencyClosureInput', declareProps);
export const DeclareEmergencyClosure: t.Decoder<unknown, DeclareEmergencyClosure> = strictCommand('DeclareEmergencyClosure', {
  type: t.literal('DeclareEmergencyClosure'),
  ...declareProps,
});

const rescindProps = { date: IsoDate, reason: Text, rescindedOn: IsoDate };
export interface RescindEmergencyClosureInput {
  readonly date: string;
  readonly reason: string;
  readonly rescindedOn: string;
}
export interface RescindEmergencyClosure extends RescindEmergencyClosureInput {
  readonly type: 'RescindEmergencyClosure';
}
export const RescindEmergencyClosureInput: t.Decoder<unknown, RescindEmergencyClosureInput> = strictCommand('RescindEmergencyClosureInput', rescindProps);
export const RescindEmergencyClosure: t.Decoder<unknown, RescindEmergencyClosure> = strictCommand('RescindEmergencyClosure', {
  type: t.literal('RescindEmergencyClosure'),
  ...rescindProps,
});

const amendProps = {
  addClosures: t.array(AddedClosureInput),
  reopenDates: t.array(LabelledDateInput),
  lastStudentDay: optional(IsoDate),
  reason: Text,
  amendedOn: IsoDate,
};
export interface AmendCalendarInput {
  readonly addClosures: readonly { readonly date: string; readonly kind: 'holiday' | 'noStudentDay'; readonly label: string }[];
  /** Closed dates that become ordinary days again (make-up days); the label says what they become. */
  readonly reopenDates: readonly LabelledDate[];
  readonly lastStudentDay?: string;
  readonly reason: string;
  readonly amendedOn: string;
}
export interface AmendCalendar extends AmendCalendarInput {
  readonly type: 'AmendCalendar';
}
export const AmendCalendarInput: t.Decoder<unknown, AmendCalendarInput> = strictCommand('AmendCalendarInput', amendProps);
export const AmendCalendar: t.Decoder<unknown, AmendCalendar> = strictCommand('AmendCalendar', { type: t.literal('AmendCalendar'), ...amendProps });

export type WorkCalendarCommand = AdoptCalendar | DeclareEmergencyClosure | RescindEmergencyClosure | AmendCalendar;

/** Any calendar command, chosen by its `type`: the `commandCodec` of a calendar command handler. */
export const WorkCalendarCommand = commandUnion<WorkCalendarCommand>('WorkCalendarCommand', {
  AdoptCalendar,
  DeclareEmergencyClosure,
  RescindEmergencyClosure,
  AmendCalendar,
});
