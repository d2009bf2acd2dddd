import { describe, it, expect } from '@jest/globals';
import * as fc from 'fast-check';
import { fold } from '@laborcase/core';
import { deciderSpec, decidedHistory, foldIsIncremental, replayIsDeterministic } from '@laborcase/core/testkit';
import type { EmployeeRelationsCommand } from './commands.js';
import { employeeRelationsCaseDecider } from './decide/index.js';
import { employeeRelationsStreamId } from './streamId.js';
import type { EmployeeRelationsEvent, EmployeeRelationsEventData } from './events.js';
import { disciplineToGrievanceOption } from './processManager.js';
import type { CaseState } from './state.js';

const spec = deciderSpec(employeeRelationsCaseDecider);
const actor = 'er.intake';
const at = (occurredOn: string) => ({ occurredOn, actor });
const stateAfter = (events: readonly EmployeeRelationsEvent[]) => fold(employeeRelationsCaseDecider.evolve, employeeRelationsCaseDecider.initialState, events) as CaseState;

const allegations = [
  { allegationId: 'A1', summary: 'demeaning remarks to staff', policyRef: 'GCB' },
  { allegationId: 'A2', summary: 'retaliation after a complaint' },
];
const receive: Extract<EmployeeRelationsCommand, { type: 'ReceiveComplaint' }> = {
  type: 'ReceiveComplaint',
  caseId: 'ER-T-1',
  channel: 'misconductAllegation',
  anonymous: false,
  complainant: 'E-100',
  respondent: { employeeId: 'E-200', unitId: 'ecap', role: 'assistant principal' },
  allegations,
  ...at('2026-01-05'),
};
const received = (over: Partial<EmployeeRelationsEventData<'ComplaintReceived'>> = {}): EmployeeRelationsEvent => ({
  type: 'ComplaintReceived',
  data: { caseId: 'ER-T-1', channel: 'misconductAllegation', anonymous: false, allegations, ...at('2026-01-05'), complainant: 'E-100', respondent: { employeeId: 'E-200', unitId: 'ecap', role: 'assistant principal' }, ...over },
});
const triaged: EmployeeRelationsEvent = { type: 'ComplaintTriaged', data: { route: 'investigation', reason: 'misconduct', ...at('2026-01-06') } };
const opened: EmployeeRelationsEvent = { type: 'InvestigationOpened', data: { investigator: 'INV-7', conflictCheck: { cleared: true, checkedOn: '2026-01-07', disclosures: [] }, ...at('2026-01-08') } };
const findings: EmployeeRelationsEvent = {
  type: 'FindingsIssued',
  data: { findings: [{ allegationId: 'A1', finding: 'substantiated' }, { allegationId: 'A2', finding: 'unsubstantiated' }], ...at('2026-02-20') },
};
const closed: EmployeeRelationsEvent = { type: 'EmployeeRelationsCaseClosed', data: { disposition: 'discipline imposed', ...at('2026-03-01') } };
const investigating = [received(), triaged, opened];
const withFindings = [...investigating, findings];
const appealed: EmployeeRelationsEvent = { type: 'FindingsAppealed', data: { appellant: 'respondent', grounds: 'bias', ...at('2026-02-25') } };

describe('employee-relations case: stream id', () => {
  it('is ercase-{caseId}', () => expect(employeeRelationsStreamId('ER-26-005')).toBe('ercase-ER-26-005'));
});

