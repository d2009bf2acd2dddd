import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import type { GrievanceCommand, RecordAward, SettleGrievance, WithdrawGrievance } from './commands.js';
import { grievanceDecider } from './decide/index.js';
import {
  agreementWithoutArbitration,
  appeal,
  arbitratorChosen,
  atStep2,
  calendarV1,
  demand,
  denyStep1,
  denyStep2,
  file,
  historyOf,
  inArbitration,
  meeting,
  meetingHeld,
  met,
  rule,
  select,
  step1Denied,
  step2Denied,
} from './testData.js';

const spec = deciderSpec(grievanceDecider);

const withdraw: WithdrawGrievance = { type: 'WithdrawGrievance', withdrawnOn: '2025-11-03', reason: 'Grievant retired' };
const settle: SettleGrievance = { type: 'SettleGrievance', settledOn: '2025-11-03', settlementType: 'monetary', terms: 'Back pay for 4 hours', amountCents: 18_000 };
const award: RecordAward = { type: 'RecordAward', issuedOn: '2026-01-15', decision: 'sustainedInPart', remedy: 'Two hours of pay' };

describe('WithdrawGrievance', () => {
  it('withdraws and closes at the current step', () => {
    spec.given(atStep2).when(withdraw).then([
      { type: 'GrievanceWithdrawn', data: { withdrawnOn: '2025-11-03', reason: 'Grievant retired' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-03', outcome: 'withdrawn', resolvedAt: 'step-2' } },
    ]);
  });

  it('rejects a withdrawal without a reason or dated before the last activity', () => {
    expect(spec.given(atStep2).when({ ...withdraw, reason: '' }).thenFails('InvalidCommand').field).toBe('reason');
    spec.given(atStep2).when({ ...withdraw, withdrawnOn: '2025-10-27' }).thenFails('DateOutOfOrder');
  });
});

describe('SettleGrievance', () => {
  it('records the settlement type and terms and closes at the current step', () => {
    spec.given(step1Denied).when(settle).then([
      { type: 'GrievanceSettled', data: { settledOn: '2025-11-03', settlementType: 'monetary', terms: 'Back pay for 4 hours', amountCents: 18_000 } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-03', outcome: 'settled', resolvedAt: 'step-1' } },
    ]);
  });

  it('settles during arbitration, resolved at arbitration', () => {
    spec.given(inArbitration).when({ ...settle, settledOn: '2025-12-01' }).then([
      { type: 'GrievanceSettled', data: { settledOn: '2025-12-01', settlementType: 'monetary', terms: 'Back pay for 4 hours', amountCents: 18_000 } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-12-01', outcome: 'settled', resolvedAt: 'arbitration' } },
    ]);
  });

  it('rejects blank terms and a fractional or negative amount', () => {
    expect(spec.given(step1Denied).when({ ...settle, terms: ' ' }).thenFails('InvalidCommand').field).toBe('terms');
    expect(spec.given(step1Denied).when({ ...settle, amountCents: 10.5 }).thenFails('InvalidCommand').field).toBe('amountCents');
    expect(spec.given(step1Denied).when({ ...settle, amountCents: -1 }).thenFails('InvalidCommand').field).toBe('amountCents');
  });
});

describe('DemandArbitration', () => {
  it('meets the notice deadline and moves the case to arbitration', () => {
    spec.given(step2Denied).when(demand).then([
      met('step-2', 'arbitrationNotice', '2025-11-17'),
      { type: 'ArbitrationDemanded', data: { demandedOn: '2025-11-17', fromStepId: 'step-2', binding: true } },
    ]);
  });

  it('allows arbitration after management failed to answer the last step', () => {
    const overdue = historyOf([{ type: 'RecordDeadlineLapse', deadlineId: 'G-1/step-2/answer', asOf: '2025-11-12', calendar: calendarV1 }], atStep2);
    spec.given(overdue).when(demand).then([{ type: 'ArbitrationDemanded', data: { demandedOn: '2025-11-17', fromStepId: 'step-2', binding: true } }]);
  });

  it('rejects a demand on the overdue last answer dated on or before that answer was due (Tue 11/11)', () => {
    const overdue = historyOf([{ type: 'RecordDeadlineLapse', deadlineId: 'G-1/step-2/answer', asOf: '2025-11-12', calendar: calendarV1 }], atStep2);
    const error = spec.given(overdue).when({ ...demand, demandedOn: '2025-11-05' }).thenFails('DateOutOfOrder');
    expect(error).toMatchObject({ field: 'demandedOn', rule: 'acting on an overdue answer (management lapse) only after the answer was due', details: { answerDueOn: '2025-11-11' } });
  });

  it('rejects a demand by an individual grievant', () => {
    const error = spec.given(step2Denied).when({ ...demand, demandedBy: 'grievant' }).thenFails('ArbitrationByAssociationOnly');
    expect(error).toMatchObject({ field: 'demandedBy', rule: 'grievance procedure: arbitration (association only, where the edition provides it)' });
  });

  it('rejects a demand where the edition has no arbitration', () => {
    const noArbitration = historyOf([{ ...file, agreement: agreementWithoutArbitration }, meeting, denyStep1, appeal]);
    spec.given(noArbitration).when(demand).thenFails('NoArbitrationInEdition');
  });

  it('rejects a demand before the last step has answered or lapsed', () => {
    spec.given(step1Denied).when(demand).thenFails('ArbitrationNotAvailableYet');
    spec.given(atStep2).when(demand).thenFails('ArbitrationNotAvailableYet');
  });

  it('rejects a demand after the notice limit, naming the due date', () => {
    const error = spec.given(step2Denied).when({ ...demand, demandedOn: '2025-11-25' }).thenFails('ArbitrationNoticeOutOfTime');
    expect(error.details).toEqual({ dueOn: '2025-11-24' });
  });

  it('rejects a second demand', () => {
    spec.given(inArbitration).when(demand).thenFails('ArbitrationNotAvailableYet');
  });
});

describe('SelectArbitrator', () => {
  it('records the arbitrator', () => {
    spec.given(inArbitration).when(select).then([{ type: 'ArbitratorSelected', data: { arbitrator: 'A. Neutral', selectedOn: '2025-11-20' } }]);
  });

  it('rejects a selection before a demand, and a second selection', () => {
    spec.given(step2Denied).when(select).thenFails('NotInArbitration');
    spec.given(arbitratorChosen).when(select).thenFails('ArbitratorAlreadySelected');
  });
});

describe('CloseArbitrationHearing', () => {
  const closeHearing: GrievanceCommand = { type: 'CloseArbitrationHearing', closedOn: '2025-12-01', calendar: calendarV1 };

  it('records the close and starts the arbitrator\'s award clock (30 calendar days)', () => {
    spec.given(arbitratorChosen).when(closeHearing).then([
      { type: 'ArbitrationHearingClosed', data: { closedOn: '2025-12-01' } },
      {
        type: 'DeadlineScheduled',
        data: { deadlineId: 'G-1/arbitration/award', kind: 'award', party: 'arbitrator', stepId: 'arbitration', anchor: '2025-12-01', dueOn: '2025-12-31', rule: rule({ n: 30, dayType: 'calendar' }) },
      },
    ]);
  });

  it('counts the award against that clock: met when on time, a miss by the arbitrator when late (the case goes on)', () => {
    const heard = historyOf([closeHearing], arbitratorChosen);
    spec.given(heard).when({ ...award, issuedOn: '2025-12-31' }).then([
      met('arbitration', 'award', '2025-12-31'),
      { type: 'ArbitrationAwardIssued', data: { issuedOn: '2025-12-31', decision: 'sustainedInPart', arbitrator: 'A. Neutral', remedy: 'Two hours of pay' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-12-31', outcome: 'awardSustainedInPart', resolvedAt: 'arbitration' } },
    ]);
    spec.given(heard).when(award).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/arbitration/award', party: 'arbitrator', dueOn: '2025-12-31', recordedAsOf: '2026-01-15' } },
      { type: 'ArbitrationAwardIssued', data: { issuedOn: '2026-01-15', decision: 'sustainedInPart', arbitrator: 'A. Neutral', remedy: 'Two hours of pay' } },
      { type: 'GrievanceClosed', data: { closedOn: '2026-01-15', outcome: 'awardSustainedInPart', resolvedAt: 'arbitration' } },
    ]);
    spec.given(heard).when({ type: 'RecordDeadlineLapse', deadlineId: 'G-1/arbitration/award', asOf: '2026-01-02', calendar: calendarV1 }).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/arbitration/award', party: 'arbitrator', dueOn: '2025-12-31', recordedAsOf: '2026-01-02' } },
    ]);
  });

  it('rejects a close before arbitration, before an arbitrator is selected, or a second close', () => {
    spec.given(step2Denied).when(closeHearing).thenFails('NotInArbitration');
    spec.given(inArbitration).when(closeHearing).thenFails('ArbitratorNotSelected');
    spec.given(historyOf([closeHearing], arbitratorChosen)).when(closeHearing).thenFails('ArbitrationHearingAlreadyClosed');
  });
});

describe('RecordAward', () => {
  it('records the award with its remedy and closes at arbitration', () => {
    spec.given(arbitratorChosen).when(award).then([
      { type: 'ArbitrationAwardIssued', data: { issuedOn: '2026-01-15', decision: 'sustainedInPart', arbitrator: 'A. Neutral', remedy: 'Two hours of pay' } },
      { type: 'GrievanceClosed', data: { closedOn: '2026-01-15', outcome: 'awardSustainedInPart', resolvedAt: 'arbitration' } },
    ]);
  });

  it('records a denial without a remedy', () => {
    spec.given(arbitratorChosen).when({ type: 'RecordAward', issuedOn: '2026-01-15', decision: 'denied' }).then([
      { type: 'ArbitrationAwardIssued', data: { issuedOn: '2026-01-15', decision: 'denied', arbitrator: 'A. Neutral' } },
      { type: 'GrievanceClosed', data: { closedOn: '2026-01-15', outcome: 'awardDenied', resolvedAt: 'arbitration' } },
    ]);
  });

  it('rejects a sustaining award without a remedy', () => {
    spec.given(arbitratorChosen).when({ ...award, decision: 'sustained', remedy: ' ' }).thenFails('AwardRemedyRequired');
  });

  it('rejects an award before arbitration or before an arbitrator is selected', () => {
    spec.given(step2Denied).when(award).thenFails('NotInArbitration');
    spec.given(inArbitration).when(award).thenFails('ArbitratorNotSelected');
  });
});

describe('a closed grievance', () => {
  const closed = historyOf([withdraw], atStep2);
  const commands: readonly GrievanceCommand[] = [
    file,
    { ...meeting, stepId: 'step-2', meetingOn: '2025-11-05', scheduledOn: '2025-11-04' },
    { ...denyStep2, answeredOn: '2025-11-05' },
    { ...appeal, fromStepId: 'step-2', appealedOn: '2025-11-05' },
    { type: 'AgreeExtension', deadlineId: 'G-1/step-2/answer', newDueOn: '2025-12-01', agreedOn: '2025-11-05', signedBy: { association: 'a', management: 'm' } },
    { type: 'PlaceInAbeyance', placedOn: '2025-11-05', reason: 'x' },
    { type: 'ResumeGrievance', resumedOn: '2025-11-05', calendar: calendarV1 },
    { ...withdraw, withdrawnOn: '2025-11-05' },
    { ...settle, settledOn: '2025-11-05' },
    { ...demand, demandedOn: '2025-11-05' },
    { ...select, selectedOn: '2025-11-05' },
    { type: 'CloseArbitrationHearing', closedOn: '2025-11-05', calendar: calendarV1 },
    award,
    { type: 'RecordDeadlineLapse', deadlineId: 'G-1/step-2/answer', asOf: '2025-11-20', calendar: calendarV1 },
  ];

  it.each(commands.map((c) => [c.type, c] as const))('rejects %s', (type, command) => {
    const error = spec.given(closed).when(command).thenFails(type === 'FileGrievance' ? 'GrievanceAlreadyFiled' : 'GrievanceAlreadyClosed');
    expect(error.rule).toBe('a grievance is filed once; a closed grievance accepts no command');
  });

  it('reports the outcome and the step it was resolved at', () => {
    const error = spec.given(closed).when({ ...withdraw, withdrawnOn: '2025-11-05' }).thenFails('GrievanceAlreadyClosed');
    expect(error.details).toEqual({ closure: { closedOn: '2025-11-03', outcome: 'withdrawn', resolvedAt: 'step-2' } });
  });

  it('is reached by a granted answer too', () => {
    spec.given(historyOf([{ ...denyStep1, disposition: 'granted' }], meetingHeld)).when(appeal).thenFails('GrievanceAlreadyClosed');
  });
});
