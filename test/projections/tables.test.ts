/** Row validation: the character-level date check agrees with the calendar, on dates and on near-misses. */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { valueProblem } from '@laborcase/projections';

/** The calendar, by the slow road: parse with a pattern and let Date say whether the day exists. */
const isDay = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const digits = (n: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '9', 'a', '-', ' ', '٣'), { minLength: n, maxLength: n }).map((c) => c.join(''));
const nearDates = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(digits(4), fc.constantFrom('-', '/'), digits(2), fc.constantFrom('-', '/'), digits(2)).map((parts) => parts.join('')),
  fc.string({ maxLength: 12 }),
);

describe('date columns', () => {
  it('accept exactly the days of the calendar', () => {
    fc.assert(
      fc.property(nearDates, (value) => {
        expect(valueProblem('date', value) === undefined).toBe(isDay(value));
      }),
      { numRuns: 5_000 },
    );
    for (const [value, ok] of [['2024-02-29', true], ['2023-02-29', false], ['1900-02-29', false], ['2000-02-29', true], ['0001-01-01', true], ['0000-01-01', false], ['2026-04-31', false], ['2026-1-01', false]] as const) {
      expect([value, valueProblem('date', value) === undefined]).toEqual([value, ok]);
    }
  });
});
