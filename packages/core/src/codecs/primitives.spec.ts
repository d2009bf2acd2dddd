import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isStorableText } from './primitives.js';

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
