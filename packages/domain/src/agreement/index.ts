export * from './procedure.js';
export * from './events.js';
export type * from './commands.js';
export * from './state.js';
export * from './queries.js';
export { firstNumberClash, type NumberClash } from './invariants.js';
export { AgreementErrors, decideAgreement } from './decide.js';
export { evolveAgreement } from './evolve.js';
export { agreementDecider, agreementStreamId } from './decider.js';
