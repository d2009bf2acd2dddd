export * from './events.js';
export type * from './commands.js';
export * from './state.js';
export { decide as decideEmployeeRelations } from './decide.js';
export { evolve as evolveEmployeeRelations } from './evolve.js';
export * from './decider.js';
export * from './processManager.js';
export { Rules as EmployeeRelationsRules } from './rules.js';
