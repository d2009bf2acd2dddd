export * from './events.js';
export type * from './commands.js';
export * from './state.js';
export { decide as decideBargaining } from './decide.js';
export { evolve as evolveBargaining } from './evolve.js';
export * from './decider.js';
export { COMAR_14_30_14_02_TIMELINE, Rules as BargainingRules } from './rules.js';
