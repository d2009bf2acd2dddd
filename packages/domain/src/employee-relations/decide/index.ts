import { compareDates, firstFailure, isIsoDate, reject, type Check, type Decider } from '@laborcase/core';
import type { EmployeeRelationsCommand } from '../commands.js';
import { EmployeeRelationsErrors as Errors, EmployeeRelationsRules as Rules } from '../errors.js';
import type { EmployeeRelationsEvent } from '../events.js';
import { evolve, initialEmployeeRelationsState, type CaseState, type EmployeeRelationsState } from '../state.js';
import { receiveComplaint, triage } from './intake.js';
import { issueFindings, openInvestigation, recordInterview, takeInterimAction } from './investigation.js';
import { closeCase, reopenCase } from './lifecycle.js';
import { appealFindings, decideAppeal, imposeDiscipline } from './outcome.js';
import type { Decision } from './shared.js';

export type { Decision } from './shared.js';

/** What every command on an existing case must satisfy before its own rules are checked. */
const openCaseInChronology = (command: Exclude<EmployeeRelationsCommand, { type: 'ReceiveComplaint' }>, s: CaseState): Check =>
  firstFailure(
    s.status === 'closed' && command.type !== 'ReopenCase'
      ? reject(Errors.caseIsClosed, 'a closed case accepts no commands except an explicit reopen with reason', Rules.reopen)
      : undefined,
    compareDates(command.occurredOn, s.receivedOn) < 0
      ? reject(Errors.beforeComplaintReceived, `the complaint was received on ${s.receivedOn}`, Rules.dates, 'occurredOn')
      : undefined,
  );

const decideOnCase = (command: Exclude<EmployeeRelationsCommand, { type: 'ReceiveComplaint' }>, s: CaseState): Decision => {
  switch (command.type) {
    case 'TriageComplaint':
      return triage(command, s);
    case 'OpenInvestigation':
      return openInvestigation(command, s);
    case 'TakeInterimAction':
      return takeInterimAction(command, s);
    case 'RecordInterview':
      return recordInterview(command, s);
    case 'IssueFindings':
      return issueFindings(command, s);
    case 'ImposeDiscipline':
      return imposeDiscipline(command, s);
    case 'AppealFindings':
      return appealFindings(command, s);
    case 'DecideFindingsAppeal':
      return decideAppeal(command, s);
    case 'CloseCase':
      return closeCase(command, s);
    case 'ReopenCase':
      return reopenCase(command, s);
  }
};

export const decide = (command: EmployeeRelationsCommand, state: EmployeeRelationsState): Decision => {
  if (!isIsoDate(command.occurredOn)) return reject(Errors.invalidCommand, 'occurredOn must be a YYYY-MM-DD business date', Rules.input, 'occurredOn');
  if (command.type === 'ReceiveComplaint') {
    return state.status === 'none' ? receiveComplaint(command) : reject(Errors.caseAlreadyReceived, `case ${state.caseId} already exists`, Rules.lifecycle);
  }
  if (state.status === 'none') return reject(Errors.caseNotFound, 'no complaint has been received on this case', Rules.lifecycle);
  return openCaseInChronology(command, state) ?? decideOnCase(command, state);
};

export const employeeRelationsCaseDecider: Decider<EmployeeRelationsCommand, EmployeeRelationsState, EmployeeRelationsEvent> = {
  decide,
  evolve,
  initialState: initialEmployeeRelationsState,
};
