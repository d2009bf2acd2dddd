import { describe, it, expect } from '@jest/globals';
import { employeeRelationsCaseDecider } from '../../packages/domain/src/employee-relations/index.js';
import { er26005, ER_26_005, replayCase } from './employee-relations.js';

describe('ER-26-005 (§7)', () => {
  const { events, state, offeredGrievances } = replayCase(ER_26_005, er26005);

  it('runs the complaint funnel intake → investigation → findings → discipline → closed', () => {
    expect(events.map((e) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintTriaged',
      'InvestigationOpened',
      'InterimActionTaken',
      'InterviewRecorded',
      'InterviewRecorded',
      'InterviewRecorded',
      'FindingsIssued',
      'DisciplineImposed',
      'EmployeeRelationsCaseClosed',
    ]);
  });

  it('is substantiated in part', () => {
    expect(state.status !== 'none' && state.findings).toEqual({ A1: 'substantiated', A2: 'unsubstantiated', A3: 'inconclusive' });
    expect(state.status).toBe('closed');
  });

  it('offers ECAP the option to grieve the written reprimand', () => {
    expect(offeredGrievances).toEqual([
      {
        type: 'OfferGrievanceOption',
        commandId: 'offer-grievance-ER-26-005-ER-26-005-D1',
        employeeId: 'E-20931',
        unitId: 'ecap',
        disciplineLevel: 'writtenReprimand',
        imposedOn: '2026-03-10',
        effectiveOn: '2026-03-11',
        source: { caseId: 'ER-26-005', streamId: 'ercase-ER-26-005', disciplineId: 'ER-26-005-D1', allegationIds: ['A1'] },
      },
    ]);
  });

  it('once closed, reopens only explicitly and with a reason', () => {
    const interview = employeeRelationsCaseDecider.decide({ type: 'RecordInterview', interviewId: 'late', interviewee: 'W', role: 'witness', occurredOn: '2026-03-20', actor: 'x' }, state);
    expect(interview._tag === 'Left' && interview.left.code).toBe('CaseIsClosed');
    const noReason = employeeRelationsCaseDecider.decide({ type: 'ReopenCase', reason: '', occurredOn: '2026-03-20', actor: 'x' }, state);
    expect(noReason._tag === 'Left' && noReason.left.code).toBe('ReopenNeedsReason');
  });
});
