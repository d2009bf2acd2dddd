/** Tentatively agreed → ratified by members → approved by the Board → in effect → expired | superseded. */
import { right } from 'fp-ts/lib/Either.js';
import { addDays, firstFailure, reject, type Check } from '@laborcase/core';
import type { ExpireAgreement, PutAgreementIntoEffect, RecordBoardApproval, RecordMemberRatification, SupersedeAgreement } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import * as E from '../events.js';
import type { RegisteredAgreement } from '../state.js';
import { requireMilestoneOrder, requireValidData, withoutUndefined, type Decision } from './checks.js';

export const decideRatification = (command: RecordMemberRatification, agreement: RegisteredAgreement): Decision => {
  const data = withoutUndefined({ ratifiedOn: command.ratifiedOn, votesFor: command.votesFor, votesAgainst: command.votesAgainst });
  const failure = firstFailure(
    agreement.status !== 'tentativelyAgreed' ? reject(AgreementErrors.alreadyRatified, 'members have already ratified this edition', AgreementRules.ratifyOnce) : undefined,
    () => requireValidData(E.AgreementRatifiedByMembers.codec, data),
    () => requireMilestoneOrder(agreement.milestones.tentativelyAgreedOn, data.ratifiedOn, 'the tentative agreement', 'ratifiedOn'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementRatifiedByMembers', data }]);
};

const requireAwaitingApproval = (agreement: RegisteredAgreement): Check => {
  if (agreement.status === 'tentativelyAgreed') {
    return reject(AgreementErrors.ratificationRequired, 'the Board votes after the members ratify', AgreementRules.approvalFollowsRatification);
  }
  return agreement.status !== 'ratifiedByMembers' ? reject(AgreementErrors.alreadyApproved, 'the Board has already approved this edition', AgreementRules.approveOnce) : undefined;
};

export const decideBoardApproval = (command: RecordBoardApproval, agreement: RegisteredAgreement): Decision => {
  const data = { approvedOn: command.approvedOn };
  const failure = firstFailure(
    requireAwaitingApproval(agreement),
    () => requireValidData(E.AgreementApprovedByBoard.codec, data),
    () => requireMilestoneOrder(agreement.milestones.ratifiedOn, data.approvedOn, 'member ratification', 'approvedOn'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementApprovedByBoard', data }]);
};

const requireApprovedNotInEffect = (agreement: RegisteredAgreement): Check => {
  if (agreement.status === 'tentativelyAgreed') return reject(AgreementErrors.ratificationRequired, 'members have not ratified this edition', AgreementRules.inEffectNeedsBoth);
  if (agreement.status === 'ratifiedByMembers') return reject(AgreementErrors.boardApprovalRequired, 'the Board has not approved this edition', AgreementRules.inEffectNeedsBoth);
  return agreement.status !== 'approvedByBoard' ? reject(AgreementErrors.alreadyInEffect, 'the edition is already in effect', AgreementRules.takesEffectOnce) : undefined;
};

export const decideTakingEffect = (command: PutAgreementIntoEffect, agreement: RegisteredAgreement): Decision => {
  const data = { effectiveOn: command.effectiveOn };
  const failure = firstFailure(
    requireApprovedNotInEffect(agreement),
    () => requireValidData(E.AgreementTookEffect.codec, data),
    () => requireMilestoneOrder(agreement.milestones.approvedOn, data.effectiveOn, 'board approval', 'effectiveOn'),
    () =>
      data.effectiveOn > agreement.term.expiresOn
        ? reject(AgreementErrors.effectAfterTermEnd, `the term ended ${agreement.term.expiresOn}`, AgreementRules.takesEffectWithinTerm, 'effectiveOn')
        : undefined,
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementTookEffect', data }]);
};

const requireInEffect = (agreement: RegisteredAgreement): Check =>
  agreement.status === 'inEffect'
    ? undefined
    : reject(AgreementErrors.notInEffect, `${agreement.agreementId} is ${agreement.status}, not in effect`, AgreementRules.onlyInEffectCloses, undefined, {
        status: agreement.status,
      });

export const decideExpiry = (command: ExpireAgreement, agreement: RegisteredAgreement): Decision => {
  const data = { expiredOn: command.expiredOn };
  const failure = firstFailure(
    requireInEffect(agreement),
    () => requireValidData(E.AgreementExpired.codec, data),
    () =>
      data.expiredOn <= agreement.term.expiresOn
        ? reject(AgreementErrors.expiryBeforeTermEnd, `the term runs through ${agreement.term.expiresOn}`, AgreementRules.expiresAfterTerm, 'expiredOn')
        : undefined,
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementExpired', data }]);
};

/** A successor may take over after the term starts and at the latest the day after it ends. */
const requireSupersessionWithinTerm = (agreement: RegisteredAgreement, supersededOn: string): Check => {
  const latest = addDays(agreement.term.expiresOn, 1);
  return supersededOn <= agreement.term.effectiveFrom || supersededOn > latest
    ? reject(
        AgreementErrors.supersessionOutsideTerm,
        `a successor can take over after ${agreement.term.effectiveFrom} and by ${latest}`,
        AgreementRules.supersededWithinTerm,
        'supersededOn',
      )
    : undefined;
};

export const decideSupersession = (command: SupersedeAgreement, agreement: RegisteredAgreement): Decision => {
  const data = { supersededOn: command.supersededOn, successorEditionId: command.successorEditionId };
  const failure = firstFailure(
    requireInEffect(agreement),
    () => requireValidData(E.AgreementSuperseded.codec, data),
    () =>
      data.successorEditionId === agreement.editionId
        ? reject(AgreementErrors.invalidSuccessor, 'an edition cannot supersede itself', AgreementRules.successorIsAnother, 'successorEditionId')
        : undefined,
    () => requireSupersessionWithinTerm(agreement, data.supersededOn),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'AgreementSuperseded', data }]);
};
