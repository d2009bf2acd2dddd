import { compareDates, firstFailure, isIsoDate, reject } from '@laborcase/core';
import type { IssueFindings, OpenInvestigation, RecordInterview, TakeInterimAction } from '../commands.js';
import { EmployeeRelationsErrors as Errors, EmployeeRelationsRules as Rules } from '../errors.js';
import type { CaseState } from '../state.js';
import { accept, copyFindings, coverEveryAllegationOnce, recorded, underInvestigation, type Decision } from './shared.js';

export const openInvestigation = (c: OpenInvestigation, s: CaseState): Decision => {
  const failure = firstFailure(
    s.status === 'investigating' ? reject(Errors.investigationAlreadyOpen, `${s.investigator ?? 'an investigator'} is investigating`, Rules.triage) : undefined,
    s.status !== 'triaged' || s.route !== 'investigation'
      ? reject(Errors.notRoutedToInvestigation, 'only a complaint triaged to investigation is investigated', Rules.triage)
      : undefined,
    c.conflictCheck.cleared ? undefined : reject(Errors.investigatorConflict, `${c.investigator} did not clear the conflict-of-interest check`, Rules.conflict, 'conflictCheck'),
    c.investigator === s.respondent?.employeeId || c.investigator === s.complainant
      ? reject(Errors.investigatorConflict, `${c.investigator} is a party to the case`, Rules.conflict, 'investigator')
      : undefined,
    !isIsoDate(c.conflictCheck.checkedOn) || compareDates(c.conflictCheck.checkedOn, c.occurredOn) > 0
      ? reject(Errors.conflictCheckAfterOpening, 'the conflict check precedes the investigation', Rules.conflict, 'conflictCheck.checkedOn')
      : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([
    {
      type: 'InvestigationOpened',
      data: {
        investigator: c.investigator,
        conflictCheck: { cleared: true, checkedOn: c.conflictCheck.checkedOn, disclosures: [...c.conflictCheck.disclosures] },
        ...recorded(c),
      },
    },
  ]);
};

export const takeInterimAction = (c: TakeInterimAction, s: CaseState): Decision =>
  underInvestigation(s) ?? accept([{ type: 'InterimActionTaken', data: { action: c.action, description: c.description, ...recorded(c) } }]);

export const recordInterview = (c: RecordInterview, s: CaseState): Decision => {
  const failure = firstFailure(
    underInvestigation(s),
    s.interviewIds.includes(c.interviewId) ? reject(Errors.duplicateInterviewId, `interview ${c.interviewId} is already recorded`, Rules.input, 'interviewId') : undefined,
    c.role === 'complainant' && s.anonymous
      ? reject(Errors.anonymousComplainantNotInterviewable, 'an anonymous complaint has no complainant to interview', Rules.intake, 'role')
      : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'InterviewRecorded', data: { interviewId: c.interviewId, interviewee: c.interviewee, role: c.role, ...recorded(c) } }]);
};

export const issueFindings = (c: IssueFindings, s: CaseState): Decision => {
  const failure = firstFailure(underInvestigation(s), () => coverEveryAllegationOnce(s, c.findings, 'findings'));
  if (failure !== undefined) return failure;
  return accept([{ type: 'FindingsIssued', data: { findings: copyFindings(c.findings), ...recorded(c) } }]);
};