describe('ReceiveComplaint', () => {
  it('receives a named misconduct allegation', () => void spec.given([]).when(receive).then([received()]));
  it('receives an anonymous hotline report', () => {
    const { complainant: _c, ...rest } = receive;
    spec.given([]).when({ ...rest, channel: 'hotline', anonymous: true }).then([
      { type: 'ComplaintReceived', data: { caseId: 'ER-T-1', channel: 'hotline', anonymous: true, allegations, ...at('2026-01-05'), respondent: { employeeId: 'E-200', unitId: 'ecap', role: 'assistant principal' } } },
    ]);
  });
  it('rejects a second intake on the same case', () => void spec.given([received()]).when(receive).thenFails('CaseAlreadyReceived'));
  it('rejects an anonymous complaint that names its complainant', () => void spec.given([]).when({ ...receive, anonymous: true }).thenFails('AnonymousComplaintNamesComplainant'));
  it('rejects a named complaint without a complainant', () => {
    const { complainant: _c, ...rest } = receive;
    spec.given([]).when(rest).thenFails('ComplainantRequired');
  });
  it('rejects a complaint without allegations, or with repeated ids', () => {
    spec.given([]).when({ ...receive, allegations: [] }).thenFails('NoAllegations');
    spec.given([]).when({ ...receive, allegations: [allegations[0]!, allegations[0]!] }).thenFails('DuplicateAllegationId');
  });
  it('rejects a misconduct allegation about nobody', () => {
    const { respondent: _r, ...rest } = receive;
    spec.given([]).when(rest).thenFails('RespondentRequired');
  });
  it('rejects malformed fields', () => {
    expect(spec.given([]).when({ ...receive, caseId: '' }).thenFails('InvalidCommand').field).toBe('caseId');
    spec.given([]).when({ ...receive, occurredOn: '2026-13-01' }).thenFails('InvalidCommand');
  });
});

describe('commands on a case that does not exist, or before it', () => {
  it('rejects before intake', () => void spec.given([]).when({ type: 'TriageComplaint', route: 'noAction', reason: 'x', ...at('2026-01-06') }).thenFails('CaseNotFound'));
  it('rejects dates before intake', () => void spec.given([received()]).when({ type: 'TriageComplaint', route: 'noAction', reason: 'x', ...at('2026-01-04') }).thenFails('BeforeComplaintReceived'));
});

describe('TriageComplaint', () => {
  it('routes to investigation', () => void spec.given([received()]).when({ type: 'TriageComplaint', route: 'investigation', reason: 'misconduct', ...at('2026-01-06') }).then([triaged]));
  it('refers elsewhere, naming where', () => {
    spec.given([received()]).when({ type: 'TriageComplaint', route: 'referred', reason: 'contract matter', referredTo: 'grievance procedure', ...at('2026-01-06') }).then([
      { type: 'ComplaintTriaged', data: { route: 'referred', reason: 'contract matter', ...at('2026-01-06'), referredTo: 'grievance procedure' } },
    ]);
    spec.given([received()]).when({ type: 'TriageComplaint', route: 'referred', reason: 'contract matter', ...at('2026-01-06') }).thenFails('ReferralNeedsDestination');
  });
  it('rejects triaging twice', () => void spec.given([received(), triaged]).when({ type: 'TriageComplaint', route: 'noAction', reason: 'x', ...at('2026-01-07') }).thenFails('AlreadyTriaged'));
});

describe('OpenInvestigation', () => {
  const open = (over: Partial<Extract<EmployeeRelationsCommand, { type: 'OpenInvestigation' }>> = {}): EmployeeRelationsCommand => ({
    type: 'OpenInvestigation',
    investigator: 'INV-7',
    conflictCheck: { cleared: true, checkedOn: '2026-01-07', disclosures: [] },
    ...at('2026-01-08'),
    ...over,
  });
  it('opens with a cleared conflict check', () => void spec.given([received(), triaged]).when(open()).then([opened]));
  it('rejects an investigator who did not clear the conflict check', () => {
    const error = spec.given([received(), triaged]).when(open({ conflictCheck: { cleared: false, checkedOn: '2026-01-07', disclosures: ['former supervisor of respondent'] } })).thenFails('InvestigatorConflict');
    expect(error.rule).toBe('Policy GCB: investigator conflict-of-interest disclosure');
  });
  it('rejects a party as investigator', () => {
    expect(spec.given([received(), triaged]).when(open({ investigator: 'E-200' })).thenFails('InvestigatorConflict').field).toBe('investigator');
    spec.given([received(), triaged]).when(open({ investigator: 'E-100' })).thenFails('InvestigatorConflict');
  });
  it('rejects a conflict check dated after the opening', () => void spec.given([received(), triaged]).when(open({ conflictCheck: { cleared: true, checkedOn: '2026-01-09', disclosures: [] } })).thenFails('ConflictCheckAfterOpening'));
  it('rejects an investigation the complaint was not routed to', () => {
    spec.given([received()]).when(open()).thenFails('NotRoutedToInvestigation');
    spec.given([received(), { type: 'ComplaintTriaged', data: { route: 'informalResolution', reason: 'x', ...at('2026-01-06') } }]).when(open()).thenFails('NotRoutedToInvestigation');
  });
  it('rejects a second investigation', () => void spec.given(investigating).when(open()).thenFails('InvestigationAlreadyOpen'));
});

