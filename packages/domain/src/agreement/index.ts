export * from './procedure.js';
export * from './events.js';
export type { AgreementCommand } from './commands.js';
/** Each agreement command's type, e.g. `AgreementCommands.RecordBoardApproval`. */
export type * as AgreementCommands from './commands.js';
export * from './state.js';
export * from './queries.js';
export { firstNumberClash, type NumberClash } from './invariants.js';
export { AgreementErrors, decideAgreement } from './decide.js';
export { evolveAgreement } from './evolve.js';
export { agreementDecider, agreementStreamId } from './decider.js';
export { CORRECTION_BREAKS_INVARIANT, agreementCorrectionPolicy, correctableAgreement, verifyAgreementHistory } from './corrections.js';
