/** Fiscal terms subject to appropriation: funding confirmed per fiscal year, or a shortfall that reopens them. */
import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check } from '@laborcase/core';
import type { ConfirmFunding, RecordFundingShortfall } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import * as E from '../events.js';
import type { RegisteredAgreement } from '../state.js';
import { requireMilestoneOrder, requireValidData, type Decision } from './checks.js';

const requireBoardApproved = (agreement: RegisteredAgreement): Check =>
  agreement.milestones.approvedOn !== undefined
    ? undefined
    : reject(AgreementErrors.boardApprovalRequired, 'funding follows the Board approving the agreement', AgreementRules.fundingAfterApproval);

export const decideShortfall = (command: RecordFundingShortfall, agreement: RegisteredAgreement): Decision => {
  const data = { recordedOn: command.recordedOn, fiscalYear: command.fiscalYear, detail: command.detail };
  const failure = firstFailure(
    requireBoardApproved(agreement),
    () => requireValidData(E.FundingShortfallRecorded.codec, data),
    () => requireMilestoneOrder(agreement.milestones.approvedOn, data.recordedOn, 'board approval', 'recordedOn'),
    () =>
      agreement.fundingStatus === 'renegotiating'
        ? reject(AgreementErrors.alreadyRenegotiating, 'a funding shortfall is already being renegotiated', AgreementRules.oneShortfallAtATime)
        : undefined,
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'FundingShortfallRecorded', data }]);
};

/**
 * While renegotiating, only the shortfall's fiscal year can be confirmed; otherwise each fiscal year is confirmed
 * once, and an edition whose fiscal terms were never contingent has nothing to confirm.
 */
const requireConfirmable = (agreement: RegisteredAgreement, fiscalYear: string): Check => {
  const history = agreement.fundingHistory;
  if (agreement.fundingStatus === 'renegotiating') {
    const pending = [...history].reverse().find((f) => f.status === 'renegotiating')?.fiscalYear;
    return pending === undefined || pending === fiscalYear
      ? undefined
      : reject(AgreementErrors.shortfallPending, `the ${pending} shortfall must be settled first`, AgreementRules.shortfallSettledFirst, 'fiscalYear', { pending });
  }
  if (agreement.fundingStatus === 'funded' && history.length === 0) {
    return reject(AgreementErrors.alreadyFunded, 'the fiscal terms of this edition are not contingent on funding', AgreementRules.fundedOncePerYear, 'fiscalYear');
  }
  return history.some((f) => f.fiscalYear === fiscalYear && f.status === 'funded')
    ? reject(AgreementErrors.alreadyFunded, `${fiscalYear} is already funded`, AgreementRules.fundedOncePerYear, 'fiscalYear')
    : undefined;
};

export const decideFundingConfirmation = (command: ConfirmFunding, agreement: RegisteredAgreement): Decision => {
  const data = { confirmedOn: command.confirmedOn, fiscalYear: command.fiscalYear };
  const failure = firstFailure(
    requireBoardApproved(agreement),
    () => requireValidData(E.FundingConfirmed.codec, data),
    () => requireMilestoneOrder(agreement.milestones.approvedOn, data.confirmedOn, 'board approval', 'confirmedOn'),
    () => requireConfirmable(agreement, data.fiscalYear),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'FundingConfirmed', data }]);
};
