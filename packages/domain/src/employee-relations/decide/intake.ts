import { firstFailure, reject } from '@laborcase/core';
import type { ReceiveComplaint, TriageComplaint } from '../commands.js';
import { EmployeeRelationsErrors as Errors, EmployeeRelationsRules as Rules } from '../errors.js';
import type { CaseState } from '../state.js';
import { accept, opt, recorded, type Decision } from './shared.js';

export const receiveComplaint = (c: ReceiveComplaint): Decision => {
  const ids = c.allegations.map((a) => a.allegationId);
  const failure = firstFailure(
    c.anonymous && c.complainant !== undefined
      ? reject(Errors.anonymousComplaintNamesComplainant, 'an anonymous complaint carries no complainant', Rules.intake, 'complainant')
      : undefined,
    !c.anonymous && c.complainant === undefined ? reject(Errors.complainantRequired, 'a named complaint needs its complainant', Rules.intake, 'complainant') : undefined,
    c.allegations.length === 0 ? reject(Errors.noAllegations, 'a complaint states at least one allegation', Rules.intake, 'allegations') : undefined,
    new Set(ids).size !== ids.length ? reject(Errors.duplicateAllegationId, 'allegation ids must be distinct', Rules.intake, 'allegations') : undefined,
    c.channel === 'misconductAllegation' && c.respondent === undefined
      ? reject(Errors.respondentRequired, 'a misconduct allegation names the employee it is about', Rules.intake, 'respondent')
      : undefined,
  );
  if (failure !== undefined) return failure;
  const respondent = c.respondent === undefined ? undefined : { employeeId: c.respondent.employeeId, ...opt('unitId', c.respondent.unitId), ...opt('role', c.respondent.role) };
  return accept([
    {
      type: 'ComplaintReceived',
      data: {
        caseId: c.caseId,
        channel: c.channel,
        anonymous: c.anonymous,
        allegations: c.allegations.map((a) => ({ allegationId: a.allegationId, summary: a.summary, ...opt('policyRef', a.policyRef) })),
        ...recorded(c),
        ...opt('complainant', c.complainant),
        ...opt('respondent', respondent),
      },
    },
  ]);
};

export const triage = (c: TriageComplaint, s: CaseState): Decision => {
  const failure = firstFailure(
    s.status === 'received' ? undefined : reject(Errors.alreadyTriaged, `the case was routed to ${s.route ?? 'a process'} already`, Rules.triage),
    c.route === 'referred' && c.referredTo === undefined ? reject(Errors.referralNeedsDestination, 'a referral names where the complaint was sent', Rules.triage, 'referredTo') : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'ComplaintTriaged', data: { route: c.route, reason: c.reason, ...recorded(c), ...opt('referredTo', c.referredTo) } }]);
};
