import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import { fold } from '@laborcase/core';
import type { GrievanceCommand } from './commands.js';
import { grievanceDecider } from './decide/index.js';
import {
  agreementWithoutArbitration,
  appeal,
  atStep2,
  calendarV1,
  deadline,
  denyStep1,
  denyStep2,
  file,
  filed,
  historyOf,
  meeting,
  meetingHeld,
  met,
  step1Denied,
  wd,
} from './testData.js';

const spec = deciderSpec(grievanceDecider);

const lapse = (deadlineId: string, asOf: string): GrievanceCommand => ({ type: 'RecordDeadlineLapse', deadlineId, asOf, calendar: calendarV1 });

describe('ScheduleStepMeeting', () => {
  it('meets the meeting deadline and starts the answer clock from the meeting date', () => {
    spec.given(filed).when(meeting).then([
      { type: 'DeadlineMet', data: { deadlineId: 'G-1/step-1/meet', metOn: '2025-10-17', recordedOn: '2025-10-14' } },
      { type: 'StepMeetingScheduled', data: { stepId: 'step-1', meetingOn: '2025-10-17', scheduledOn: '2025-10-14' } },
      deadline('step-1', 'answer', 'management', '2025-10-17', '2025-10-24', wd(5)),
    ]);
  });

  it('lets the case move between scheduling a meeting and holding it (withdrawal on 10/15 for a 10/17 meeting)', () => {
    const state = fold(grievanceDecider.evolve, grievanceDecider.initialState, meetingHeld);
    const decision = grievanceDecider.decide({ type: 'WithdrawGrievance', withdrawnOn: '2025-10-15', reason: 'resolved informally' }, state);
    expect(decision).toMatchObject({ _tag: 'Right', right: expect.arrayContaining([expect.objectContaining({ type: 'GrievanceWithdrawn' })]) });
  });

  it('records a meeting set past the limit as a management miss, and still counts the answer from it', () => {
    spec.given(filed).when({ ...meeting, meetingOn: '2025-10-22' }).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/step-1/meet', party: 'management', dueOn: '2025-10-20', recordedAsOf: '2025-10-14' } },
      { type: 'StepMeetingScheduled', data: { stepId: 'step-1', meetingOn: '2025-10-22', scheduledOn: '2025-10-14' } },
      deadline('step-1', 'answer', 'management', '2025-10-22', '2025-10-29', wd(5)),
    ]);
  });

  it('rejects a meeting for another step than the open one', () => {
    spec.given(filed).when({ ...meeting, stepId: 'step-2' }).thenFails('NotCurrentStep');
  });

  it('rejects a meeting at a step without one', () => {
    spec.given(atStep2).when({ ...meeting, stepId: 'step-2', meetingOn: '2025-10-30', scheduledOn: '2025-10-29' }).thenFails('StepHasNoMeeting');
  });

  it('rejects a second meeting at the same step', () => {
    spec.given(meetingHeld).when(meeting).thenFails('StepMeetingAlreadyScheduled');
  });

  it('rejects a meeting before the filing', () => {
    spec.given(filed).when({ ...meeting, meetingOn: '2025-10-10' }).thenFails('DateOutOfOrder');
  });
});

