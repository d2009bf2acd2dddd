/**
 * ECPS case ER-26-005 (domain.md §7, fictional): a misconduct allegation against an ECAP assistant principal,
 * investigated, substantiated in part, ending in a written reprimand. The discipline offers ECAP a grievance
 * (§7: the ECAP administrative grievance is later denied at Step III — that belongs to the grievance stream).
 * §7 gives no dates for this case; the ones below are invented and consistent with each other.
 */
import { fold } from '../../packages/domain/src/kernel/decider.js';
import {
  disciplineToGrievanceOption,
  employeeRelationsCaseDecider,
  type EmployeeRelationsCommand,
  type EmployeeRelationsEvent,
  type EmployeeRelationsState,
  type OfferGrievanceOption,
} from '../../packages/domain/src/employee-relations/index.js';

const actor = 'ecps.employee-relations';
const on = (occurredOn: string) => ({ occurredOn, actor });

export const ER_26_005 = 'ER-26-005';

export const er26005: readonly EmployeeRelationsCommand[] = [
  {
    type: 'ReceiveComplaint',
    caseId: ER_26_005,
    channel: 'misconductAllegation',
    anonymous: false,
    complainant: 'E-40117',
    respondent: { employeeId: 'E-20931', unitId: 'ecap', role: 'assistant principal, Lakeview MS' },
    allegations: [
      { allegationId: 'A1', summary: 'demeaning remarks to staff at faculty meetings', policyRef: 'GCB' },
      { allegationId: 'A2', summary: 'retaliatory duty assignments after a staff complaint', policyRef: 'GCB' },
      { allegationId: 'A3', summary: 'approving leave inconsistently by favouritism' },
    ],
    ...on('2026-01-20'),
  },
  { type: 'TriageComplaint', route: 'investigation', reason: 'allegation of employee misconduct by an administrator', ...on('2026-01-22') },
  { type: 'OpenInvestigation', investigator: 'INV-Okonkwo', conflictCheck: { cleared: true, checkedOn: '2026-01-23', disclosures: [] }, ...on('2026-01-26') },
  { type: 'TakeInterimAction', action: 'noContactDirective', description: 'respondent not to discuss the complaint with the complainant', ...on('2026-01-26') },
  { type: 'RecordInterview', interviewId: 'ER-26-005-I1', interviewee: 'E-40117', role: 'complainant', ...on('2026-02-02') },
  { type: 'RecordInterview', interviewId: 'ER-26-005-I2', interviewee: 'E-33410', role: 'witness', ...on('2026-02-04') },
  { type: 'RecordInterview', interviewId: 'ER-26-005-I3', interviewee: 'E-20931', role: 'respondent', ...on('2026-02-09') },
  {
    type: 'IssueFindings',
    findings: [
      { allegationId: 'A1', finding: 'substantiated', rationale: 'three witnesses corroborate the remarks' },
      { allegationId: 'A2', finding: 'unsubstantiated', rationale: 'duty rotation predates the complaint' },
      { allegationId: 'A3', finding: 'inconclusive' },
    ],
    ...on('2026-03-03'),
  },
  { type: 'ImposeDiscipline', disciplineId: 'ER-26-005-D1', level: 'writtenReprimand', allegationIds: ['A1'], effectiveOn: '2026-03-11', ...on('2026-03-10') },
  { type: 'CloseCase', disposition: 'substantiated in part; written reprimand', ...on('2026-03-12') },
];

export interface CaseReplay {
  readonly events: readonly EmployeeRelationsEvent[];
  readonly state: EmployeeRelationsState;
  /** Commands the discipline → grievance process manager yields while the case is replayed. */
  readonly offeredGrievances: readonly OfferGrievanceOption[];
}

export const replayCase = (caseId: string, commands: readonly EmployeeRelationsCommand[]): CaseReplay => {
  const events: EmployeeRelationsEvent[] = [];
  let state = employeeRelationsCaseDecider.initialState;
  for (const command of commands) {
    const decision = employeeRelationsCaseDecider.decide(command, state);
    if (decision._tag === 'Left') throw new Error(`${command.type} rejected: ${decision.left.code}: ${decision.left.message}`);
    events.push(...decision.right);
    state = fold(employeeRelationsCaseDecider.evolve, state, decision.right);
  }
  return { events, state, offeredGrievances: events.flatMap((e) => disciplineToGrievanceOption(caseId, e)) };
};
