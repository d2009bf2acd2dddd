import type { Either } from 'fp-ts/lib/Either.js';
import { isIsoDate, compareDates, reject, type DomainError, eventValidator } from '@laborcase/core';
import type {
  AppealFindings,
  CloseCase,
  DecideFindingsAppeal,
  EmployeeRelationsCommand,
  ImposeDiscipline,
  IssueFindings,
  OpenInvestigation,
  ReceiveComplaint,
  RecordInterview,
  ReopenCase,
  TriageComplaint,
} from './commands.js';
import { employeeRelationsEventDefinitions, type EmployeeRelationsEvent, type Finding } from './events.js';
import { Rules } from './rules.js';
import type { CaseState, EmployeeRelationsState } from './state.js';

type Decision = Either<DomainError, readonly EmployeeRelationsEvent[]>;

/** Every event leaves decide valid against its codec; a malformed command field is a typed rejection. */
const accept = eventValidator<EmployeeRelationsEvent>(employeeRelationsEventDefinitions, Rules.input);

const recorded = (c: { occurredOn: string; actor: string }) => ({ occurredOn: c.occurredOn, actor: c.actor });
const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

const copyFindings = (findings: readonly Finding[]): Finding[] =>
  findings.map((f) => ({ allegationId: f.allegationId, finding: f.finding, ...opt('rationale', f.rationale) }));

/** Findings must rule on every allegation of the case exactly once. */
const checkCoverage = (s: CaseState, findings: readonly Finding[], field: string): Decision | undefined => {
  const known = s.allegations.map((a) => a.allegationId);
  const unknown = findings.map((f) => f.allegationId).filter((id) => !known.includes(id));
  if (unknown.length > 0) return reject('UnknownAllegation', `no such allegation: ${unknown.join(', ')}`, Rules.findings, field);
  const ids = findings.map((f) => f.allegationId);
  const missing = known.filter((id) => !ids.includes(id));
  if (missing.length > 0 || new Set(ids).size !== ids.length) {
    return reject('FindingsIncomplete', `each allegation needs exactly one finding; missing: ${missing.join(', ') || 'none (duplicates)'}`, Rules.findings, field, { missingAllegationIds: missing });
  }
  return undefined;
};

const receiveComplaint = (c: ReceiveComplaint): Decision => {
  if (c.anonymous && c.complainant !== undefined) return reject('AnonymousComplaintNamesComplainant', 'an anonymous complaint carries no complainant', Rules.intake, 'complainant');
  if (!c.anonymous && c.complainant === undefined) return reject('ComplainantRequired', 'a named complaint needs its complainant', Rules.intake, 'complainant');
  if (c.allegations.length === 0) return reject('NoAllegations', 'a complaint states at least one allegation', Rules.intake, 'allegations');
  const ids = c.allegations.map((a) => a.allegationId);
  if (new Set(ids).size !== ids.length) return reject('DuplicateAllegationId', 'allegation ids must be distinct', Rules.intake, 'allegations');
  if (c.channel === 'misconductAllegation' && c.respondent === undefined) {
    return reject('RespondentRequired', 'a misconduct allegation names the employee it is about', Rules.intake, 'respondent');
  }
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
        ...opt('respondent', c.respondent === undefined ? undefined : { employeeId: c.respondent.employeeId, ...opt('unitId', c.respondent.unitId), ...opt('role', c.respondent.role) }),
      },
    },
  ]);
};

const triage = (c: TriageComplaint, s: CaseState): Decision => {
  if (s.status !== 'received') return reject('AlreadyTriaged', `the case was routed to ${s.route ?? 'a process'} already`, Rules.triage);
  if (c.route === 'referred' && c.referredTo === undefined) return reject('ReferralNeedsDestination', 'a referral names where the complaint was sent', Rules.triage, 'referredTo');
  return accept([{ type: 'ComplaintTriaged', data: { route: c.route, reason: c.reason, ...recorded(c), ...opt('referredTo', c.referredTo) } }]);
};

