import { BASIS_POINTS_PER_UNIT, scaleCents, type BasisPoints, type Cents } from './money.js';
import type { CostingAttachment } from './attachment.js';

/** One fiscal year of a proposal's economics. */
export interface CostingYear {
  /** Label of the fiscal year, e.g. "FY27". */
  readonly fiscalYear: string;
  /** Across-the-board increase (COLA) in basis points, applied on the previous year's salary base. */
  readonly colaBp: BasisPoints;
  /** Cost of step/increment movement in basis points of the previous year's base (0 when steps are frozen). */
  readonly stepBp: BasisPoints;
  /** FTE in this year; defaults to the previous year's FTE. The salary base scales with FTE. */
  readonly fte?: number;
}

/** A proposal's (or package's) economic terms over a multi-year term, costed against a base period. */
export interface CostingInput {
  /** Annual salary base of the affected positions in the base period (the year before the first costed year). */
  readonly baseSalaryCents: Cents;
  /** FTE in the base period. */
  readonly baseFte: number;
  readonly years: readonly CostingYear[];
  /** Fringe roll-up (pension, FICA/Medicare) in basis points of new salary money; 0 when not rolled up. */
  readonly rollUpBp?: BasisPoints;
  readonly assumptions?: readonly string[];
}

export interface CostedYear {
  readonly fiscalYear: string;
  readonly fte: number;
  /** Salary base in this year after COLA, step and FTE change, rounded to the cent. */
  readonly salaryCents: Cents;
  /** New salary money this year compared with the base period. */
  readonly salaryDeltaCents: Cents;
  /** Roll-up on the salary delta. */
  readonly rollUpCents: Cents;
  /** salaryDelta + rollUp: what this year costs over the base period. */
  readonly deltaCents: Cents;
}

export interface Costing {
  readonly baseSalaryCents: Cents;
  readonly baseFte: number;
  readonly years: readonly CostedYear[];
  /** Sum of every year's delta: the new money of the whole term. */
  readonly totalDeltaCents: Cents;
  /** The last year's delta over base (the recurring cost the term leaves behind). */
  readonly finalYearDeltaCents: Cents;
  readonly assumptions: readonly string[];
}

// FTE is scaled in ten-thousandths so fractional FTE stays exact under BigInt arithmetic.
const FTE_SCALE = 10_000;
const scaledFte = (fte: number): number => Math.round(fte * FTE_SCALE);

const validate = (input: CostingInput): void => {
  if (!Number.isSafeInteger(input.baseSalaryCents) || input.baseSalaryCents < 0) throw new RangeError('baseSalaryCents must be non-negative integer cents');
  if (!(input.baseFte > 0)) throw new RangeError('baseFte must be positive');
  if (input.years.length === 0) throw new RangeError('a costing needs at least one fiscal year');
  for (const year of input.years) {
    for (const [name, bp] of [['colaBp', year.colaBp], ['stepBp', year.stepBp]] as const) {
      if (!Number.isSafeInteger(bp) || bp <= -BASIS_POINTS_PER_UNIT) throw new RangeError(`${name} must be an integer > -10000 bp`);
    }
    if (year.fte !== undefined && !(year.fte > 0)) throw new RangeError('fte must be positive');
  }
};

/**
 * Costs a proposal over its term. Each year: salary = previous salary × (1 + COLA) × (1 + step) × FTE ratio,
 * rounded half away from zero to the cent; COLAs therefore compound. Delta is measured against the base period.
 */
export const costProposal = (input: CostingInput): Costing => {
  validate(input);
  const rollUpBp = input.rollUpBp ?? 0;
  let previousSalary = input.baseSalaryCents;
  let previousFte = input.baseFte;
  const years: CostedYear[] = [];
  for (const year of input.years) {
    const fte = year.fte ?? previousFte;
    const salaryCents = scaleCents(
      previousSalary,
      [BASIS_POINTS_PER_UNIT + year.colaBp, BASIS_POINTS_PER_UNIT + year.stepBp, scaledFte(fte)],
      [BASIS_POINTS_PER_UNIT, BASIS_POINTS_PER_UNIT, scaledFte(previousFte)],
    );
    const salaryDeltaCents = salaryCents - input.baseSalaryCents;
    const rollUpCents = scaleCents(salaryDeltaCents, [rollUpBp], [BASIS_POINTS_PER_UNIT]);
    years.push({ fiscalYear: year.fiscalYear, fte, salaryCents, salaryDeltaCents, rollUpCents, deltaCents: salaryDeltaCents + rollUpCents });
    previousSalary = salaryCents;
    previousFte = fte;
  }
  const totalDeltaCents = years.reduce((sum, y) => sum + y.deltaCents, 0);
  return {
    baseSalaryCents: input.baseSalaryCents,
    baseFte: input.baseFte,
    years,
    totalDeltaCents,
    finalYearDeltaCents: years[years.length - 1]?.deltaCents ?? 0,
    assumptions: [...(input.assumptions ?? [])],
  };
};

