import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import type { AdoptCalendar, AmendCalendar, DeclareEmergencyClosure, RescindEmergencyClosure } from './commands.js';
import { workCalendarDecider } from './decide/index.js';
import type { WorkCalendarEvent } from './events.js';
import { adoptTcps, tcpsAdopted } from './specFixtures.js';

const spec = deciderSpec(workCalendarDecider);

const snow: DeclareEmergencyClosure = { type: 'DeclareEmergencyClosure', date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-27' };
const snowDeclared: WorkCalendarEvent = {
  type: 'EmergencyClosureDeclared',
  data: { calendarVersion: 2, date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-27' },
};
const rescind: RescindEmergencyClosure = { type: 'RescindEmergencyClosure', date: '2026-01-27', reason: 'Schools opened after all', rescindedOn: '2026-01-28' };
const amend = (change: Partial<AmendCalendar>): AmendCalendar => ({
  type: 'AmendCalendar',
  addClosures: [],
  reopenDates: [],
  reason: 'Board vote',
  amendedOn: '2026-02-10',
  ...change,
});
const adopt = (change: Partial<AdoptCalendar>): AdoptCalendar => ({ ...adoptTcps, ...change });

describe('AdoptCalendar', () => {
  it('adopts version 1 on the stream named after district and school year', () => {
    spec.given([]).when(adoptTcps).then([tcpsAdopted]);
  });
  it('rejects a second adoption', () => {
    const error = spec.given([tcpsAdopted]).when(adoptTcps).thenFails('CalendarAlreadyAdopted');
    expect(error.rule).toMatch(/adopted once/);
  });
  it('rejects a district id that cannot name a stream', () => {
    spec.given([]).when(adopt({ districtId: 'Example County' })).thenFails('InvalidDistrictId');
  });
  it.each(['2025', '2025-27', '25-26', '2025/26'])('rejects school year %s', (schoolYear) => {
    expect(spec.given([]).when(adopt({ schoolYear })).thenFails('InvalidSchoolYear').field).toBe('schoolYear');
  });
  it('rejects a malformed date and names the field', () => {
    expect(spec.given([]).when(adopt({ firstStudentDay: '2025-02-30' })).thenFails('InvalidDate').field).toBe('firstStudentDay');
    expect(spec.given([]).when(adopt({ noStudentDays: [{ date: '10/10/2025', label: 'PD' }] })).thenFails('InvalidDate').field).toBe('noStudentDays[0].date');
  });
  it('rejects a blank label', () => {
    expect(spec.given([]).when(adopt({ breaks: [{ first: '2025-12-22', last: '2026-01-02', label: ' ' }] })).thenFails('MissingLabel').field).toBe('breaks[0].label');
  });
  it('rejects dates outside the school year (July 1 – June 30)', () => {
    expect(spec.given([]).when(adopt({ holidays: [{ date: '2026-07-03', label: 'Independence Day (observed)' }] })).thenFails('DateOutsideSchoolYear').field).toBe('holidays[0].date');
    spec.given([]).when(adopt({ firstStudentDay: '2025-06-30' })).thenFails('DateOutsideSchoolYear');
  });
  it('rejects a first student day after the last', () => {
    spec.given([]).when(adopt({ firstStudentDay: '2026-06-15', lastStudentDay: '2026-06-12' })).thenFails('FirstStudentDayAfterLast');
  });
  it('rejects a break that ends before it starts', () => {
    spec.given([]).when(adopt({ breaks: [{ first: '2026-01-02', last: '2025-12-22', label: 'Winter break' }], holidays: [] })).thenFails('InvalidBreakRange');
  });
  it('rejects a holiday or no-student day on a weekend', () => {
    spec.given([]).when(adopt({ holidays: [{ date: '2025-10-11', label: 'Saturday' }] })).thenFails('ClosureOnWeekend');
    spec.given([]).when(adopt({ noStudentDays: [{ date: '2025-10-12', label: 'Sunday' }] })).thenFails('ClosureOnWeekend');
  });
  it('rejects a date closed twice, except a holiday inside a break', () => {
    spec.given([]).when(adopt({ holidays: [...adoptTcps.holidays, { date: '2025-11-27', label: 'Again' }] })).thenFails('DuplicateClosedDate');
    spec.given([]).when(adopt({ noStudentDays: [{ date: '2025-12-23', label: 'PD in the break' }] })).thenFails('DuplicateClosedDate');
    spec
      .given([])
      .when(adopt({ breaks: [...adoptTcps.breaks, { first: '2026-01-02', last: '2026-01-05', label: 'Overlapping break' }] }))
      .thenFails('DuplicateClosedDate');
  });
  it('rejects a first or last student day that is not in session', () => {
    expect(spec.given([]).when(adopt({ firstStudentDay: '2025-10-10' })).thenFails('StudentDayBoundaryNotInSession').field).toBe('firstStudentDay');
    expect(spec.given([]).when(adopt({ lastStudentDay: '2026-06-13' })).thenFails('StudentDayBoundaryNotInSession').field).toBe('lastStudentDay');
    spec.given([]).when(adopt({ lastStudentDay: '2025-12-29' })).thenFails('StudentDayBoundaryNotInSession');
  });
});

describe('DeclareEmergencyClosure', () => {
  it('declares a snow day as version 2, the next one as version 3', () => {
    spec.given([tcpsAdopted]).when(snow).then([snowDeclared]);
    spec
      .given([tcpsAdopted, snowDeclared])
      .when({ ...snow, date: '2026-01-28', scope: 'schoolsOnly', reason: 'Heating failure' })
      .then([{ type: 'EmergencyClosureDeclared', data: { calendarVersion: 3, date: '2026-01-28', scope: 'schoolsOnly', reason: 'Heating failure', declaredOn: '2026-01-27' } }]);
  });
  it('accepts a closure in summer (offices close)', () => {
    spec.given([tcpsAdopted]).when({ ...snow, date: '2026-06-22', reason: 'Storm damage' }).then([
      { type: 'EmergencyClosureDeclared', data: { calendarVersion: 2, date: '2026-06-22', scope: 'schoolsAndOffices', reason: 'Storm damage', declaredOn: '2026-01-27' } },
    ]);
  });
  it('rejects before adoption', () => {
    spec.given([]).when(snow).thenFails('CalendarNotAdopted');
  });
  it('rejects a malformed date or a blank reason', () => {
    expect(spec.given([tcpsAdopted]).when({ ...snow, date: '2026-1-27' }).thenFails('InvalidDate').field).toBe('date');
    expect(spec.given([tcpsAdopted]).when({ ...snow, declaredOn: '' }).thenFails('InvalidDate').field).toBe('declaredOn');
    expect(spec.given([tcpsAdopted]).when({ ...snow, reason: '' }).thenFails('MissingLabel').field).toBe('reason');
  });
  it('rejects a date outside the school year', () => {
    spec.given([tcpsAdopted]).when({ ...snow, date: '2026-07-01' }).thenFails('DateOutsideSchoolYear');
  });
  it('rejects a weekend', () => {
    spec.given([tcpsAdopted]).when({ ...snow, date: '2026-01-31' }).thenFails('ClosureOnWeekend');
  });
  it('rejects a day already closed: holiday, break day, no-student day, earlier closure', () => {
    for (const date of ['2025-11-27', '2025-12-23', '2025-10-10']) spec.given([tcpsAdopted]).when({ ...snow, date }).thenFails('DateAlreadyClosed');
    spec.given([tcpsAdopted, snowDeclared]).when(snow).thenFails('DateAlreadyClosed');
  });
});

describe('RescindEmergencyClosure', () => {
  it('rescinds a closure recorded in error as a new version', () => {
    spec.given([tcpsAdopted, snowDeclared]).when(rescind).then([
      { type: 'EmergencyClosureRescinded', data: { calendarVersion: 3, date: '2026-01-27', reason: 'Schools opened after all', rescindedOn: '2026-01-28' } },
    ]);
  });
  it('rejects before adoption', () => {
    spec.given([]).when(rescind).thenFails('CalendarNotAdopted');
  });
  it('rejects a date without an emergency closure (open day or holiday)', () => {
    spec.given([tcpsAdopted]).when(rescind).thenFails('NoEmergencyClosureOnDate');
    spec.given([tcpsAdopted, snowDeclared]).when({ ...rescind, date: '2025-11-27' }).thenFails('NoEmergencyClosureOnDate');
  });
  it('rejects a malformed date or a blank reason', () => {
    spec.given([tcpsAdopted, snowDeclared]).when({ ...rescind, rescindedOn: 'tomorrow' }).thenFails('InvalidDate');
    spec.given([tcpsAdopted, snowDeclared]).when({ ...rescind, reason: ' ' }).thenFails('MissingLabel');
  });
});

describe('AmendCalendar', () => {
  it('adds closures, reopens a break day as a make-up day and moves the last student day, as one version', () => {
    spec
      .given([tcpsAdopted, snowDeclared])
      .when(
        amend({
          addClosures: [{ date: '2026-03-20', kind: 'holiday', label: 'Eid al-Fitr' }, { date: '2026-04-03', kind: 'noStudentDay', label: 'Grading day' }],
          reopenDates: [{ date: '2026-01-02', label: 'Snow make-up day' }],
          lastStudentDay: '2026-06-15',
        }),
      )
      .then([
        {
          type: 'CalendarAmended',
          data: {
            calendarVersion: 3,
            closuresAdded: [{ date: '2026-03-20', kind: 'holiday', label: 'Eid al-Fitr' }, { date: '2026-04-03', kind: 'noStudentDay', label: 'Grading day' }],
            datesReopened: [{ date: '2026-01-02', label: 'Snow make-up day' }],
            reason: 'Board vote',
            amendedOn: '2026-02-10',
            lastStudentDay: '2026-06-15',
          },
        },
      ]);
  });
  it('may close the old last student day while moving it', () => {
    spec
      .given([tcpsAdopted])
      .when(amend({ addClosures: [{ date: '2026-06-12', kind: 'holiday', label: 'Board holiday' }], lastStudentDay: '2026-06-11' }))
      .then([
        {
          type: 'CalendarAmended',
          data: { calendarVersion: 2, closuresAdded: [{ date: '2026-06-12', kind: 'holiday', label: 'Board holiday' }], datesReopened: [], reason: 'Board vote', amendedOn: '2026-02-10', lastStudentDay: '2026-06-11' },
        },
      ]);
  });
  it('rejects before adoption', () => {
    spec.given([]).when(amend({ lastStudentDay: '2026-06-15' })).thenFails('CalendarNotAdopted');
  });
  it('rejects an amendment that changes nothing (an unchanged last student day counts as no change)', () => {
    spec.given([tcpsAdopted]).when(amend({})).thenFails('EmptyAmendment');
    spec.given([tcpsAdopted]).when(amend({ lastStudentDay: '2026-06-12' })).thenFails('EmptyAmendment');
  });
  it('rejects malformed dates and blank labels', () => {
    expect(spec.given([tcpsAdopted]).when(amend({ reopenDates: [{ date: '2025-13-01', label: 'x' }] })).thenFails('InvalidDate').field).toBe('reopenDates[0].date');
    expect(spec.given([tcpsAdopted]).when(amend({ lastStudentDay: 'June' })).thenFails('InvalidDate').field).toBe('lastStudentDay');
    expect(spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2026-03-20', kind: 'holiday', label: '' }] })).thenFails('MissingLabel').field).toBe('addClosures[0].label');
    spec.given([tcpsAdopted]).when(amend({ reason: '', lastStudentDay: '2026-06-15' })).thenFails('MissingLabel');
  });
  it('rejects dates outside the school year', () => {
    spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2026-07-06', kind: 'holiday', label: 'x' }] })).thenFails('DateOutsideSchoolYear');
    spec.given([tcpsAdopted]).when(amend({ lastStudentDay: '2026-07-01' })).thenFails('DateOutsideSchoolYear');
  });
  it('rejects a date named twice', () => {
    spec
      .given([tcpsAdopted])
      .when(amend({ addClosures: [{ date: '2025-12-22', kind: 'holiday', label: 'x' }], reopenDates: [{ date: '2025-12-22', label: 'y' }] }))
      .thenFails('DuplicateClosedDate');
  });
  it('rejects adding a closure on a weekend or an already closed day', () => {
    spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2026-03-21', kind: 'holiday', label: 'x' }] })).thenFails('ClosureOnWeekend');
    spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2025-12-22', kind: 'holiday', label: 'x' }] })).thenFails('DateAlreadyClosed');
  });
  it('rejects closing the first or last student day without moving it', () => {
    spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2025-09-02', kind: 'noStudentDay', label: 'x' }] })).thenFails('StudentDayBoundaryNotInSession');
    spec.given([tcpsAdopted]).when(amend({ addClosures: [{ date: '2026-06-12', kind: 'holiday', label: 'x' }] })).thenFails('StudentDayBoundaryNotInSession');
  });
  it('rejects reopening an open date', () => {
    spec.given([tcpsAdopted]).when(amend({ reopenDates: [{ date: '2026-03-20', label: 'x' }] })).thenFails('DateNotClosed');
  });
  it('rejects reopening an emergency closure (rescind it instead)', () => {
    spec.given([tcpsAdopted, snowDeclared]).when(amend({ reopenDates: [{ date: '2026-01-27', label: 'x' }] })).thenFails('EmergencyClosureNotAmendable');
  });
  it('rejects a last student day before the first', () => {
    spec.given([tcpsAdopted]).when(amend({ lastStudentDay: '2025-08-29' })).thenFails('FirstStudentDayAfterLast');
  });
  it('rejects a new last student day that is not a school day', () => {
    spec.given([tcpsAdopted]).when(amend({ lastStudentDay: '2026-06-13' })).thenFails('StudentDayBoundaryNotInSession');
    spec.given([tcpsAdopted, snowDeclared]).when(amend({ lastStudentDay: '2026-01-27' })).thenFails('StudentDayBoundaryNotInSession');
    spec
      .given([tcpsAdopted])
      .when(amend({ addClosures: [{ date: '2026-06-15', kind: 'holiday', label: 'x' }], lastStudentDay: '2026-06-15' }))
      .thenFails('StudentDayBoundaryNotInSession');
  });
});
