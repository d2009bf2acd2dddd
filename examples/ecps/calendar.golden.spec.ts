import { describe, expect, it } from '@jest/globals';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import {
  dueDate,
  isSchoolDay,
  isTimely,
  isWorkingDay,
  onCalendarChanged,
  studentDayCount,
  type CalendarVersion,
  type ComputedDeadline,
  type Limit,
  type OpenDeadline,
} from '../../packages/domain/src/calendar/index.js';
import type { DomainError } from '../../packages/domain/src/kernel/domainError.js';
import { ECPS_CALENDAR_ID, ecpsCalendarEvents, ecpsCalendarState, ecpsCalendarV1, ecpsCalendarV2 } from './calendar.js';
import { eceaArt5, ecssuArt6 } from './limits.js';

const computed = (result: Either<DomainError, ComputedDeadline>): ComputedDeadline => {
  if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};
const due = (anchor: string, limit: Limit, calendar: CalendarVersion = ecpsCalendarV1): string => computed(dueDate(anchor, limit, calendar)).dueOn;

describe('ECPS calendar SY2025-26 (domain.md §7)', () => {
  it('v1 has 182 student days and v2 (snow day 1/27) has 181', () => {
    expect(studentDayCount(ecpsCalendarV1)).toBe(182);
    expect(studentDayCount(ecpsCalendarV2)).toBe(181);
  });

  it('is stream calendar-ecps-2025-26 at version 2 after adoption and the snow day', () => {
    expect(ecpsCalendarEvents.map((e) => [e.type, e.data.calendarVersion])).toEqual([
      ['CalendarAdopted', 1],
      ['EmergencyClosureDeclared', 2],
    ]);
    expect(ecpsCalendarState).toMatchObject({ status: 'adopted', calendarId: ECPS_CALENDAR_ID, currentVersion: 2 });
  });

  it('treats PD and grading days as working days but not school days', () => {
    for (const date of ['2025-10-17', '2026-01-23']) {
      expect(isSchoolDay(ecpsCalendarV1, date)).toBe(false);
      expect(isWorkingDay(ecpsCalendarV1, date)).toBe(true);
    }
    expect(isWorkingDay(ecpsCalendarV1, '2026-01-27')).toBe(true);
    expect(isWorkingDay(ecpsCalendarV2, '2026-01-27')).toBe(false);
    expect(isWorkingDay(ecpsCalendarV1, '2025-11-27')).toBe(false);
  });
});

