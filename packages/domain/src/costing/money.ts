/**
 * Money is integer cents (safe integers). Rates are integer basis points (1 bp = 0.01 %), so 3.25 % is 325.
 *
 * Rounding rule: a product of cents and rates is computed exactly with BigInt and rounded once, half away
 * from zero, to a whole cent. Multi-year costings round each fiscal year's amount and compound the next year
 * from that rounded amount, so every figure shown is the figure summed and nothing is lost between years.
 */
export type Cents = number;
export type BasisPoints = number;

export const BASIS_POINTS_PER_UNIT = 10_000;

const roundHalfAwayFromZero = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n + d / 2n) / d;
  return negative ? -quotient : quotient;
};

/** `cents × Π(factorsNumerators) / Π(factorsDenominators)`, rounded once to a whole cent (half away from zero). */
export const scaleCents = (cents: Cents, numerators: readonly number[], denominators: readonly number[]): Cents => {
  const num = numerators.reduce((acc, n) => acc * BigInt(n), BigInt(cents));
  const den = denominators.reduce((acc, d) => acc * BigInt(d), 1n);
  if (den === 0n) throw new RangeError('scaleCents: zero denominator');
  const result = roundHalfAwayFromZero(num, den);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('scaleCents: result is not a safe integer number of cents');
  }
  return Number(result);
};

export const isCents = (n: unknown): n is Cents => typeof n === 'number' && Number.isSafeInteger(n);

/** `$1,234.56` style rendering for reports and messages. */
export const formatCents = (cents: Cents): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
};
