export * from './procedure.js';
export * from './events.js';
export * from './commands.js';
/** Each agreement command's type, e.g. `AgreementCommands.RecordBoardApproval`. */
export type * as AgreementCommands from './commands.js';
export * from './errors.js';
export * from './state.js';
export * from './queries.js';
export { firstNumberClash, type NumberClash } from './invariants.js';
export { decideAgreement, agreementDecider, type Decision as AgreementDecision } from './decide/index.js';
export { agreementStreamId } from './streamId.js';
export { CORRECTION_BREAKS_INVARIANT, agreementCorrectionPolicy, correctableAgreement, verifyAgreementHistory } from './corrections.js';
export * from './editionDocument.js';
export * from './service.js';
