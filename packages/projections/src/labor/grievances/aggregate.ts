/** Grouping and the order statistics the reports use. */

/** Rows grouped by a key, groups in first-seen order. */
export const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
};

/** A group key from several values (JSON, so no separator can collide with a value). */
export const keyOf = (...parts: readonly (string | number | null)[]): string => JSON.stringify(parts);

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The median: the middle value, or the mean of the two middle values; null for no values. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The nearest-rank percentile (`p` in 0–100): the smallest value with at least p% of the values at or below it. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
};

/** Code-point order of text keys, so reports list groups the same way in every store. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `part / whole`, rounded to 4 decimals; null when `whole` is 0. */
export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** `part / whole` unrounded, or null when `whole` is 0 (a rate of nothing is not 0 %). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
