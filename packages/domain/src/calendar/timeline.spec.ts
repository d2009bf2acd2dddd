import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { dueDate } from './deadline.js';
import { adoptedVersion } from './state.js';
import { isUsFederalHoliday, usFederalHolidays } from './federalHolidays.js';
import { tcpsAdopted } from './specFixtures.js';
import { calendarTimeline, timelineOfCalendar } from './timeline.js';

const tcps = adoptedVersion(tcpsAdopted.data);

describe('US federal holidays (the fallback calendar)', () => {
  it('lists the observed dates of 2026 (July 4 on a Saturday is observed Friday July 3)', () => {
    expect(usFederalHolidays(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
  });
  it('observes a Saturday New Year (2022) on the Friday before, in the previous year, and a Sunday holiday on the Monday', () => {
    expect(isUsFederalHoliday('2021-12-31')).toBe(true);
    expect(isUsFederalHoliday('2022-01-01')).toBe(false);
    expect(isUsFederalHoliday('2027-06-18')).toBe(true); // Juneteenth 2027 is a Saturday
    expect(isUsFederalHoliday('2023-01-02')).toBe(true); // New Year's Day 2023 is a Sunday
    expect(isUsFederalHoliday('2026-07-06')).toBe(false);
  });
});

describe('calendarTimeline', () => {
  it('joins consecutive school years of one district, adopted or not', () => {
    const timeline = calendarTimeline('tcps', [{ schoolYear: '2025-26', calendar: tcps }, { schoolYear: '2026-27' }]);
    expect(timeline).toMatchObject({
      _tag: 'Right',
      right: { kind: 'timeline', districtId: 'tcps', years: [{ calendarId: 'calendar-tcps-2025-26', calendar: tcps }, { calendarId: 'calendar-tcps-2026-27', coversFrom: '2026-07-01', coversThrough: '2027-06-30' }] },
    });
  });
  it('refuses gaps, disorder, another district or year, malformed years and emptiness, naming the entry', () => {
    const field = (entries: Parameters<typeof calendarTimeline>[1], district = 'tcps') => {
      const result = calendarTimeline(district, entries);
      return isLeft(result) ? [result.left.code, result.left.field] : 'accepted';
    };
    expect(field([])).toEqual(['InvalidTimeline', 'years']);
    expect(field([{ schoolYear: '2025-26' }, { schoolYear: '2027-28' }])).toEqual(['InvalidTimeline', 'years.1.schoolYear']);
    expect(field([{ schoolYear: '2025-26' }, { schoolYear: '2024-25' }])).toEqual(['InvalidTimeline', 'years.1.schoolYear']);
    expect(field([{ schoolYear: '2025-27' }])).toEqual(['InvalidTimeline', 'years.0.schoolYear']);
    expect(field([{ schoolYear: '2026-27', calendar: tcps }])).toEqual(['InvalidTimeline', 'years.0.calendar']);
    expect(field([{ schoolYear: '2025-26', calendar: tcps }], 'ecps')).toEqual(['InvalidTimeline', 'years.0.calendar']);
  });
  it('counts on a one-year timeline exactly as on its calendar', () => {
    for (const [anchor, n] of [['2025-09-05', 3], ['2026-06-25', 5], ['2025-06-30', 1]] as const) {
      const limit = { n, dayType: 'working' as const };
      expect(dueDate(anchor, limit, timelineOfCalendar(tcps))).toEqual(dueDate(anchor, limit, tcps));
    }
  });
  it('judges the summer of each year by its own calendar across the join (TCPS: last student day 6/12)', () => {
    const timeline = calendarTimeline('tcps', [{ schoolYear: '2025-26', calendar: tcps }, { schoolYear: '2026-27' }]);
    if (isLeft(timeline)) throw new Error(timeline.left.message);
    // 3 school days after Thu 6/11: Fri 6/12 (school), then summer working days Mon 6/15, Tue 6/16.
    expect(dueDate('2026-06-11', { n: 3, dayType: 'school', summerDayType: 'working' }, timeline.right)).toMatchObject({ _tag: 'Right', right: { dueOn: '2026-06-16' } });
    // Without a summer day type nothing counts after 6/12, nor in the fallback year: the timeline's end is reached.
    expect(dueDate('2026-06-11', { n: 3, dayType: 'school' }, timeline.right)).toMatchObject({ _tag: 'Left', left: { code: 'CalendarRangeExceeded', details: { counted: 1 } } });
  });
});
