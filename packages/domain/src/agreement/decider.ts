import type { Decider } from '@laborcase/core';
import type { AgreementCommand } from './commands.js';
import { decideAgreement } from './decide.js';
import type { AgreementEvent } from './events.js';
import { evolveAgreement } from './evolve.js';
import { initialAgreementState, type AgreementState } from './state.js';

export { agreementStreamId } from './streamId.js';

export const agreementDecider: Decider<AgreementCommand, AgreementState, AgreementEvent> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};
