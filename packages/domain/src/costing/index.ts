/** Pure costing of bargaining proposals in integer cents (rounding rule in money.ts). */
export { BASIS_POINTS_PER_UNIT, scaleCents, isCents, formatCents, type Cents, type BasisPoints } from './money.js';
export { CentsCodec, CostingAttachment } from './attachment.js';
export {
  costProposal,
  costPackage,
  compareCostings,
  costOfOnePercent,
  toCostingAttachment,
  type CostingYear,
  type CostingInput,
  type CostedYear,
  type Costing,
  type CostingComparison,
  type CostingComparisonYear,
} from './costing.js';
