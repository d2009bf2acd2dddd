import { CoreErrors, errorCodes, type ErrorCodeOf } from '@laborcase/core';

/** Every code an employee-relations case can return. */
export const EmployeeRelationsErrors = errorCodes({
  // Any command
  caseAlreadyReceived: 'CaseAlreadyReceived',
  caseNotFound: 'CaseNotFound',
  caseIsClosed: 'CaseIsClosed',
  beforeComplaintReceived: 'BeforeComplaintReceived',
  // Intake and triage
  anonymousComplaintNamesComplainant: 'AnonymousComplaintNamesComplainant',
  complainantRequired: 'ComplainantRequired',
  noAllegations: 'NoAllegations',
  duplicateAllegationId: 'DuplicateAllegationId',
  respondentRequired: 'RespondentRequired',
  alreadyTriaged: 'AlreadyTriaged',
  referralNeedsDestination: 'ReferralNeedsDestination',
  // Investigation
  investigationAlreadyOpen: 'InvestigationAlreadyOpen',
  notRoutedToInvestigation: 'NotRoutedToInvestigation',
  investigatorConflict: 'InvestigatorConflict',
  conflictCheckAfterOpening: 'ConflictCheckAfterOpening',
  noOpenInvestigation: 'NoOpenInvestigation',
  duplicateInterviewId: 'DuplicateInterviewId',
  anonymousComplainantNotInterviewable: 'AnonymousComplainantNotInterviewable',
  unknownAllegation: 'UnknownAllegation',
  findingsIncomplete: 'FindingsIncomplete',
  // Discipline and appeals
  findingsNotIssued: 'FindingsNotIssued',
  noRespondent: 'NoRespondent',
  duplicateDisciplineId: 'DuplicateDisciplineId',
  disciplineWithoutSubstantiatedFinding: 'DisciplineWithoutSubstantiatedFinding',
  appealPending: 'AppealPending',
  findingsAlreadyAppealed: 'FindingsAlreadyAppealed',
  appellantNotAParty: 'AppellantNotAParty',
  noPendingAppeal: 'NoPendingAppeal',
  upheldFindingsNotRevised: 'UpheldFindingsNotRevised',
  revisedFindingsRequired: 'RevisedFindingsRequired',
  // Closing and reopening
  notTriaged: 'NotTriaged',
  investigationIncomplete: 'InvestigationIncomplete',
  caseNotClosed: 'CaseNotClosed',
  reopenNeedsReason: 'ReopenNeedsReason',
  beforeCaseClosed: 'BeforeCaseClosed',
  // Returned by the kernel on the aggregate's behalf (the decider also returns InvalidCommand for a malformed field)
  ...CoreErrors,
});
export type EmployeeRelationsErrorCode = ErrorCodeOf<typeof EmployeeRelationsErrors>;

/** The rules rejections cite. */
export const EmployeeRelationsRules = {
  intake: 'complaint intake: named or anonymous complainant, at least one allegation',
  lifecycle: 'employee-relations case lifecycle',
  triage: 'a complaint is triaged once, before any investigation',
  conflict: 'Policy GCB: investigator conflict-of-interest disclosure',
  investigation: 'interviews, interim actions and findings happen inside an open investigation',
  findings: 'findings rule on every allegation exactly once',
  discipline: 'discipline rests on substantiated findings against the respondent',
  appeal: 'Policy GCB: appeal of findings by a party',
  closure: 'a case closes only when its route is complete and no appeal is pending',
  reopen: 'a closed case reopens only by an explicit reopen with a reason',
  dates: 'business dates follow the case’s own chronology',
  input: 'command fields must be well-formed',
} as const;