const openInvestigation = (c: OpenInvestigation, s: CaseState): Decision => {
  if (s.status === 'investigating') return reject('InvestigationAlreadyOpen', `${s.investigator ?? 'an investigator'} is investigating`, Rules.triage);
  if (s.status !== 'triaged' || s.route !== 'investigation') return reject('NotRoutedToInvestigation', 'only a complaint triaged to investigation is investigated', Rules.triage);
  if (!c.conflictCheck.cleared) return reject('InvestigatorConflict', `${c.investigator} did not clear the conflict-of-interest check`, Rules.conflict, 'conflictCheck');
  if (c.investigator === s.respondent?.employeeId || c.investigator === s.complainant) {
    return reject('InvestigatorConflict', `${c.investigator} is a party to the case`, Rules.conflict, 'investigator');
  }
  if (!isIsoDate(c.conflictCheck.checkedOn) || compareDates(c.conflictCheck.checkedOn, c.occurredOn) > 0) {
    return reject('ConflictCheckAfterOpening', 'the conflict check precedes the investigation', Rules.conflict, 'conflictCheck.checkedOn');
  }
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

const requireInvestigation = (s: CaseState): Decision | undefined =>
  s.status === 'investigating' ? undefined : reject('NoOpenInvestigation', `the case is ${s.status}, not under investigation`, Rules.investigation);

const recordInterview = (c: RecordInterview, s: CaseState): Decision => {
  const closed = requireInvestigation(s);
  if (closed !== undefined) return closed;
  if (s.interviewIds.includes(c.interviewId)) return reject('DuplicateInterviewId', `interview ${c.interviewId} is already recorded`, Rules.input, 'interviewId');
  if (c.role === 'complainant' && s.anonymous) return reject('AnonymousComplainantNotInterviewable', 'an anonymous complaint has no complainant to interview', Rules.intake, 'role');
  return accept([{ type: 'InterviewRecorded', data: { interviewId: c.interviewId, interviewee: c.interviewee, role: c.role, ...recorded(c) } }]);
};

const issueFindings = (c: IssueFindings, s: CaseState): Decision => {
  const closed = requireInvestigation(s);
  if (closed !== undefined) return closed;
  const coverage = checkCoverage(s, c.findings, 'findings');
  if (coverage !== undefined) return coverage;
  return accept([{ type: 'FindingsIssued', data: { findings: copyFindings(c.findings), ...recorded(c) } }]);
};

const imposeDiscipline = (c: ImposeDiscipline, s: CaseState): Decision => {
  if (s.status !== 'findingsIssued' || s.findings === undefined) return reject('FindingsNotIssued', 'discipline follows findings', Rules.discipline);
  const respondent = s.respondent;
  if (respondent === undefined) return reject('NoRespondent', 'the case names no employee to discipline', Rules.discipline);
  if (s.discipline.some((d) => d.disciplineId === c.disciplineId)) return reject('DuplicateDisciplineId', `discipline ${c.disciplineId} is already recorded`, Rules.input, 'disciplineId');
  const unsupported = c.allegationIds.filter((id) => s.findings?.[id] !== 'substantiated');
  if (c.allegationIds.length === 0 || unsupported.length > 0) {
    return reject('DisciplineWithoutSubstantiatedFinding', `not substantiated: ${unsupported.join(', ') || '(no allegation cited)'}`, Rules.discipline, 'allegationIds');
  }
  if (s.appeal?.status === 'pending') return reject('AppealPending', 'discipline waits for the pending appeal of the findings', Rules.appeal);
  return accept([
    {
      type: 'DisciplineImposed',
      data: {
        disciplineId: c.disciplineId,
        level: c.level,
        employeeId: respondent.employeeId,
        allegationIds: [...c.allegationIds],
        effectiveOn: c.effectiveOn,
        ...recorded(c),
        ...opt('unitId', respondent.unitId),
      },
    },
  ]);
};

const appealFindings = (c: AppealFindings, s: CaseState): Decision => {
  if (s.status !== 'findingsIssued') return reject('FindingsNotIssued', 'only issued findings can be appealed', Rules.appeal);
  if (s.appeal !== undefined) return reject('FindingsAlreadyAppealed', `the findings were already appealed by the ${s.appeal.appellant}`, Rules.appeal);
  if ((c.appellant === 'respondent' && s.respondent === undefined) || (c.appellant === 'complainant' && s.anonymous)) {
    return reject('AppellantNotAParty', `the case has no identified ${c.appellant}`, Rules.appeal, 'appellant');
  }
  return accept([{ type: 'FindingsAppealed', data: { appellant: c.appellant, grounds: c.grounds, ...recorded(c) } }]);
};

const decideAppeal = (c: DecideFindingsAppeal, s: CaseState): Decision => {
  if (s.appeal?.status !== 'pending') return reject('NoPendingAppeal', 'there is no pending appeal to decide', Rules.appeal);
  let findings: Finding[];
  if (c.outcome === 'upheld') {
    if (c.revisedFindings !== undefined) return reject('UpheldFindingsNotRevised', 'an upheld appeal leaves the findings as issued', Rules.appeal, 'revisedFindings');
    findings = Object.entries(s.findings ?? {}).map(([allegationId, finding]) => ({ allegationId, finding }));
  } else {
    if (c.revisedFindings === undefined) return reject('RevisedFindingsRequired', `a ${c.outcome} appeal states the findings that now stand`, Rules.appeal, 'revisedFindings');
    const coverage = checkCoverage(s, c.revisedFindings, 'revisedFindings');
    if (coverage !== undefined) return coverage;
    findings = copyFindings(c.revisedFindings);
  }
  return accept([{ type: 'FindingsAppealDecided', data: { outcome: c.outcome, findings, ...recorded(c) } }]);
};

const closeCase = (c: CloseCase, s: CaseState): Decision => {
  if (s.status === 'received') return reject('NotTriaged', 'a complaint is triaged before it is closed', Rules.closure);
  if (s.status === 'investigating') return reject('InvestigationIncomplete', 'an open investigation closes with findings', Rules.closure);
  if (s.status === 'triaged' && s.route === 'investigation') return reject('InvestigationIncomplete', 'the complaint was routed to an investigation that has not happened', Rules.closure);
  if (s.appeal?.status === 'pending') return reject('AppealPending', 'the appeal of the findings is still pending', Rules.closure);
  return accept([{ type: 'EmployeeRelationsCaseClosed', data: { disposition: c.disposition, ...recorded(c) } }]);
};

const reopenCase = (c: ReopenCase, s: CaseState): Decision => {
  if (s.status !== 'closed') return reject('CaseNotClosed', 'only a closed case is reopened', Rules.reopen);
  if (c.reason.trim() === '') return reject('ReopenNeedsReason', 'reopening a closed case requires a stated reason', Rules.reopen, 'reason');
  if (s.closedOn !== undefined && compareDates(c.occurredOn, s.closedOn) < 0) return reject('BeforeCaseClosed', `closed on ${s.closedOn}`, Rules.dates, 'occurredOn');
  return accept([{ type: 'EmployeeRelationsCaseReopened', data: { reason: c.reason, ...recorded(c) } }]);
};

export const decide = (command: EmployeeRelationsCommand, state: EmployeeRelationsState): Decision => {
  if (!isIsoDate(command.occurredOn)) return reject('InvalidCommand', 'occurredOn must be a YYYY-MM-DD business date', Rules.input, 'occurredOn');
  if (command.type === 'ReceiveComplaint') {
    return state.status === 'none' ? receiveComplaint(command) : reject('CaseAlreadyReceived', `case ${state.caseId} already exists`, Rules.lifecycle);
  }
  if (state.status === 'none') return reject('CaseNotFound', 'no complaint has been received on this case', Rules.lifecycle);
  if (state.status === 'closed' && command.type !== 'ReopenCase') {
    return reject('CaseIsClosed', 'a closed case accepts no commands except an explicit reopen with reason', Rules.reopen);
  }
  if (compareDates(command.occurredOn, state.receivedOn) < 0) return reject('BeforeComplaintReceived', `the complaint was received on ${state.receivedOn}`, Rules.dates, 'occurredOn');
  switch (command.type) {
    case 'TriageComplaint':
      return triage(command, state);
    case 'OpenInvestigation':
      return openInvestigation(command, state);
    case 'TakeInterimAction': {
      const closed = requireInvestigation(state);
      return closed ?? accept([{ type: 'InterimActionTaken', data: { action: command.action, description: command.description, ...recorded(command) } }]);
    }
    case 'RecordInterview':
      return recordInterview(command, state);
    case 'IssueFindings':
      return issueFindings(command, state);
    case 'ImposeDiscipline':
      return imposeDiscipline(command, state);
    case 'AppealFindings':
      return appealFindings(command, state);
    case 'DecideFindingsAppeal':
      return decideAppeal(command, state);
    case 'CloseCase':
      return closeCase(command, state);
    case 'ReopenCase':
      return reopenCase(command, state);
  }
};