describe('interim actions and interviews', () => {
  it('records an interim action during the investigation', () => {
    spec.given(investigating).when({ type: 'TakeInterimAction', action: 'noContactDirective', description: 'no contact with complainant', ...at('2026-01-09') }).then([
      { type: 'InterimActionTaken', data: { action: 'noContactDirective', description: 'no contact with complainant', ...at('2026-01-09') } },
    ]);
  });
  it('rejects an interim action outside an investigation', () => void spec.given([received(), triaged]).when({ type: 'TakeInterimAction', action: 'other', description: 'x', ...at('2026-01-09') }).thenFails('NoOpenInvestigation'));
  const interview = (interviewId: string, role: 'complainant' | 'respondent' | 'witness' = 'witness'): EmployeeRelationsCommand => ({ type: 'RecordInterview', interviewId, interviewee: 'W-1', role, ...at('2026-01-15') });
  it('records an interview', () => void spec.given(investigating).when(interview('I1')).then([{ type: 'InterviewRecorded', data: { interviewId: 'I1', interviewee: 'W-1', role: 'witness', ...at('2026-01-15') } }]));
  it('rejects a repeated interview id, an interview outside an investigation, and interviewing an anonymous complainant', () => {
    spec.given([...investigating, { type: 'InterviewRecorded', data: { interviewId: 'I1', interviewee: 'W-1', role: 'witness', ...at('2026-01-15') } }]).when(interview('I1')).thenFails('DuplicateInterviewId');
    spec.given(withFindings).when(interview('I2')).thenFails('NoOpenInvestigation');
    const { complainant: _c, ...anonymousData } = (received() as Extract<EmployeeRelationsEvent, { type: 'ComplaintReceived' }>).data;
    spec.given([{ type: 'ComplaintReceived', data: { ...anonymousData, anonymous: true, channel: 'hotline' } }, triaged, opened]).when(interview('I3', 'complainant')).thenFails('AnonymousComplainantNotInterviewable');
  });
});

describe('IssueFindings', () => {
  const issue = (list: { allegationId: string; finding: 'substantiated' | 'unsubstantiated' | 'inconclusive' }[]): EmployeeRelationsCommand => ({ type: 'IssueFindings', findings: list, ...at('2026-02-20') });
  it('issues a finding per allegation', () => {
    spec.given(investigating).when(issue([{ allegationId: 'A1', finding: 'substantiated' }, { allegationId: 'A2', finding: 'unsubstantiated' }])).then([findings]);
  });
  it('rejects findings outside an investigation', () => void spec.given([received(), triaged]).when(issue([])).thenFails('NoOpenInvestigation'));
  it('rejects a finding on an unknown allegation', () => void spec.given(investigating).when(issue([{ allegationId: 'A9', finding: 'inconclusive' }])).thenFails('UnknownAllegation'));
  it('rejects findings that miss or repeat an allegation', () => {
    expect(spec.given(investigating).when(issue([{ allegationId: 'A1', finding: 'substantiated' }])).thenFails('FindingsIncomplete').details).toEqual({ missingAllegationIds: ['A2'] });
    spec.given(investigating).when(issue([{ allegationId: 'A1', finding: 'substantiated' }, { allegationId: 'A1', finding: 'inconclusive' }, { allegationId: 'A2', finding: 'inconclusive' }])).thenFails('FindingsIncomplete');
  });
});

