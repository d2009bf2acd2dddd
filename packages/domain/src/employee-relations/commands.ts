import type { Allegation, Channel, DisciplineLevel, Finding, Respondent, Route } from './events.js';

interface Recorded {
  readonly occurredOn: string;
  readonly actor: string;
}

export interface ReceiveComplaint extends Recorded {
  readonly type: 'ReceiveComplaint';
  readonly caseId: string;
  readonly channel: Channel;
  readonly anonymous: boolean;
  readonly complainant?: string;
  readonly respondent?: Respondent;
  readonly allegations: readonly Allegation[];
}

export interface TriageComplaint extends Recorded {
  readonly type: 'TriageComplaint';
  readonly route: Route;
  readonly reason: string;
  readonly referredTo?: string;
}

export interface OpenInvestigation extends Recorded {
  readonly type: 'OpenInvestigation';
  readonly investigator: string;
  readonly conflictCheck: { readonly cleared: boolean; readonly checkedOn: string; readonly disclosures: readonly string[] };
}

export interface TakeInterimAction extends Recorded {
  readonly type: 'TakeInterimAction';
  readonly action: 'administrativeLeave' | 'reassignment' | 'noContactDirective' | 'other';
  readonly description: string;
}

export interface RecordInterview extends Recorded {
  readonly type: 'RecordInterview';
  readonly interviewId: string;
  readonly interviewee: string;
  readonly role: 'complainant' | 'respondent' | 'witness';
}

export interface IssueFindings extends Recorded {
  readonly type: 'IssueFindings';
  readonly findings: readonly Finding[];
}

export interface ImposeDiscipline extends Recorded {
  readonly type: 'ImposeDiscipline';
  readonly disciplineId: string;
  readonly level: DisciplineLevel;
  readonly allegationIds: readonly string[];
  readonly effectiveOn: string;
}

export interface AppealFindings extends Recorded {
  readonly type: 'AppealFindings';
  readonly appellant: 'respondent' | 'complainant';
  readonly grounds: string;
}

export interface DecideFindingsAppeal extends Recorded {
  readonly type: 'DecideFindingsAppeal';
  readonly outcome: 'upheld' | 'modified' | 'reversed';
  /** Required when the outcome is modified or reversed: the findings that now stand, one per allegation. */
  readonly revisedFindings?: readonly Finding[];
}

export interface CloseCase extends Recorded {
  readonly type: 'CloseCase';
  readonly disposition: string;
}

export interface ReopenCase extends Recorded {
  readonly type: 'ReopenCase';
  readonly reason: string;
}

export type EmployeeRelationsCommand =
  | ReceiveComplaint
  | TriageComplaint
  | OpenInvestigation
  | TakeInterimAction
  | RecordInterview
  | IssueFindings
  | ImposeDiscipline
  | AppealFindings
  | DecideFindingsAppeal
  | CloseCase
  | ReopenCase;
