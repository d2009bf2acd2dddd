import { reject, type Decider } from '@laborcase/core';
import type { AgreementCommand } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import type { AgreementEvent } from '../events.js';
import { evolveAgreement, initialAgreementState, isRegistered, type AgreementState } from '../state.js';
import { decideAddition, decideAmendment, decideRemoval, decideRenumbering } from './articles.js';
import { requireOpen, type Decision } from './checks.js';
import { decideFundingConfirmation, decideShortfall } from './funding.js';
import { decideProcedureAmendment } from './grievanceProcedure.js';
import { decideBoardApproval, decideExpiry, decideRatification, decideSupersession, decideTakingEffect } from './lifecycle.js';
import { decideRegistration } from './registration.js';
import { decideMouAttachment, decideReopenerScope } from './scope.js';

export type { Decision } from './checks.js';

/** Registration is decided on any state; every other command needs a registered edition that is not closed. */
export const decideAgreement = (command: AgreementCommand, state: AgreementState): Decision => {
  if (command.type === 'RegisterAgreementEdition') return decideRegistration(command, state);
  if (!isRegistered(state)) return reject(AgreementErrors.notRegistered, 'register the agreement edition first', AgreementRules.registered);
  const closed = requireOpen(state);
  if (closed !== undefined) return closed;
  switch (command.type) {
    case 'RecordMemberRatification':
      return decideRatification(command, state);
    case 'RecordBoardApproval':
      return decideBoardApproval(command, state);
    case 'PutAgreementIntoEffect':
      return decideTakingEffect(command, state);
    case 'ExpireAgreement':
      return decideExpiry(command, state);
    case 'SupersedeAgreement':
      return decideSupersession(command, state);
    case 'RecordFundingShortfall':
      return decideShortfall(command, state);
    case 'ConfirmFunding':
      return decideFundingConfirmation(command, state);
    case 'AmendArticle':
      return decideAmendment(command, state);
    case 'RenumberArticle':
      return decideRenumbering(command, state);
    case 'AddArticle':
      return decideAddition(command, state);
    case 'RemoveArticle':
      return decideRemoval(command, state);
    case 'AttachMou':
      return decideMouAttachment(command, state);
    case 'SetReopenerScope':
      return decideReopenerScope(command, state);
    case 'AmendGrievanceProcedure':
      return decideProcedureAmendment(command, state);
  }
};

export const agreementDecider: Decider<AgreementCommand, AgreementState, AgreementEvent> = {
  decide: decideAgreement,
  evolve: evolveAgreement,
  initialState: initialAgreementState,
};