describe('ImposeDiscipline', () => {
  const impose = (allegationIds: string[], disciplineId = 'D1'): EmployeeRelationsCommand => ({ type: 'ImposeDiscipline', disciplineId, level: 'writtenReprimand', allegationIds, effectiveOn: '2026-03-02', ...at('2026-02-27') });
  const imposed: EmployeeRelationsEvent = {
    type: 'DisciplineImposed',
    data: { disciplineId: 'D1', level: 'writtenReprimand', employeeId: 'E-200', allegationIds: ['A1'], effectiveOn: '2026-03-02', ...at('2026-02-27'), unitId: 'ecap' },
  };
  it('imposes discipline on substantiated findings', () => void spec.given(withFindings).when(impose(['A1'])).then([imposed]));
  it('rejects discipline before findings', () => void spec.given(investigating).when(impose(['A1'])).thenFails('FindingsNotIssued'));
  it('rejects discipline resting on an unsubstantiated finding, or on none', () => {
    spec.given(withFindings).when(impose(['A2'])).thenFails('DisciplineWithoutSubstantiatedFinding');
    spec.given(withFindings).when(impose([])).thenFails('DisciplineWithoutSubstantiatedFinding');
  });
  it('rejects a repeated discipline id', () => void spec.given([...withFindings, imposed]).when(impose(['A1'])).thenFails('DuplicateDisciplineId'));
  it('rejects discipline while an appeal of the findings is pending', () => void spec.given([...withFindings, appealed]).when(impose(['A1'])).thenFails('AppealPending'));
  it('rejects discipline when nobody is named', () => {
    const { respondent: _r, ...noRespondent } = (received({ channel: 'adminComplaint' }) as Extract<EmployeeRelationsEvent, { type: 'ComplaintReceived' }>).data;
    spec.given([{ type: 'ComplaintReceived', data: noRespondent }, triaged, opened, findings]).when(impose(['A1'])).thenFails('NoRespondent');
  });

  it('the process manager offers a grievance option to a represented employee, and nothing otherwise', () => {
    expect(disciplineToGrievanceOption('ER-T-1', imposed)).toEqual([
      {
        type: 'OfferGrievanceOption',
        commandId: 'offer-grievance-ER-T-1-D1',
        employeeId: 'E-200',
        unitId: 'ecap',
        disciplineLevel: 'writtenReprimand',
        imposedOn: '2026-02-27',
        effectiveOn: '2026-03-02',
        source: { caseId: 'ER-T-1', streamId: 'ercase-ER-T-1', disciplineId: 'D1', allegationIds: ['A1'] },
      },
    ]);
    const { unitId: _u, ...unrepresented } = (imposed as Extract<EmployeeRelationsEvent, { type: 'DisciplineImposed' }>).data;
    expect(disciplineToGrievanceOption('ER-T-1', { type: 'DisciplineImposed', data: unrepresented })).toEqual([]);
    expect(disciplineToGrievanceOption('ER-T-1', findings)).toEqual([]);
  });
});

