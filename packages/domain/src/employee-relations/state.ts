import type { Allegation, Channel, DisciplineLevel, EmployeeRelationsEvent, Finding, FindingValue, Respondent, Route } from './events.js';

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

const findingsRecord = (findings: readonly Finding[]) => Object.fromEntries(findings.map((f) => [f.allegationId, f.finding]));

const evolveCase = (s: CaseState, event: EmployeeRelationsEvent): CaseState => {
  switch (event.type) {
    case 'ComplaintReceived':
      return s;
    case 'ComplaintTriaged':
      return { ...s, status: 'triaged', route: event.data.route };
    case 'InvestigationOpened':
      return { ...s, status: 'investigating', investigator: event.data.investigator };
    case 'InterimActionTaken':
      return { ...s, interimActions: [...s.interimActions, { action: event.data.action, on: event.data.occurredOn }] };
    case 'InterviewRecorded':
      return { ...s, interviewIds: [...s.interviewIds, event.data.interviewId] };
    case 'FindingsIssued': {
      // New findings (after a reopen) start a new appeal window.
      const { appeal: _previous, ...rest } = s;
      return { ...rest, status: 'findingsIssued', findings: findingsRecord(event.data.findings) };
    }
    case 'DisciplineImposed':
      return { ...s, discipline: [...s.discipline, { disciplineId: event.data.disciplineId, level: event.data.level, on: event.data.occurredOn }] };
    case 'FindingsAppealed':
      return { ...s, appeal: { status: 'pending', appellant: event.data.appellant } };
    case 'FindingsAppealDecided':
      return s.appeal === undefined ? s : { ...s, appeal: { ...s.appeal, status: 'decided' }, findings: findingsRecord(event.data.findings) };
    case 'EmployeeRelationsCaseClosed':
      return { ...s, status: 'closed', closedOn: event.data.occurredOn };
    case 'EmployeeRelationsCaseReopened': {
      const { closedOn: _closed, ...rest } = s;
      return { ...rest, status: s.investigator === undefined ? 'triaged' : 'investigating', reopenings: s.reopenings + 1 };
    }
  }
};

export const evolve = (state: EmployeeRelationsState, event: EmployeeRelationsEvent): EmployeeRelationsState => {
  if (event.type === 'ComplaintReceived') {
    const d = event.data;
    return {
      status: 'received',
      caseId: d.caseId,
      channel: d.channel,
      anonymous: d.anonymous,
      ...(d.complainant === undefined ? {} : { complainant: d.complainant }),
      ...(d.respondent === undefined ? {} : { respondent: d.respondent }),
      allegations: d.allegations,
      receivedOn: d.occurredOn,
      interimActions: [],
      interviewIds: [],
      discipline: [],
      reopenings: 0,
    };
  }
  return state.status === 'none' ? state : evolveCase(state, event);
};
