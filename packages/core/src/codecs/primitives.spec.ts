import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isIsoDate, isStorableText } from './primitives.js';

describe('isStorableText', () => {
  it('refuses U+0000 and unpaired surrogates, and accepts paired ones', () => {
    expect(isStorableText('plain text, Zoë, 李, 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
    expect(isStorableText('x\ude00y')).toBe(false);
    expect(isStorableText('\ude00\ud83d')).toBe(false);
    expect(isStorableText('\ud83d\ude00\ud83d')).toBe(false);
  });

  it('property: the quick scan first answers exactly as the Unicode-aware check alone', () => {
    const reference = (text: string): boolean => !/\u0000|\p{Cs}/u.test(text);
    const units = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', 'a', 'é', '李');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: units, maxLength: 8 }));
    fc.assert(fc.property(text, (s) => expect(isStorableText(s)).toBe(reference(s))), { numRuns: 2000 });
  });
});

describe('isIsoDate', () => {
  /** An independent oracle: what `Date` makes of the three numbers (setUTCFullYear, which takes years 0–99 as written). */
  const byDate = (s: string): boolean => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (match === null) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  };
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const dateShaped = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

  it('property: agrees with Date on every YYYY-MM-DD-shaped string and on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(dateShaped, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 10 })), (s) => {
      expect(isIsoDate(s)).toBe(byDate(s));
    }), { numRuns: 20_000 });
  });

  it('knows leap years and month lengths', () => {
    for (const s of ['2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30', '0001-01-01', '0004-02-29']) expect(isIsoDate(s)).toBe(true);
    for (const s of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '２０２５-01-01', '0000-01-01', '0100-02-29']) expect(isIsoDate(s)).toBe(false);
  });
});
