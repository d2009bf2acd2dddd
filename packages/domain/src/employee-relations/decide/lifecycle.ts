import { compareDates, firstFailure, reject } from '@laborcase/core';
import type { CloseCase, ReopenCase } from '../commands.js';
import { EmployeeRelationsErrors as Errors, EmployeeRelationsRules as Rules } from '../errors.js';
import { hasPendingAppeal } from '../queries.js';
import type { CaseState } from '../state.js';
import { accept, recorded, type Decision } from './shared.js';

export const closeCase = (c: CloseCase, s: CaseState): Decision => {
  const failure = firstFailure(
    s.status === 'received' ? reject(Errors.notTriaged, 'a complaint is triaged before it is closed', Rules.closure) : undefined,
    s.status === 'investigating' ? reject(Errors.investigationIncomplete, 'an open investigation closes with findings', Rules.closure) : undefined,
    s.status === 'triaged' && s.route === 'investigation'
      ? reject(Errors.investigationIncomplete, 'the complaint was routed to an investigation that has not happened', Rules.closure)
      : undefined,
    hasPendingAppeal(s) ? reject(Errors.appealPending, 'the appeal of the findings is still pending', Rules.closure) : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'EmployeeRelationsCaseClosed', data: { disposition: c.disposition, ...recorded(c) } }]);
};

export const reopenCase = (c: ReopenCase, s: CaseState): Decision => {
  const failure = firstFailure(
    s.status === 'closed' ? undefined : reject(Errors.caseNotClosed, 'only a closed case is reopened', Rules.reopen),
    c.reason.trim() === '' ? reject(Errors.reopenNeedsReason, 'reopening a closed case requires a stated reason', Rules.reopen, 'reason') : undefined,
    s.closedOn !== undefined && compareDates(c.occurredOn, s.closedOn) < 0 ? reject(Errors.beforeCaseClosed, `closed on ${s.closedOn}`, Rules.dates, 'occurredOn') : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'EmployeeRelationsCaseReopened', data: { reason: c.reason, ...recorded(c) } }]);
};
