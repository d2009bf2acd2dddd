import { describe, expect, it } from '@jest/globals';
import { errorCodes, firstFailure, type Check } from './checks.js';
import { reject } from './domainError.js';

const failing = (code: string): Check => reject(code, code, 'rule');

describe('firstFailure', () => {
  it('is undefined when every check holds', () => {
    expect(firstFailure(undefined, () => undefined)).toBeUndefined();
  });
  it('returns the first failure in order', () => {
    expect(firstFailure(undefined, failing('A'), failing('B'))).toEqual(failing('A'));
  });
  it('evaluates thunks only while earlier checks held', () => {
    let evaluated = false;
    const result = firstFailure(failing('A'), () => {
      evaluated = true;
      return undefined;
    });
    expect(result).toEqual(failing('A'));
    expect(evaluated).toBe(false);
  });
});

describe('errorCodes', () => {
  it('freezes the table', () => {
    const codes = errorCodes({ closed: 'Closed' });
    expect(Object.isFrozen(codes)).toBe(true);
  });
});