describe('appeals of findings', () => {
  const appeal = (appellant: 'respondent' | 'complainant'): EmployeeRelationsCommand => ({ type: 'AppealFindings', appellant, grounds: 'bias', ...at('2026-02-25') });
  it('a party appeals the findings', () => void spec.given(withFindings).when(appeal('respondent')).then([appealed]));
  it('rejects an appeal before findings, a second appeal, and an appellant who is not an identified party', () => {
    spec.given(investigating).when(appeal('respondent')).thenFails('FindingsNotIssued');
    spec.given([...withFindings, appealed]).when(appeal('complainant')).thenFails('FindingsAlreadyAppealed');
    const { complainant: _c, ...anonymous } = (received() as Extract<EmployeeRelationsEvent, { type: 'ComplaintReceived' }>).data;
    spec.given([{ type: 'ComplaintReceived', data: { ...anonymous, anonymous: true } }, triaged, opened, findings]).when(appeal('complainant')).thenFails('AppellantNotAParty');
  });
  const decideAppeal = (outcome: 'upheld' | 'modified' | 'reversed', revisedFindings?: { allegationId: string; finding: 'substantiated' | 'unsubstantiated' | 'inconclusive' }[]): EmployeeRelationsCommand => ({
    type: 'DecideFindingsAppeal',
    outcome,
    ...(revisedFindings === undefined ? {} : { revisedFindings }),
    ...at('2026-03-10'),
  });
  it('upholds the findings as issued', () => {
    spec.given([...withFindings, appealed]).when(decideAppeal('upheld')).then([
      { type: 'FindingsAppealDecided', data: { outcome: 'upheld', findings: [{ allegationId: 'A1', finding: 'substantiated' }, { allegationId: 'A2', finding: 'unsubstantiated' }], ...at('2026-03-10') } },
    ]);
  });
  it('a reversal replaces the findings', () => {
    const revised = [{ allegationId: 'A1', finding: 'inconclusive' as const }, { allegationId: 'A2', finding: 'unsubstantiated' as const }];
    const history = [...withFindings, appealed];
    spec.given(history).when(decideAppeal('reversed', revised)).thenState({ ...stateAfter(history), appeal: { status: 'decided', appellant: 'respondent' }, findings: { A1: 'inconclusive', A2: 'unsubstantiated' } });
  });
  it('rejects deciding without a pending appeal, and inconsistent revisions', () => {
    spec.given(withFindings).when(decideAppeal('upheld')).thenFails('NoPendingAppeal');
    spec.given([...withFindings, appealed]).when(decideAppeal('modified')).thenFails('RevisedFindingsRequired');
    spec.given([...withFindings, appealed]).when(decideAppeal('upheld', [{ allegationId: 'A1', finding: 'substantiated' }, { allegationId: 'A2', finding: 'unsubstantiated' }])).thenFails('UpheldFindingsNotRevised');
    spec.given([...withFindings, appealed]).when(decideAppeal('modified', [{ allegationId: 'A1', finding: 'inconclusive' }])).thenFails('FindingsIncomplete');
  });
});

describe('closing and reopening', () => {
  const close: EmployeeRelationsCommand = { type: 'CloseCase', disposition: 'discipline imposed', ...at('2026-03-01') };
  it('closes after findings', () => void spec.given(withFindings).when(close).then([closed]));
  it('closes a complaint routed away from investigation', () => {
    spec.given([received(), { type: 'ComplaintTriaged', data: { route: 'noAction', reason: 'not a policy matter', ...at('2026-01-06') } }]).when(close).then([closed]);
  });
  it('rejects closing an untriaged complaint, an unfinished investigation, or with an appeal pending', () => {
    spec.given([received()]).when(close).thenFails('NotTriaged');
    spec.given(investigating).when(close).thenFails('InvestigationIncomplete');
    spec.given([received(), triaged]).when(close).thenFails('InvestigationIncomplete');
    spec.given([...withFindings, appealed]).when(close).thenFails('AppealPending');
  });
  it('a closed case accepts nothing but an explicit reopen', () => {
    const error = spec.given([...withFindings, closed]).when({ type: 'RecordInterview', interviewId: 'I9', interviewee: 'W', role: 'witness', ...at('2026-03-05') }).thenFails('CaseIsClosed');
    expect(error.rule).toBe('a closed case reopens only by an explicit reopen with a reason');
    spec.given([...withFindings, closed]).when(close).thenFails('CaseIsClosed');
  });
  const reopen = (reason: string, occurredOn = '2026-04-01'): EmployeeRelationsCommand => ({ type: 'ReopenCase', reason, ...at(occurredOn) });
  it('reopens with a reason, back into the investigation', () => {
    spec.given([...withFindings, closed]).when(reopen('new witness came forward')).then([{ type: 'EmployeeRelationsCaseReopened', data: { reason: 'new witness came forward', ...at('2026-04-01') } }]);
    const after = stateAfter([...withFindings, closed, { type: 'EmployeeRelationsCaseReopened', data: { reason: 'new witness', ...at('2026-04-01') } }]);
    expect(after.status).toBe('investigating');
    expect(after.reopenings).toBe(1);
  });
  it('rejects a reopen without a reason, of an open case, or dated before the closure', () => {
    expect(spec.given([...withFindings, closed]).when(reopen('  ')).thenFails('ReopenNeedsReason').field).toBe('reason');
    spec.given(withFindings).when(reopen('x')).thenFails('CaseNotClosed');
    spec.given([...withFindings, closed]).when(reopen('x', '2026-02-28')).thenFails('BeforeCaseClosed');
  });
});

