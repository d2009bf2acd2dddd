import { describe, expect, it } from '@jest/globals';
import { onCalendarChanged } from '../calendar-to-grievance/index.js';
import { fold } from '@laborcase/core';
import { deciderSpec } from '@laborcase/core/testkit';
import type { AgreeExtension, GrievanceCommand, PlaceInAbeyance, RecalculateDeadline, ResumeGrievance } from './commands.js';
import { grievanceDecider } from './decide/index.js';
import { openDeadlines } from './queries.js';
import {
  agreementWaiving,
  agreementWithoutExtensions,
  appeal,
  atStep2,
  calendarStateForSpecs,
  calendarV1,
  calendarV2,
  deadline,
  denyStep1,
  file,
  filed,
  historyOf,
  meeting,
  meetingHeld,
  met,
  rule,
  step1Denied,
  step2Denied,
  wd,
} from './testData.js';

const spec = deciderSpec(grievanceDecider);
const stateOf = (events: Parameters<typeof spec.given>[0]) => fold(grievanceDecider.evolve, grievanceDecider.initialState, events);

const lapse = (deadlineId: string, asOf: string): GrievanceCommand => ({ type: 'RecordDeadlineLapse', deadlineId, asOf, calendar: calendarV1 });
const missed = (deadlineId: string, party: 'grievant' | 'management' | 'association', dueOn: string, recordedAsOf: string) =>
  ({ type: 'DeadlineMissed', data: { deadlineId, party, dueOn, recordedAsOf } }) as const;

