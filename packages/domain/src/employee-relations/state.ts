import type { Allegation, Channel, DisciplineLevel, FindingValue, Respondent, Route } from './events.js';

/** received → triaged → investigating → findingsIssued → closed (→ reopened into investigating or triaged). */
export type CaseStatus = 'received' | 'triaged' | 'investigating' | 'findingsIssued' | 'closed';

export interface CaseState {
  readonly status: CaseStatus;
  readonly caseId: string;
  readonly channel: Channel;
  readonly anonymous: boolean;
  readonly complainant?: string;
  readonly respondent?: Respondent;
  readonly allegations: readonly Allegation[];
  readonly receivedOn: string;
  readonly route?: Route;
  readonly investigator?: string;
  readonly interimActions: readonly { readonly action: string; readonly on: string }[];
  readonly interviewIds: readonly string[];
  readonly findings?: Readonly<Record<string, FindingValue>>;
  readonly discipline: readonly { readonly disciplineId: string; readonly level: DisciplineLevel; readonly on: string }[];
  readonly appeal?: { readonly status: 'pending' | 'decided'; readonly appellant: 'respondent' | 'complainant' };
  readonly closedOn?: string;
  readonly reopenings: number;
}

export type EmployeeRelationsState = { readonly status: 'none' } | CaseState;

export const initialEmployeeRelationsState: EmployeeRelationsState = { status: 'none' };
