import * as t from 'io-ts';
import { validate as isUuid } from 'uuid';

/**
 * A string codec that validates a format but keeps the static type `string`: event data stays plain JSON
 * that tests and callers can write literally, while append still rejects malformed values.
 */
export const checkedString = (name: string, predicate: (s: string) => boolean): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && predicate(u),
    (u, context) => (typeof u === 'string' && predicate(u) ? t.success(u) : t.failure(u, context)),
    t.identity,
  );

// Every store refuses U+0000 and unpaired surrogates (PostgreSQL cannot hold them); a codec that let them through
// would turn a malformed command into a store error at append time instead of a typed rejection.
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** Any U+0000 or surrogate code unit, paired or not: a plain scan that rules out almost every string at once. */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/** Text every event store can hold: no U+0000, no unpaired surrogate. */
export const isStorableText = (text: string): boolean => !SUSPECT.test(text) || !UNSTORABLE.test(text);

/** A string with at least one non-blank character, storable in every event store. */
export const NonEmptyString = checkedString('NonEmptyString', (s) => s.trim().length > 0 && isStorableText(s));

// Characters that show nothing on their own: white space, controls, format characters (zero-width space, word
// joiner, bidi marks, BOM), separators and combining marks. A name made only of these is invisible in an audit.
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}]*$/u;
const CONTROL = /\p{Cc}/u;

/** Whether `text` has a visible character and no control character (U+0000–U+001F, U+007F–U+009F), and is storable. */
export const isVisibleText = (text: string): boolean => !INVISIBLE.test(text) && !CONTROL.test(text) && isStorableText(text);

/** A name a person must be able to read in an audit trail: actor ids, roles, event type names. */
export const VisibleText = checkedString('VisibleText', isVisibleText);

export const Uuid = checkedString('Uuid', (s) => isUuid(s));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The number written by the ASCII digits of `s` from `start` to `end` (exclusive), or -1 if one is not a digit. */
const digitsAt = (s: string, start: number, end: number): number => {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * Whether `s` is a real calendar date written YYYY-MM-DD, in the years 0001–9999 of the proleptic Gregorian calendar
 * (as PostgreSQL's `date` counts them). Checked by arithmetic, with no `Date` or regular expression: the append path
 * checks every date of every event with it, and the read models every date column.
 */
export const isIsoDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number));
};

/** A business date (no time, no zone), YYYY-MM-DD. */
export const IsoDate = checkedString('IsoDate', isIsoDate);

/** An ISO-8601 UTC instant as produced by `Date.prototype.toISOString`. */
export const Instant = checkedString(
  'Instant',
  (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(s) && !Number.isNaN(Date.parse(s)),
);

/** A non-negative safe integer. */
export const NonNegativeInteger = new t.Type<number, number, unknown>(
  'NonNegativeInteger',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, context) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, context)),
  t.identity,
);
