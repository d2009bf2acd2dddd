import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { addDays, dateInZone, daysBetween, eachDate, fromDayNumber, toDayNumber, weekdayOf } from './dates.js';

describe('business dates', () => {
  it('knows the weekday of fixture dates', () => {
    expect(weekdayOf('2025-08-25')).toBe('Mon');
    expect(weekdayOf('2026-06-16')).toBe('Tue');
    expect(weekdayOf('2026-01-27')).toBe('Tue');
  });
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });
  it('lists inclusive ranges', () => {
    expect(eachDate('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
  });
  it('rejects malformed dates', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });
  it('takes the local date of an instant', () => {
    expect(dateInZone(new Date('2026-01-27T03:00:00Z'), 'America/New_York')).toBe('2026-01-26');
  });
  it('round-trips day numbers and adds consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), fc.integer({ min: -5000, max: 5000 }), (day, n) => {
        const date = fromDayNumber(day);
        expect(toDayNumber(date)).toBe(day);
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });
});

describe('business dates in the first century', () => {
  it('counts the years 0001–0099 as written (Date.UTC would read them as 1901–1999)', () => {
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
    expect(daysBetween('0001-01-01', '0002-01-01')).toBe(365);
    expect(daysBetween('0004-02-28', '0004-03-01')).toBe(2);
  });

  it('property: every day of the years 0001–9999 round-trips through its day number', () => {
    const first = toDayNumber('0001-01-01');
    const last = toDayNumber('9999-12-31');
    const firstCenturies = fc.integer({ min: first, max: toDayNumber('0200-12-31') });
    fc.assert(fc.property(fc.oneof(firstCenturies, fc.integer({ min: first, max: last })), (day) => expect(toDayNumber(fromDayNumber(day))).toBe(day)));
  });
});