describe('RecordDeadlineLapse', () => {
  it('on a missed answer: records the management miss and the overdue step, and starts the appeal clock from the due date', () => {
    spec.given(meetingHeld).when(lapse('G-1/step-1/answer', '2025-10-27')).then([
      missed('G-1/step-1/answer', 'management', '2025-10-24', '2025-10-27'),
      { type: 'StepAnswerOverdue', data: { stepId: 'step-1', dueOn: '2025-10-24', recordedAsOf: '2025-10-27' } },
      deadline('step-1', 'appeal', 'grievant', '2025-10-24', '2025-10-31', wd(5)),
    ]);
  });

  it('on a missed answer at a step whose appeal counts from the answer received: no clock runs (the grievant may advance any time)', () => {
    spec.given(atStep2).when(lapse('G-1/step-2/answer', '2025-11-12')).then([
      missed('G-1/step-2/answer', 'management', '2025-11-11', '2025-11-12'),
      { type: 'StepAnswerOverdue', data: { stepId: 'step-2', dueOn: '2025-11-11', recordedAsOf: '2025-11-12' } },
    ]);
  });

  it('never closes the grievance on a management lapse', () => {
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    expect(stateOf(overdue)).toMatchObject({ status: 'open' });
  });

  it('on a missed meeting: records the management miss, the overdue step, and starts the appeal clock from the meeting due date', () => {
    spec.given(filed).when(lapse('G-1/step-1/meet', '2025-10-21')).then([
      missed('G-1/step-1/meet', 'management', '2025-10-20', '2025-10-21'),
      { type: 'StepAnswerOverdue', data: { stepId: 'step-1', dueOn: '2025-10-20', recordedAsOf: '2025-10-21' } },
      deadline('step-1', 'appeal', 'grievant', '2025-10-20', '2025-10-27', wd(5)),
    ]);
  });

  it('after a missed meeting the grievance is never stuck: the grievant may appeal', () => {
    const meetingLapsed = historyOf([lapse('G-1/step-1/meet', '2025-10-21')], filed);
    spec.given(meetingLapsed).when({ ...appeal, appealedOn: '2025-10-22' }).then([
      met('step-1', 'appeal', '2025-10-22'),
      { type: 'GrievanceAppealed', data: { fromStepId: 'step-1', toStepId: 'step-2', appealedOn: '2025-10-22', viaLateAnswer: true } },
      deadline('step-2', 'answer', 'management', '2025-10-22', '2025-11-05', wd(10)),
    ]);
  });

  it('after a missed meeting management may still answer late, without a meeting', () => {
    const meetingLapsed = historyOf([lapse('G-1/step-1/meet', '2025-10-21')], filed);
    spec.given(meetingLapsed).when({ ...denyStep1, answeredOn: '2025-10-23' }).then([
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-10-23', reason: 'No violation', late: true } },
    ]);
  });

  it('on a missed appeal: the grievance is deemed settled on the last answer where the edition says so', () => {
    spec.given(step1Denied).when(lapse('G-1/step-1/appeal', '2025-10-31')).then([
      missed('G-1/step-1/appeal', 'grievant', '2025-10-30', '2025-10-31'),
      { type: 'GrievanceDeemedSettledOnLastAnswer', data: { deadlineId: 'G-1/step-1/appeal', deemedOn: '2025-10-31', stepId: 'step-1', disposition: 'denied' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-10-31', outcome: 'settledOnLastAnswer', resolvedAt: 'step-1' } },
    ]);
  });

  it('on a missed appeal: the grievance is deemed waived where the edition says so', () => {
    const waiving = historyOf([{ ...file, agreement: agreementWaiving }, meeting, denyStep1]);
    spec.given(waiving).when(lapse('G-1/step-1/appeal', '2025-10-31')).then([
      missed('G-1/step-1/appeal', 'grievant', '2025-10-30', '2025-10-31'),
      { type: 'GrievanceDeemedWaived', data: { deadlineId: 'G-1/step-1/appeal', deemedOn: '2025-10-31' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-10-31', outcome: 'waived', resolvedAt: 'step-1' } },
    ]);
  });

  it('on a missed appeal with no answer to settle on: waived', () => {
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    spec.given(overdue).when(lapse('G-1/step-1/appeal', '2025-11-03')).then([
      missed('G-1/step-1/appeal', 'grievant', '2025-10-31', '2025-11-03'),
      { type: 'GrievanceDeemedWaived', data: { deadlineId: 'G-1/step-1/appeal', deemedOn: '2025-11-03' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-03', outcome: 'waived', resolvedAt: 'step-1' } },
    ]);
  });

  it('on a missed arbitration notice: the last answer stands', () => {
    spec.given(step2Denied).when(lapse('G-1/step-2/arbitrationNotice', '2025-11-25')).then([
      missed('G-1/step-2/arbitrationNotice', 'association', '2025-11-24', '2025-11-25'),
      { type: 'GrievanceDeemedSettledOnLastAnswer', data: { deadlineId: 'G-1/step-2/arbitrationNotice', deemedOn: '2025-11-25', stepId: 'step-2', disposition: 'denied' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-25', outcome: 'settledOnLastAnswer', resolvedAt: 'step-2' } },
    ]);
  });

  it('is idempotent per deadline id: a retried lapse appends nothing, even after it closed the grievance', () => {
    const lapsed = historyOf([lapse('G-1/step-1/appeal', '2025-10-31')], step1Denied);
    spec.given(lapsed).when(lapse('G-1/step-1/appeal', '2025-11-03')).then([]);
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    spec.given(overdue).when(lapse('G-1/step-1/answer', '2025-10-28')).then([]);
  });

  it('refuses when asOf is not after the due date', () => {
    const error = spec.given(meetingHeld).when(lapse('G-1/step-1/answer', '2025-10-24')).thenFails('DeadlineNotYetPassed');
    expect(error).toMatchObject({ field: 'asOf', details: { dueOn: '2025-10-24' } });
  });

  it('refuses a lapse dated before the last recorded activity', () => {
    // Appeal due Thu 10/30 (not tolled); abeyance recorded Wed 11/05; a lapse as of 10/31 would predate it.
    const inAbeyance = historyOf([{ type: 'PlaceInAbeyance', placedOn: '2025-11-05', reason: 'x' }], step1Denied);
    const error = spec.given(inAbeyance).when(lapse('G-1/step-1/appeal', '2025-10-31')).thenFails('DateOutOfOrder');
    expect(error).toMatchObject({ field: 'asOf', rule: 'events are recorded in date order' });
  });

  it('refuses an unknown deadline and a deadline already met', () => {
    spec.given(meetingHeld).when(lapse('G-1/step-9/answer', '2025-12-01')).thenFails('UnknownDeadline');
    spec.given(meetingHeld).when(lapse('G-1/step-1/meet', '2025-12-01')).thenFails('DeadlineNotOpen');
  });
});

describe('AgreeExtension', () => {
  const extend: AgreeExtension = {
    type: 'AgreeExtension',
    deadlineId: 'G-1/step-1/appeal',
    newDueOn: '2025-11-14',
    agreedOn: '2025-10-27',
    signedBy: { association: 'J. Rivera (TEA)', management: 'K. Osei (HR)' },
  };

  it('moves the due date when both parties sign', () => {
    spec.given(step1Denied).when(extend).then([
      {
        type: 'DeadlineExtended',
        data: { deadlineId: 'G-1/step-1/appeal', previousDueOn: '2025-10-30', newDueOn: '2025-11-14', agreedOn: '2025-10-27', signedBy: { association: 'J. Rivera (TEA)', management: 'K. Osei (HR)' } },
      },
    ]);
  });

  it('makes a later appeal timely and keeps the agreed date out of calendar recalculation', () => {
    const extended = historyOf([extend], step1Denied);
    spec.given(extended).when({ ...appeal, appealedOn: '2025-11-12' }).then([
      met('step-1', 'appeal', '2025-11-12'),
      { type: 'GrievanceAppealed', data: { fromStepId: 'step-1', toStepId: 'step-2', appealedOn: '2025-11-12', viaLateAnswer: false } },
      deadline('step-2', 'answer', 'management', '2025-11-12', '2025-11-26', wd(10)),
    ]);
    expect(openDeadlines(stateOf(extended))).toEqual([]);
  });

  it('rejects an extension signed by one party only, naming the missing signature', () => {
    const error = spec.given(step1Denied).when({ ...extend, signedBy: { association: 'J. Rivera (TEA)' } }).thenFails('ExtensionNeedsBothParties');
    expect(error.field).toBe('signedBy.management');
    spec.given(step1Denied).when({ ...extend, signedBy: { association: ' ', management: 'K. Osei (HR)' } }).thenFails('ExtensionNeedsBothParties');
  });

  it('rejects an extension falling due on or before the day it was agreed (so no lapse can close the case before the agreement)', () => {
    // Appeal due Thu 10/30; agreed Mon 11/10 to a new due date of Mon 11/03.
    for (const newDueOn of ['2025-11-03', '2025-11-10']) {
      const error = spec.given(step1Denied).when({ ...extend, newDueOn, agreedOn: '2025-11-10' }).thenFails('ExtensionNotLater');
      expect(error).toMatchObject({ field: 'newDueOn', rule: 'grievance procedure: extensions by written mutual agreement', details: { agreedOn: '2025-11-10' } });
    }
    spec.given(step1Denied).when({ ...extend, newDueOn: '2025-11-11', agreedOn: '2025-11-10' }).then([
      {
        type: 'DeadlineExtended',
        data: { deadlineId: 'G-1/step-1/appeal', previousDueOn: '2025-10-30', newDueOn: '2025-11-11', agreedOn: '2025-11-10', signedBy: { association: 'J. Rivera (TEA)', management: 'K. Osei (HR)' } },
      },
    ]);
  });

  it('rejects extensions where the edition allows none', () => {
    const strict = historyOf([{ ...file, agreement: agreementWithoutExtensions }, meeting, denyStep1]);
    spec.given(strict).when(extend).thenFails('ExtensionsNotAllowed');
  });

  it('rejects an extension that does not move the date later, or of a deadline no longer open', () => {
    spec.given(step1Denied).when({ ...extend, newDueOn: '2025-10-30' }).thenFails('ExtensionNotLater');
    spec.given(step1Denied).when({ ...extend, deadlineId: 'G-1/step-1/answer' }).thenFails('DeadlineNotOpen');
    spec.given(step1Denied).when({ ...extend, deadlineId: 'G-1/nope/answer' }).thenFails('UnknownDeadline');
  });
});

describe('RecalculateDeadline (from the calendar process manager)', () => {
  const instructionFor = (events: Parameters<typeof spec.given>[0]): RecalculateDeadline => {
    const latest = calendarV2;
    const plan = onCalendarChanged(
      { type: 'EmergencyClosureDeclared', data: { calendarVersion: latest.version, date: '2025-10-22', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2025-10-22' } },
      calendarStateForSpecs,
      openDeadlines(stateOf(events)),
    );
    const [instruction] = plan.recalculations;
    if (instruction === undefined) throw new Error(`nothing to recalculate: ${JSON.stringify(plan)}`);
    return instruction;
  };

  it('moves the open answer deadline past the closure and records the new calendar version', () => {
    const instruction = instructionFor(meetingHeld);
    expect(instruction).toMatchObject({ deadlineId: 'G-1/step-1/answer', previousDueOn: '2025-10-24', newDueOn: '2025-10-27', calendarVersion: 2 });
    spec.given(meetingHeld).when(instruction).then([
      { type: 'DeadlineRecalculated', data: { deadlineId: 'G-1/step-1/answer', previousDueOn: '2025-10-24', newDueOn: '2025-10-27', rule: rule(wd(5), 2) } },
    ]);
  });

  it('is idempotent per deadline id and calendar version', () => {
    const instruction = instructionFor(meetingHeld);
    const applied = historyOf([instruction], meetingHeld);
    spec.given(applied).when(instruction).then([]);
  });

  it('ignores a stale instruction: the deadline was met since, or its due date is no longer the one the manager saw', () => {
    const instruction = instructionFor(meetingHeld);
    spec.given(step1Denied).when(instruction).then([]);
    spec.given(meetingHeld).when({ ...instruction, previousDueOn: '2025-10-23' }).then([]);
  });

  it('rejects an unknown deadline, another stream\'s instruction and a rule that is not the deadline\'s', () => {
    const instruction = instructionFor(meetingHeld);
    spec.given(meetingHeld).when({ ...instruction, deadlineId: 'G-1/step-7/answer' }).thenFails('UnknownDeadline');
    spec.given(meetingHeld).when({ ...instruction, streamId: 'grievance-G-2' }).thenFails('WrongStream');
    spec.given(meetingHeld).when({ ...instruction, rule: rule(wd(6), 2) }).thenFails('RecalculationRuleMismatch');
  });

  it('rejects a new due date that is not a date, or falls before the deadline\'s anchor', () => {
    const instruction = instructionFor(meetingHeld); // answer counted from the meeting, Fri 10/17
    const notADate = spec.given(meetingHeld).when({ ...instruction, newDueOn: 'not-a-date' }).thenFails('InvalidCommand');
    expect(notADate.field).toBe('newDueOn');
    const early = spec.given(meetingHeld).when({ ...instruction, newDueOn: '2025-10-16' }).thenFails('DateOutOfOrder');
    expect(early).toMatchObject({ field: 'newDueOn', rule: 'deadline recalculation applies to this stream and the rule it was computed with', details: { anchor: '2025-10-17' } });
  });

  it('rejects a pending instruction once the grievance is closed (its deadlines are moot)', () => {
    const instruction = instructionFor(meetingHeld);
    const withdrawn = historyOf([{ type: 'WithdrawGrievance', withdrawnOn: '2025-10-20', reason: 'Resolved informally' }], meetingHeld);
    spec.given(withdrawn).when(instruction).thenFails('GrievanceAlreadyClosed');
  });
});

describe('openDeadlines', () => {
  it('lists open, counted deadlines in the shape the calendar process manager takes', () => {
    expect(openDeadlines(stateOf(meetingHeld))).toEqual([
      { deadlineId: 'G-1/step-1/answer', streamId: 'grievance-G-1', anchor: '2025-10-17', limit: wd(5), calendarId: 'calendar-test-2025-26', calendarVersion: 1, dueOn: '2025-10-24' },
    ]);
  });

  it('is empty before filing, after closure and in abeyance', () => {
    expect(openDeadlines(grievanceDecider.initialState)).toEqual([]);
    expect(openDeadlines(stateOf(historyOf([{ type: 'WithdrawGrievance', withdrawnOn: '2025-10-20', reason: 'x' }], meetingHeld)))).toEqual([]);
    expect(openDeadlines(stateOf(historyOf([{ type: 'PlaceInAbeyance', placedOn: '2025-10-20', reason: 'x' }], meetingHeld)))).toEqual([]);
  });
});

describe('PlaceInAbeyance / ResumeGrievance', () => {
  const abeyance: PlaceInAbeyance = { type: 'PlaceInAbeyance', placedOn: '2025-10-21', reason: 'Awaiting a related arbitration award' };
  const resume: ResumeGrievance = { type: 'ResumeGrievance', resumedOn: '2025-11-03', calendar: calendarV1 };

  it('tolls every open deadline on the abeyance date', () => {
    spec.given(meetingHeld).when(abeyance).then([
      { type: 'GrievancePlacedInAbeyance', data: { placedOn: '2025-10-21', reason: 'Awaiting a related arbitration award' } },
      { type: 'DeadlineTolled', data: { deadlineId: 'G-1/step-1/answer', tolledOn: '2025-10-21', dueOn: '2025-10-24' } },
    ]);
  });

  it('restarts each tolled deadline for the days it had left, counted from the resumption (10/22–10/24: 3 working days)', () => {
    const tolled = historyOf([abeyance], meetingHeld);
    spec.given(tolled).when(resume).then([
      { type: 'GrievanceResumed', data: { resumedOn: '2025-11-03' } },
      {
        type: 'DeadlineResumed',
        data: { deadlineId: 'G-1/step-1/answer', anchor: '2025-11-03', daysRemaining: 3, previousDueOn: '2025-10-24', dueOn: '2025-11-06', rule: rule({ n: 3, dayType: 'working' }) },
      },
    ]);
  });

  it('accepts only resume, settle or withdraw while in abeyance; the scheduler cannot lapse a tolled deadline', () => {
    const tolled = historyOf([abeyance], meetingHeld);
    spec.given(tolled).when({ ...denyStep1, answeredOn: '2025-10-23' }).thenFails('GrievanceInAbeyance');
    spec.given(tolled).when(lapse('G-1/step-1/answer', '2025-10-27')).thenFails('GrievanceInAbeyance');
    spec.given(tolled).when(abeyance).thenFails('GrievanceInAbeyance');
    spec.given(tolled).when({ type: 'SettleGrievance', settledOn: '2025-10-28', settlementType: 'apology', terms: 'Written apology' }).then([
      { type: 'GrievanceSettled', data: { settledOn: '2025-10-28', settlementType: 'apology', terms: 'Written apology' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-10-28', outcome: 'settled', resolvedAt: 'step-1' } },
    ]);
  });

  it('does not toll a deadline already past when the abeyance began: the scheduler may still lapse it', () => {
    // Appeal from Step 1 due Thu 10/30; abeyance from Wed 11/05.
    const late: PlaceInAbeyance = { ...abeyance, placedOn: '2025-11-05' };
    spec.given(step1Denied).when(late).then([{ type: 'GrievancePlacedInAbeyance', data: { placedOn: '2025-11-05', reason: 'Awaiting a related arbitration award' } }]);
    const inAbeyance = historyOf([late], step1Denied);
    spec.given(inAbeyance).when(lapse('G-1/step-1/appeal', '2025-11-05')).then([
      missed('G-1/step-1/appeal', 'grievant', '2025-10-30', '2025-11-05'),
      { type: 'GrievanceDeemedSettledOnLastAnswer', data: { deadlineId: 'G-1/step-1/appeal', deemedOn: '2025-11-05', stepId: 'step-1', disposition: 'denied' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-05', outcome: 'settledOnLastAnswer', resolvedAt: 'step-1' } },
    ]);
  });

  it('resuming does not revive a deadline already past when the abeyance began', () => {
    const resumed = historyOf([{ ...abeyance, placedOn: '2025-11-05' }, { ...resume, resumedOn: '2025-11-10' }], step1Denied);
    const error = spec.given(resumed).when({ ...appeal, appealedOn: '2025-11-11' }).thenFails('AppealOutOfTime');
    expect(error).toMatchObject({ field: 'appealedOn', details: { dueOn: '2025-10-30' } });
  });

  it('resuming a past deadline tolled by an older stream reopens it unchanged (no extra day)', () => {
    const legacy = [
      ...step1Denied,
      { type: 'GrievancePlacedInAbeyance', data: { placedOn: '2025-11-05', reason: 'x' } },
      { type: 'DeadlineTolled', data: { deadlineId: 'G-1/step-1/appeal', tolledOn: '2025-11-05', dueOn: '2025-10-30' } },
    ] as const;
    spec.given(legacy).when({ ...resume, resumedOn: '2025-11-10' }).then([
      { type: 'GrievanceResumed', data: { resumedOn: '2025-11-10' } },
      { type: 'DeadlineResumed', data: { deadlineId: 'G-1/step-1/appeal', anchor: '2025-10-23', daysRemaining: 0, previousDueOn: '2025-10-30', dueOn: '2025-10-30', rule: rule(wd(5)) } },
    ]);
  });

  it('a lapse of an answer already past when the abeyance began tolls the appeal clock it starts', () => {
    // Answer due Fri 10/24; abeyance from Tue 10/28; the appeal counts 5 working days from 10/24 (Fri 10/31).
    const inAbeyance = historyOf([{ ...abeyance, placedOn: '2025-10-28' }], meetingHeld);
    spec.given(inAbeyance).when(lapse('G-1/step-1/answer', '2025-10-28')).then([
      missed('G-1/step-1/answer', 'management', '2025-10-24', '2025-10-28'),
      { type: 'StepAnswerOverdue', data: { stepId: 'step-1', dueOn: '2025-10-24', recordedAsOf: '2025-10-28' } },
      deadline('step-1', 'appeal', 'grievant', '2025-10-24', '2025-10-31', wd(5)),
      { type: 'DeadlineTolled', data: { deadlineId: 'G-1/step-1/appeal', tolledOn: '2025-10-28', dueOn: '2025-10-31' } },
    ]);
  });

  it('rejects resuming a grievance that is not in abeyance, or before the abeyance began', () => {
    spec.given(meetingHeld).when(resume).thenFails('GrievanceNotInAbeyance');
    spec.given(historyOf([abeyance], meetingHeld)).when({ ...resume, resumedOn: '2025-10-20' }).thenFails('DateOutOfOrder');
  });

  it('resumes the full pipeline: the resumed deadline is open again for lapse and recalculation', () => {
    const resumed = historyOf([abeyance, resume], meetingHeld);
    expect(openDeadlines(stateOf(resumed)).map((d) => [d.deadlineId, d.anchor, d.limit.n, d.dueOn])).toEqual([['G-1/step-1/answer', '2025-11-03', 3, '2025-11-06']]);
    spec.given(resumed).when(lapse('G-1/step-1/answer', '2025-11-07')).then([
      missed('G-1/step-1/answer', 'management', '2025-11-06', '2025-11-07'),
      { type: 'StepAnswerOverdue', data: { stepId: 'step-1', dueOn: '2025-11-06', recordedAsOf: '2025-11-07' } },
      deadline('step-1', 'appeal', 'grievant', '2025-11-06', '2025-11-13', wd(5)),
    ]);
  });
});
