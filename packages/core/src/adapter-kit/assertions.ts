/**
 * The few assertions the contract suite needs beyond `node:assert/strict`, so that it runs on any test runner.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Whether `actual` has every property of `expected`, recursively; arrays must match element for element (same
 * length), leaves compare with `Object.is`. Properties may come from the prototype chain (an error's `code`).
 */
const matches = (actual: unknown, expected: unknown): boolean => {
  if (!isObject(expected)) return Object.is(actual, expected);
  if (!isObject(actual)) return false;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(actual[i], item));
  }
  const target = actual as Record<string, unknown>;
  return Object.entries(expected).every(([key, value]) => key in target && matches(target[key], value));
};

/** `actual` cut down to the shape of `expected`, so that a failed match prints a readable diff. */
const projection = (actual: unknown, expected: unknown): unknown => {
  if (!isObject(expected) || !isObject(actual)) return actual;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return actual;
    const items: unknown[] = [];
    for (const [i, item] of actual.entries()) items.push(projection(item, expected[i]));
    return items;
  }
  const target = actual as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expected)) if (key in target) out[key] = projection(target[key], value);
  return out;
};

const tag = (value: unknown): string => Object.prototype.toString.call(value);

/**
 * A copy made of this realm's plain objects, arrays and sets, without members whose value is undefined: what
 * `assertEqual` compares. A store may hand out objects made in another realm (`structuredClone` under a test
 * runner's VM contexts), whose prototypes differ from the expected literals' though their content is the same.
 */
const plain = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(plain(item));
    return items;
  }
  if (tag(value) === '[object Set]') return new Set([...(value as Set<unknown>)].map(plain));
  if (isObject(value) && tag(value) === '[object Object]') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = plain(member);
    return out;
  }
  return value;
};

/**
 * Assert deep equality of content, like jest's `toEqual`: leaves compare strictly, members whose value is
 * undefined are ignored, and plain objects compare by content whatever realm made them.
 */
export const assertEqual = (actual: unknown, expected: unknown, message?: string): void => {
  assert.deepStrictEqual(plain(actual), plain(expected), message);
};

/** Assert that `actual` has (at least) the properties of `expected`: a subset match, like jest's `toMatchObject`. */
export const assertMatches = (actual: unknown, expected: object, message?: string): void => {
  if (matches(actual, expected)) return;
  assert.deepStrictEqual(projection(actual, expected), expected, message);
  // The projection can only equal `expected` when a leaf differs in a way deepStrictEqual does not see.
  throw new assert.AssertionError({ message: message ?? `expected ${inspect(actual)} to match ${inspect(expected)}`, actual, expected });
};

/** Assert that `value` is an instance of `type`. */
export const assertInstanceOf = (value: unknown, type: abstract new (...args: never[]) => unknown, message?: string): void => {
  assert.ok(value instanceof type, message ?? `expected an instance of ${type.name}, got ${inspect(value)}`);
};

/** A test-name rendering of a table value (`''`, `NaN`, `{ maxCount: -3 }`…). */
export const show = (value: unknown): string => inspect(value, { breakLength: Infinity });