describe('RecordStepAnswer', () => {
  it('records a denial on time and starts the appeal clock from the answer', () => {
    spec.given(meetingHeld).when(denyStep1).then([
      met('step-1', 'answer', '2025-10-23'),
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-10-23', reason: 'No violation', late: false } },
      deadline('step-1', 'appeal', 'grievant', '2025-10-23', '2025-10-30', wd(5)),
    ]);
  });

  it('closes the grievance when the step grants it', () => {
    spec.given(meetingHeld).when({ ...denyStep1, disposition: 'granted' }).then([
      met('step-1', 'answer', '2025-10-23'),
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'granted', answeredOn: '2025-10-23', reason: 'No violation', late: false } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-10-23', outcome: 'granted', resolvedAt: 'step-1' } },
    ]);
  });

  it('counts the appeal from the late answer when that is later than counting from the due date (§1.4: lateness never costs the grievant)', () => {
    // Due Fri 10/24 → from the due date: Fri 10/31; answered Tue 10/28 → from the answer: Tue 11/04 (the later).
    spec.given(meetingHeld).when({ ...denyStep1, disposition: 'grantedInPart', answeredOn: '2025-10-28' }).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/step-1/answer', party: 'management', dueOn: '2025-10-24', recordedAsOf: '2025-10-28' } },
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'grantedInPart', answeredOn: '2025-10-28', reason: 'No violation', late: true } },
      deadline('step-1', 'appeal', 'grievant', '2025-10-28', '2025-11-04', wd(5)),
    ]);
  });

  it('never leaves an appeal window already closed when the late answer arrives after it (answered Wed 11/05, due by Wed 11/12)', () => {
    spec.given(meetingHeld).when({ ...denyStep1, answeredOn: '2025-11-05' }).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/step-1/answer', party: 'management', dueOn: '2025-10-24', recordedAsOf: '2025-11-05' } },
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-11-05', reason: 'No violation', late: true } },
      deadline('step-1', 'appeal', 'grievant', '2025-11-05', '2025-11-12', wd(5)),
    ]);
    const answered = historyOf([{ ...denyStep1, answeredOn: '2025-11-05' }], meetingHeld);
    spec.given(answered).when(lapse('G-1/step-1/appeal', '2025-11-05')).thenFails('DeadlineNotYetPassed');
  });

  it('a lapse recorded after the appeal counted from the due date would have closed starts the appeal clock from the lapse date instead', () => {
    // Answer due Fri 10/24; from it the appeal would be due Fri 10/31, already past on Wed 11/05.
    spec.given(meetingHeld).when(lapse('G-1/step-1/answer', '2025-11-05')).then([
      { type: 'DeadlineMissed', data: { deadlineId: 'G-1/step-1/answer', party: 'management', dueOn: '2025-10-24', recordedAsOf: '2025-11-05' } },
      { type: 'StepAnswerOverdue', data: { stepId: 'step-1', dueOn: '2025-10-24', recordedAsOf: '2025-11-05' } },
      deadline('step-1', 'appeal', 'grievant', '2025-11-05', '2025-11-12', wd(5)),
    ]);
  });

  it('keeps the appeal clock already running from the due date when the answer comes after the recorded lapse', () => {
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    spec.given(overdue).when({ ...denyStep1, answeredOn: '2025-10-28' }).then([
      { type: 'StepAnswered', data: { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-10-28', reason: 'No violation', late: true } },
    ]);
  });

  it('after the last step, schedules the association\'s arbitration notice from the answer', () => {
    spec.given(atStep2).when(denyStep2).then([
      met('step-2', 'answer', '2025-11-10'),
      { type: 'StepAnswered', data: { stepId: 'step-2', disposition: 'denied', answeredOn: '2025-11-10', reason: 'No violation', late: false } },
      deadline('step-2', 'arbitrationNotice', 'association', '2025-11-10', '2025-11-24', wd(10)),
    ]);
  });

  it('closes on the last step\'s answer when the edition has no arbitration', () => {
    const noArbitration = historyOf([{ ...file, agreement: agreementWithoutArbitration }, meeting, denyStep1, appeal]);
    spec.given(noArbitration).when(denyStep2).then([
      met('step-2', 'answer', '2025-11-10'),
      { type: 'StepAnswered', data: { stepId: 'step-2', disposition: 'denied', answeredOn: '2025-11-10', reason: 'No violation', late: false } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-11-10', outcome: 'denied', resolvedAt: 'step-2' } },
    ]);
  });

  it('rejects an answer before the step meeting where the step has one', () => {
    spec.given(filed).when(denyStep1).thenFails('StepMeetingRequired');
  });

  it('rejects a second answer at the same step', () => {
    spec.given(step1Denied).when(denyStep1).thenFails('StepAlreadyAnswered');
  });

  it('rejects an answer for a step the grievance is not at', () => {
    spec.given(meetingHeld).when({ ...denyStep1, stepId: 'step-2' }).thenFails('NotCurrentStep');
  });

  it('rejects an answer without a reason, or dated before the meeting', () => {
    expect(spec.given(meetingHeld).when({ ...denyStep1, reason: '' }).thenFails('InvalidCommand').field).toBe('reason');
    spec.given(meetingHeld).when({ ...denyStep1, answeredOn: '2025-10-16' }).thenFails('DateOutOfOrder');
  });
});

describe('AppealToNextStep', () => {
  it('meets the appeal deadline, moves to the next step and starts its clock', () => {
    spec.given(step1Denied).when(appeal).then([
      met('step-1', 'appeal', '2025-10-28'),
      { type: 'GrievanceAppealed', data: { fromStepId: 'step-1', toStepId: 'step-2', appealedOn: '2025-10-28', viaLateAnswer: false } },
      deadline('step-2', 'answer', 'management', '2025-10-28', '2025-11-11', wd(10)),
    ]);
  });

  it('lets the grievant advance on management\'s lapse, with the appeal counted from the answer due date', () => {
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    spec.given(overdue).when({ ...appeal, appealedOn: '2025-10-31' }).then([
      met('step-1', 'appeal', '2025-10-31'),
      { type: 'GrievanceAppealed', data: { fromStepId: 'step-1', toStepId: 'step-2', appealedOn: '2025-10-31', viaLateAnswer: true } },
      deadline('step-2', 'answer', 'management', '2025-10-31', '2025-11-14', wd(10)),
    ]);
  });

  it('rejects an appeal after the appeal deadline, naming it', () => {
    const error = spec.given(step1Denied).when({ ...appeal, appealedOn: '2025-10-31' }).thenFails('AppealOutOfTime');
    expect(error).toMatchObject({ field: 'appealedOn', details: { dueOn: '2025-10-30' } });
  });

  it('rejects an appeal on an overdue answer dated on or before the answer was due (Fri 10/24)', () => {
    const overdue = historyOf([lapse('G-1/step-1/answer', '2025-10-27')], meetingHeld);
    for (const appealedOn of ['2025-10-15', '2025-10-24']) {
      const error = spec.given(overdue).when({ ...appeal, appealedOn }).thenFails('DateOutOfOrder');
      expect(error).toMatchObject({ field: 'appealedOn', rule: 'acting on an overdue answer (management lapse) only after the answer was due', details: { answerDueOn: '2025-10-24' } });
    }
  });

  it('rejects an appeal before any answer or lapse', () => {
    spec.given(meetingHeld).when(appeal).thenFails('NoAnswerToAppeal');
  });

  it('rejects an appeal past the last step', () => {
    const error = spec.given(historyOf([denyStep2], atStep2)).when({ ...appeal, fromStepId: 'step-2', appealedOn: '2025-11-12' }).thenFails('NoNextStep');
    expect(error.rule).toBe('no appeal past the last step');
  });

  it('rejects an appeal from a step the grievance is not at', () => {
    spec.given(atStep2).when(appeal).thenFails('NotCurrentStep');
  });
});
