import * as t from 'io-ts';
import { NonEmptyString } from '@laborcase/core';

/** Integer cents, any sign (a concession can cost less than the base). */
export const CentsCodec = new t.Type<number, number, unknown>(
  'Cents',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u),
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A finite number ≥ 0 (FTE may be fractional: 0.5 FTE). */
export const NonNegativeNumber = new t.Type<number, number, unknown>(
  'NonNegativeNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/**
 * The cost of a proposal as it was known when it was tabled, stored inside the event so a replay shows
 * what each side knew at the time. `fiscalYear` is the first costed year (e.g. "FY27"); `baseCost` is the
 * base-period cost of the items; `delta` is the total new money over the costed term (all years summed).
 */
export const CostingAttachment = t.intersection(
  [
    t.type({
      fiscalYear: NonEmptyString,
      baseCost: CentsCodec,
      delta: CentsCodec,
      fte: NonNegativeNumber,
      assumptions: t.array(NonEmptyString),
    }),
    t.partial({
      /** Per-year new money, first costed year first. */
      deltaByYear: t.array(CentsCodec),
    }),
  ],
  'CostingAttachment',
);
export type CostingAttachment = t.TypeOf<typeof CostingAttachment>;
