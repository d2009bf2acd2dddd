import { describe, it, expect } from '@jest/globals';
import * as fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { compareCostings, costOfOnePercent, costPackage, costProposal, toCostingAttachment, type CostingYear } from './costing.js';
import { formatCents, scaleCents } from './money.js';
import { CostingAttachment } from './attachment.js';

describe('money', () => {
  it('rounds half away from zero, once, to a whole cent', () => {
    expect(scaleCents(1, [1], [2])).toBe(1);
    expect(scaleCents(-1, [1], [2])).toBe(-1);
    expect(scaleCents(3, [1], [2])).toBe(2);
    expect(scaleCents(5, [1], [4])).toBe(1);
    expect(scaleCents(7, [1], [4])).toBe(2);
  });
  it('formats cents as dollars', () => {
    expect(formatCents(74_000_000_000)).toBe('$740,000,000.00');
    expect(formatCents(-5)).toBe('-$0.05');
  });
});

describe('costProposal', () => {
  const threeYears: CostingYear[] = [
    { fiscalYear: 'FY27', colaBp: 300, stepBp: 100 },
    { fiscalYear: 'FY28', colaBp: 300, stepBp: 100 },
    { fiscalYear: 'FY29', colaBp: 200, stepBp: 0, fte: 11 },
  ];

  it('compounds COLA and step year on year and scales with FTE (hand-computed)', () => {
    const costing = costProposal({ baseSalaryCents: 100_000_000, baseFte: 10, years: threeYears });
    // 1,000,000.00 × 1.03 × 1.01 = 1,040,300.00; × 1.0403 = 1,082,224.09; × 1.02 × 11/10 = 1,214,255.42898 → .43
    expect(costing.years.map((y) => y.salaryCents)).toEqual([104_030_000, 108_222_409, 121_425_543]);
    expect(costing.years.map((y) => y.deltaCents)).toEqual([4_030_000, 8_222_409, 21_425_543]);
    expect(costing.totalDeltaCents).toBe(33_677_952);
    expect(costing.finalYearDeltaCents).toBe(21_425_543);
  });

  it('adds the fringe roll-up on new salary money', () => {
    const costing = costProposal({ baseSalaryCents: 100_000_000, baseFte: 10, years: threeYears.slice(0, 1), rollUpBp: 765 });
    expect(costing.years[0]).toEqual({ fiscalYear: 'FY27', fte: 10, salaryCents: 104_030_000, salaryDeltaCents: 4_030_000, rollUpCents: 308_295, deltaCents: 4_338_295 });
  });

  it('rejects a costing without years or with an impossible rate', () => {
    expect(() => costProposal({ baseSalaryCents: 1, baseFte: 1, years: [] })).toThrow(RangeError);
    expect(() => costProposal({ baseSalaryCents: 1, baseFte: 1, years: [{ fiscalYear: 'FY27', colaBp: -10_000, stepBp: 0 }] })).toThrow(RangeError);
    expect(() => costProposal({ baseSalaryCents: 1.5, baseFte: 1, years: threeYears })).toThrow(RangeError);
  });

  it('costs 1 % of the base', () => {
    expect(costOfOnePercent(74_000_000_000)).toBe(740_000_000);
  });
});

describe('packages and comparison', () => {
  const salaries = costProposal({ baseSalaryCents: 100_000_000, baseFte: 10, years: [{ fiscalYear: 'FY27', colaBp: 200, stepBp: 0 }] });
  const stipends = costProposal({ baseSalaryCents: 1_000_000, baseFte: 2, years: [{ fiscalYear: 'FY27', colaBp: 1000, stepBp: 0 }] });

  it('sums a package item by item', () => {
    const pkg = costPackage([salaries, stipends]);
    expect(pkg.totalDeltaCents).toBe(2_000_000 + 100_000);
    expect(pkg.years[0]?.deltaCents).toBe(2_100_000);
    expect(pkg.baseFte).toBe(12);
  });

  it('refuses to add items costed over different years', () => {
    const other = costProposal({ baseSalaryCents: 1, baseFte: 1, years: [{ fiscalYear: 'FY28', colaBp: 0, stepBp: 0 }] });
    expect(() => costPackage([salaries, other])).toThrow(RangeError);
    expect(() => costPackage([])).toThrow(RangeError);
  });

  it('compares two costings side by side', () => {
    const richer = costProposal({ baseSalaryCents: 100_000_000, baseFte: 10, years: [{ fiscalYear: 'FY27', colaBp: 500, stepBp: 0 }] });
    expect(compareCostings(salaries, richer)).toEqual({
      years: [{ fiscalYear: 'FY27', leftDeltaCents: 2_000_000, rightDeltaCents: 5_000_000, differenceCents: 3_000_000 }],
      leftTotalCents: 2_000_000,
      rightTotalCents: 5_000_000,
      differenceCents: 3_000_000,
    });
  });

  it('produces an attachment the event codec accepts', () => {
    const attachment = toCostingAttachment({ ...salaries, assumptions: ['no step movement'] });
    expect(attachment).toEqual({ fiscalYear: 'FY27', baseCost: 100_000_000, delta: 2_000_000, fte: 10, assumptions: ['no step movement'], deltaByYear: [2_000_000] });
    expect(isRight(CostingAttachment.decode(attachment))).toBe(true);
    expect(isRight(CostingAttachment.decode({ ...attachment, delta: 0.5 }))).toBe(false);
  });
});

describe('costing properties', () => {
  const year = fc.record({ stepBp: fc.integer({ min: 0, max: 600 }), fte: fc.option(fc.integer({ min: 1, max: 9000 }), { nil: undefined }) });
  const scenario = fc.record({
    baseSalaryCents: fc.integer({ min: 0, max: 100_000_000_000 }),
    baseFte: fc.integer({ min: 1, max: 9000 }),
    years: fc.array(year, { minLength: 1, maxLength: 5 }),
    rollUpBp: fc.integer({ min: 0, max: 3000 }),
  });
  type Scenario = { baseSalaryCents: number; baseFte: number; rollUpBp: number; years: { stepBp: number; fte: number | undefined }[] };
  const build = (s: Scenario, colaBp: number) =>
    costProposal({
      baseSalaryCents: s.baseSalaryCents,
      baseFte: s.baseFte,
      rollUpBp: s.rollUpBp,
      years: s.years.map((y, i) => ({ fiscalYear: `FY${27 + i}`, colaBp, stepBp: y.stepBp, ...(y.fte === undefined ? {} : { fte: y.fte }) })),
    });

  it('is monotonic in the COLA rate: a higher COLA never costs less, in any year or in total', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }), (s, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const cheap = build(s, low);
        const dear = build(s, high);
        expect(dear.totalDeltaCents).toBeGreaterThanOrEqual(cheap.totalDeltaCents);
        dear.years.forEach((y, i) => expect(y.deltaCents).toBeGreaterThanOrEqual(cheap.years[i]?.deltaCents ?? Infinity));
      }),
    );
  });

  it('totals are exact integer sums of the yearly figures', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 1500 }), (s, cola) => {
        const c = build(s, cola);
        expect(Number.isSafeInteger(c.totalDeltaCents)).toBe(true);
        expect(c.totalDeltaCents).toBe(c.years.reduce((acc, y) => acc + y.deltaCents, 0));
      }),
    );
  });
});