/** A package is costed as the sum of its items' costings, year by year (items must cover the same years). */
export const costPackage = (items: readonly Costing[]): Costing => {
  const first = items[0];
  if (first === undefined) throw new RangeError('a package needs at least one costed item');
  const labels = first.years.map((y) => y.fiscalYear).join(',');
  for (const item of items) {
    if (item.years.map((y) => y.fiscalYear).join(',') !== labels) throw new RangeError('package items must be costed over the same fiscal years');
  }
  const years = first.years.map((year, i): CostedYear => {
    const at = items.map((item) => item.years[i] as CostedYear);
    const sum = (pick: (y: CostedYear) => number): number => at.reduce((acc, y) => acc + pick(y), 0);
    return {
      fiscalYear: year.fiscalYear,
      fte: sum((y) => y.fte),
      salaryCents: sum((y) => y.salaryCents),
      salaryDeltaCents: sum((y) => y.salaryDeltaCents),
      rollUpCents: sum((y) => y.rollUpCents),
      deltaCents: sum((y) => y.deltaCents),
    };
  });
  return {
    baseSalaryCents: items.reduce((acc, i) => acc + i.baseSalaryCents, 0),
    baseFte: items.reduce((acc, i) => acc + i.baseFte, 0),
    years,
    totalDeltaCents: items.reduce((acc, i) => acc + i.totalDeltaCents, 0),
    finalYearDeltaCents: years[years.length - 1]?.deltaCents ?? 0,
    assumptions: items.flatMap((i) => i.assumptions),
  };
};

export interface CostingComparisonYear {
  readonly fiscalYear: string;
  readonly leftDeltaCents: Cents;
  readonly rightDeltaCents: Cents;
  /** right − left: positive when the right-hand proposal costs more. */
  readonly differenceCents: Cents;
}

export interface CostingComparison {
  readonly years: readonly CostingComparisonYear[];
  readonly leftTotalCents: Cents;
  readonly rightTotalCents: Cents;
  readonly differenceCents: Cents;
}

/** Side-by-side comparison of two costings (e.g. union proposal vs board counter), by fiscal year label. */
export const compareCostings = (left: Costing, right: Costing): CostingComparison => {
  const labels = [...new Set([...left.years.map((y) => y.fiscalYear), ...right.years.map((y) => y.fiscalYear)])];
  const deltaIn = (c: Costing, label: string): Cents => c.years.find((y) => y.fiscalYear === label)?.deltaCents ?? 0;
  return {
    years: labels.map((fiscalYear) => {
      const leftDeltaCents = deltaIn(left, fiscalYear);
      const rightDeltaCents = deltaIn(right, fiscalYear);
      return { fiscalYear, leftDeltaCents, rightDeltaCents, differenceCents: rightDeltaCents - leftDeltaCents };
    }),
    leftTotalCents: left.totalDeltaCents,
    rightTotalCents: right.totalDeltaCents,
    differenceCents: right.totalDeltaCents - left.totalDeltaCents,
  };
};

/** What 1 % of the base period's salary costs (the negotiator's rule of thumb). */
export const costOfOnePercent = (baseSalaryCents: Cents): Cents => scaleCents(baseSalaryCents, [1], [100]);

/** The costing in the compact shape attached to bargaining events. */
export const toCostingAttachment = (costing: Costing): CostingAttachment => ({
  fiscalYear: costing.years[0]?.fiscalYear ?? 'unknown',
  baseCost: costing.baseSalaryCents,
  delta: costing.totalDeltaCents,
  fte: costing.baseFte,
  assumptions: [...costing.assumptions],
  deltaByYear: costing.years.map((y) => y.deltaCents),
});
