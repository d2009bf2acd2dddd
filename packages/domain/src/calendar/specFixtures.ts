/**
 * A small made-up calendar ("TCPS" 2025-26) and command generators shared by this folder's specs.
 * Not part of the public API.
 */
import * as fc from 'fast-check';
import { addDays } from '@laborcase/core';
import type { AdoptCalendar, AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure, WorkCalendarCommand } from './commands.js';
import type { CalendarAdoptedEvent } from './events.js';
import type { Limit } from './limit.js';

export const adoptTcps: AdoptCalendar = {
  type: 'AdoptCalendar',
  districtId: 'tcps',
  schoolYear: '2025-26',
  firstStudentDay: '2025-09-02',
  lastStudentDay: '2026-06-12',
  holidays: [
    { date: '2025-11-27', label: 'Thanksgiving Day' },
    { date: '2025-12-25', label: 'Christmas Day' },
  ],
  breaks: [{ first: '2025-12-22', last: '2026-01-02', label: 'Winter break' }],
  noStudentDays: [{ date: '2025-10-10', label: 'PD day' }],
  adoptedOn: '2025-05-01',
};

export const tcpsAdopted: CalendarAdoptedEvent = {
  type: 'CalendarAdopted',
  data: {
    calendarId: 'calendar-tcps-2025-26',
    districtId: 'tcps',
    schoolYear: '2025-26',
    calendarVersion: 1,
    firstStudentDay: '2025-09-02',
    lastStudentDay: '2026-06-12',
    holidays: [
      { date: '2025-11-27', label: 'Thanksgiving Day' },
      { date: '2025-12-25', label: 'Christmas Day' },
    ],
    breaks: [{ first: '2025-12-22', last: '2026-01-02', label: 'Winter break' }],
    noStudentDays: [{ date: '2025-10-10', label: 'PD day' }],
    adoptedOn: '2025-05-01',
  },
};

/** Dates from a little before to a little after the TCPS coverage (2025-07-01..2026-06-30). */
export const dateAround = fc.integer({ min: -10, max: 375 }).map((offset) => addDays('2025-07-01', offset));
/** Dates inside the TCPS coverage. */
export const dateInCoverage = fc.integer({ min: 0, max: 364 }).map((offset) => addDays('2025-07-01', offset));

const declare: fc.Arbitrary<DeclareEmergencyClosure> = fc.record({
  type: fc.constant('DeclareEmergencyClosure' as const),
  date: dateAround,
  scope: fc.constantFrom('schoolsAndOffices' as const, 'schoolsOnly' as const),
  reason: fc.constantFrom('Snow', 'Ice', ''),
  declaredOn: fc.constant('2026-01-01'),
});

const rescind: fc.Arbitrary<RescindEmergencyClosure> = fc.record({
  type: fc.constant('RescindEmergencyClosure' as const),
  date: dateAround,
  reason: fc.constant('Recorded in error'),
  rescindedOn: fc.constant('2026-01-02'),
});

const amend: fc.Arbitrary<AmendCalendar> = fc.record(
  {
    type: fc.constant('AmendCalendar' as const),
    addClosures: fc.array(
      fc.record({ date: dateAround, kind: fc.constantFrom('holiday' as const, 'noStudentDay' as const), label: fc.constant('Board amendment') }),
      { maxLength: 3 },
    ),
    reopenDates: fc.array(fc.record({ date: dateAround, label: fc.constant('Make-up day') }), { maxLength: 2 }),
    lastStudentDay: dateAround,
    reason: fc.constant('Board vote'),
    amendedOn: fc.constant('2026-02-01'),
  },
  { requiredKeys: ['type', 'addClosures', 'reopenDates', 'reason', 'amendedOn'] },
);

/** Any calendar command, mostly plausible, sometimes invalid, so histories exercise rejections too. */
export const anyCommand: fc.Arbitrary<WorkCalendarCommand> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<WorkCalendarCommand>(adoptTcps) },
  { weight: 4, arbitrary: declare },
  { weight: 1, arbitrary: rescind },
  { weight: 2, arbitrary: amend },
);

/** Command lists that start with the adoption, so most later commands apply. */
export const commandsAfterAdoption: fc.Arbitrary<readonly WorkCalendarCommand[]> = fc
  .array(anyCommand, { maxLength: 12 })
  .map((commands) => [adoptTcps, ...commands]);

export const anyLimit: fc.Arbitrary<Limit> = fc.record(
  {
    n: fc.nat({ max: 40 }),
    dayType: fc.constantFrom('school' as const, 'working' as const, 'calendar' as const),
    summerDayType: fc.constantFrom('working' as const, 'calendar' as const),
  },
  { requiredKeys: ['n', 'dayType'] },
);