describe('ECPS golden deadlines (domain.md §7 cases 1–5)', () => {
  it('case 1 G-25-001: filing deadline 20 school days after Mon 10/6 is Thu 11/6; filed Tue 10/21 is timely', () => {
    expect(due('2025-10-06', eceaArt5.step1File)).toBe('2025-11-06');
    expect(isTimely('2025-10-06', eceaArt5.step1File, ecpsCalendarV1, '2025-10-21')).toEqual({ _tag: 'Right', right: true });
    expect(isTimely('2025-10-06', eceaArt5.step1File, ecpsCalendarV1, '2025-11-07')).toEqual({ _tag: 'Right', right: false });
  });

  it('case 1: Step 1 answer 10 school days after the Thu 10/30 meeting is Fri 11/14 (11/11 closed)', () => {
    const deadline = computed(dueDate('2025-10-30', eceaArt5.step1Answer, ecpsCalendarV1));
    expect(deadline.dueOn).toBe('2025-11-14');
    expect(deadline.countedDays).toEqual([
      '2025-10-31', '2025-11-03', '2025-11-04', '2025-11-05', '2025-11-06',
      '2025-11-07', '2025-11-10', '2025-11-12', '2025-11-13', '2025-11-14',
    ]);
    expect(deadline.rule).toEqual({ limit: eceaArt5.step1Answer, calendarId: ECPS_CALENDAR_ID, calendarVersion: 1 });
  });

  it('case 1: appeal 10 school days from the answer *due date* 11/14 is Tue 12/2 (Thanksgiving 11/27–28 closed)', () => {
    expect(due('2025-11-14', eceaArt5.step2Appeal)).toBe('2025-12-02');
  });

  it('case 2 G-26-004: Step 2 answer 10 school days after the Wed 1/21 hearing is Thu 2/5 under v1, Fri 2/6 under v2', () => {
    expect(due('2026-01-21', eceaArt5.step2Answer, ecpsCalendarV1)).toBe('2026-02-05');
    expect(due('2026-01-21', eceaArt5.step2Answer, ecpsCalendarV2)).toBe('2026-02-06');
  });

  it('case 3 G-26-007: appeal 10 school days after the Mon 2/2 denial is Wed 2/18 (2/16–17 closed)', () => {
    expect(due('2026-02-02', eceaArt5.step2Appeal, ecpsCalendarV2)).toBe('2026-02-18');
  });

  it('case 4 G-26-011: appeal after the Wed 6/10 answer is Thu 6/25: 4 school days + 6 summer working days, skipping 6/19', () => {
    const deadline = computed(dueDate('2026-06-10', eceaArt5.step2Appeal, ecpsCalendarV2));
    expect(deadline.dueOn).toBe('2026-06-25');
    expect(deadline.countedDays).toEqual([
      '2026-06-11', '2026-06-12', '2026-06-15', '2026-06-16',
      '2026-06-17', '2026-06-18', '2026-06-22', '2026-06-23', '2026-06-24', '2026-06-25',
    ]);
  });

  it('case 4 without the summer rule would find no school days after 6/16 and report the calendar end, not a date', () => {
    const schoolDaysOnly: Limit = { n: 10, dayType: 'school' };
    const result = dueDate('2026-06-10', schoolDaysOnly, ecpsCalendarV2);
    expect(isLeft(result) && result.left.code).toBe('CalendarRangeExceeded');
  });

  it('case 5 S-25-003: ECSSU filing 15 working days after Thu 11/20 is Mon 12/15', () => {
    expect(due('2025-11-20', ecssuArt6.step1File)).toBe('2025-12-15');
  });
});

describe('ECPS snow day recalculation (case 2)', () => {
  const case2Answer: OpenDeadline = {
    deadlineId: 'G-26-004/step-2/answer',
    streamId: 'grievance-G-26-004',
    anchor: '2026-01-21',
    limit: eceaArt5.step2Answer,
    calendarId: ECPS_CALENDAR_ID,
    calendarVersion: 1,
    dueOn: '2026-02-05',
  };
  const earlierAppeal: OpenDeadline = {
    deadlineId: 'G-26-001/step-2/appeal',
    streamId: 'grievance-G-26-001',
    anchor: '2026-01-08',
    limit: eceaArt5.step2Appeal,
    calendarId: ECPS_CALENDAR_ID,
    calendarVersion: 1,
    dueOn: due('2026-01-08', eceaArt5.step2Appeal),
  };
  const snowDay = ecpsCalendarEvents[1]!;

  it('moves the case 2 answer from 2/5 to 2/6 under calendar v2', () => {
    const plan = onCalendarChanged(snowDay, ecpsCalendarState, [case2Answer]);
    expect(plan).toEqual({
      recalculations: [
        {
          type: 'RecalculateDeadline',
          deadlineId: 'G-26-004/step-2/answer',
          streamId: 'grievance-G-26-004',
          previousDueOn: '2026-02-05',
          newDueOn: '2026-02-06',
          calendarVersion: 2,
          rule: { limit: eceaArt5.step2Answer, calendarId: ECPS_CALENDAR_ID, calendarVersion: 2 },
        },
      ],
      failures: [],
    });
  });

  it('is idempotent: once applied, or run again on applied deadlines, it yields nothing new', () => {
    const [instruction] = onCalendarChanged(snowDay, ecpsCalendarState, [case2Answer]).recalculations;
    const applied: OpenDeadline = { ...case2Answer, dueOn: instruction!.newDueOn, calendarVersion: instruction!.calendarVersion };
    expect(onCalendarChanged(snowDay, ecpsCalendarState, [applied])).toEqual({ recalculations: [], failures: [] });
  });

  it('leaves deadlines the snow day does not move (due before 1/27) alone', () => {
    expect(earlierAppeal.dueOn).toBe('2026-01-26');
    expect(onCalendarChanged(snowDay, ecpsCalendarState, [earlierAppeal]).recalculations).toEqual([]);
  });
});