describe('employee-relations properties', () => {
  const day = fc.integer({ min: 5, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
  const finding = fc.constantFrom('substantiated' as const, 'unsubstantiated' as const, 'inconclusive' as const);
  const command: fc.Arbitrary<EmployeeRelationsCommand> = fc.oneof(
    fc.record({ route: fc.constantFrom('investigation' as const, 'noAction' as const), d: day }).map(({ route, d }) => ({ type: 'TriageComplaint' as const, route, reason: 'r', ...at(d) })),
    day.map((d) => ({ type: 'OpenInvestigation' as const, investigator: 'INV', conflictCheck: { cleared: true, checkedOn: '2026-02-01', disclosures: [] }, ...at(d) })),
    fc.record({ id: fc.constantFrom('I1', 'I2'), d: day }).map(({ id, d }) => ({ type: 'RecordInterview' as const, interviewId: id, interviewee: 'W', role: 'witness' as const, ...at(d) })),
    fc.record({ a: finding, b: finding, d: day }).map(({ a, b, d }) => ({ type: 'IssueFindings' as const, findings: [{ allegationId: 'A1', finding: a }, { allegationId: 'A2', finding: b }], ...at(d) })),
    fc.record({ id: fc.constantFrom('D1', 'D2'), d: day }).map(({ id, d }) => ({ type: 'ImposeDiscipline' as const, disciplineId: id, level: 'writtenReprimand' as const, allegationIds: ['A1'], effectiveOn: d, ...at(d) })),
    day.map((d) => ({ type: 'AppealFindings' as const, appellant: 'respondent' as const, grounds: 'g', ...at(d) })),
    day.map((d) => ({ type: 'DecideFindingsAppeal' as const, outcome: 'upheld' as const, ...at(d) })),
    day.map((d) => ({ type: 'CloseCase' as const, disposition: 'done', ...at(d) })),
    fc.record({ reason: fc.constantFrom('', 'new evidence'), d: day }).map(({ reason, d }) => ({ type: 'ReopenCase' as const, reason, ...at(d) })),
  );
  const history = decidedHistory(employeeRelationsCaseDecider, fc.array(command, { minLength: 12, maxLength: 40 }).map((cs) => [receive as EmployeeRelationsCommand, ...cs]));

  it('after a EmployeeRelationsCaseClosed, the next event is always a EmployeeRelationsCaseReopened with a reason', () => {
    fc.assert(
      fc.property(history, (events) => {
        events.forEach((e, i) => {
          const next = events[i + 1];
          if (e.type === 'EmployeeRelationsCaseClosed' && next !== undefined) {
            expect(next.type).toBe('EmployeeRelationsCaseReopened');
            expect(next.type === 'EmployeeRelationsCaseReopened' && next.data.reason.trim().length > 0).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('discipline is only ever imposed on allegations substantiated at that moment', () => {
    fc.assert(
      fc.property(history, (events) => {
        let substantiated = new Set<string>();
        for (const e of events) {
          if (e.type === 'FindingsIssued' || e.type === 'FindingsAppealDecided') substantiated = new Set(e.data.findings.filter((f) => f.finding === 'substantiated').map((f) => f.allegationId));
          if (e.type === 'DisciplineImposed') e.data.allegationIds.forEach((id) => expect(substantiated.has(id)).toBe(true));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the generated histories do close, reopen and discipline (the properties are not vacuous)', () => {
    const sample = fc.sample(history, { numRuns: 300, seed: 7 });
    const count = (type: EmployeeRelationsEvent['type']) => sample.filter((events) => events.some((e) => e.type === type)).length;
    expect(count('EmployeeRelationsCaseReopened')).toBeGreaterThan(5);
    expect(count('DisciplineImposed')).toBeGreaterThan(5);
  });

  it('replay is deterministic and folding is incremental', () => {
    fc.assert(replayIsDeterministic(employeeRelationsCaseDecider, history), { numRuns: 100 });
    fc.assert(foldIsIncremental(employeeRelationsCaseDecider, history), { numRuns: 100 });
  });
});
