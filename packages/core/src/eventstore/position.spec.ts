import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { positionFromSegments, positionFromSequence } from './position.js';

describe('positionFromSequence', () => {
  it('property: spells a sequence number as positionFromSegments spells it as a BigInt', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (n) => expect(positionFromSequence(n)).toBe(positionFromSegments(BigInt(n)))));
  });

  it('refuses what is not a non-negative safe integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => positionFromSequence(bad)).toThrow(RangeError);
  });
});
