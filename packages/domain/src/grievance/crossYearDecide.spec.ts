/**
 * A provisional deadline never lapses earlier than the adopted calendar allows: the scheduler's lapse recounts it
 * on the timeline the command brings. (10 ECEA days after Mon 2026-09-14: 9/28 under the fallback, which knows no
 * Yom Kippur closure on 9/21; 9/29 on the adopted SY2026-27; see fixtures/ecps/timeline.golden.spec.ts.)
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { fold } from '@laborcase/core';
import { FALLBACK_CALENDAR } from '../calendar/index.js';
import { ecpsTimeline, ecpsTimelineBeforeSy2026_27 } from '../fixtures/ecps/index.js';
import { grievanceDecider } from './decide/index.js';
import type { GrievanceEvent } from './events.js';
import { filed, GID, meetingHeld, step1Denied, step2Denied } from './testData.js';

const limit = { n: 10, dayType: 'school' as const, summerDayType: 'working' as const };
const APPEAL = `${GID}/step-1/appeal`;
const provisionalAppeal: GrievanceEvent = {
  type: 'DeadlineScheduled',
  data: {
    deadlineId: APPEAL,
    kind: 'appeal',
    party: 'grievant',
    stepId: 'step-1',
    anchor: '2026-09-14',
    dueOn: '2026-09-28',
    rule: {
      limit,
      calendarId: 'calendar-ecps-2026-27',
      calendarVersion: 0,
      calendars: [{ calendarId: 'calendar-ecps-2026-27', calendarVersion: 0 }],
      provisional: true,
      fallback: FALLBACK_CALENDAR,
    },
  },
};
const state = fold(grievanceDecider.evolve, grievanceDecider.initialState, [...filed, provisionalAppeal]);
const lapse = (asOf: string, calendar = ecpsTimeline()) => grievanceDecider.decide({ type: 'RecordDeadlineLapse', deadlineId: APPEAL, asOf, calendar }, state);

describe('the lapse of a provisional deadline', () => {
  it('is refused while the adopted calendar still runs it (due 9/29, not the fallback 9/28)', () => {
    expect(lapse('2026-09-29')).toMatchObject({ _tag: 'Left', left: { code: 'DeadlineNotYetPassed', field: 'asOf', details: { dueOn: '2026-09-29', provisionalDueOn: '2026-09-28' } } });
  });
  it('is recorded after the recounted due date, with that date', () => {
    const decision = lapse('2026-09-30');
    if (isLeft(decision)) throw new Error(decision.left.message);
    expect(decision.right[0]).toEqual({ type: 'DeadlineMissed', data: { deadlineId: APPEAL, party: 'grievant', dueOn: '2026-09-29', recordedAsOf: '2026-09-30' } });
  });
  it('still follows the fallback when the command brings no adopted calendar for those days', () => {
    expect(lapse('2026-09-29', ecpsTimelineBeforeSy2026_27())).toMatchObject({ _tag: 'Right' });
  });
});

describe('acting on a provisional deadline within the adopted calendar’s due date', () => {
  /** `history` with its DeadlineScheduled for `deadlineId` replaced by the provisional 9/14 → 9/28 count. */
  const provisionalIn = (history: readonly GrievanceEvent[], deadlineId: string, kind: 'appeal' | 'answer', party: 'grievant' | 'management') =>
    fold(
      grievanceDecider.evolve,
      grievanceDecider.initialState,
      history.map((e) =>
        e.type === 'DeadlineScheduled' && e.data.deadlineId === deadlineId ? { ...provisionalAppeal, data: { ...provisionalAppeal.data, deadlineId, kind, party } } : e,
      ),
    );

  it('an appeal on 9/29 is timely: the fallback’s 9/28 was one day short', () => {
    const atAnswer = provisionalIn(step1Denied, APPEAL, 'appeal', 'grievant');
    const decision = grievanceDecider.decide({ type: 'AppealToNextStep', fromStepId: 'step-1', appealedOn: '2026-09-29', calendar: ecpsTimeline() }, atAnswer);
    if (isLeft(decision)) throw new Error(`${decision.left.code}: ${decision.left.message}`);
    expect(decision.right[0]).toEqual({ type: 'DeadlineMet', data: { deadlineId: APPEAL, metOn: '2026-09-29' } });
    expect(grievanceDecider.decide({ type: 'AppealToNextStep', fromStepId: 'step-1', appealedOn: '2026-09-30', calendar: ecpsTimeline() }, atAnswer)).toMatchObject({
      _tag: 'Left',
      left: { code: 'AppealOutOfTime', details: { dueOn: '2026-09-29' } },
    });
  });

  it('an answer on 9/29 is on time', () => {
    const ANSWER = `${GID}/step-1/answer`;
    const heard = provisionalIn(meetingHeld, ANSWER, 'answer', 'management');
    const decision = grievanceDecider.decide({ type: 'RecordStepAnswer', stepId: 'step-1', disposition: 'denied', answeredOn: '2026-09-29', reason: 'No violation', calendar: ecpsTimeline() }, heard);
    if (isLeft(decision)) throw new Error(`${decision.left.code}: ${decision.left.message}`);
    expect(decision.right.slice(0, 2)).toMatchObject([
      { type: 'DeadlineMet', data: { deadlineId: ANSWER, metOn: '2026-09-29' } },
      { type: 'StepAnswered', data: { late: false } },
    ]);
  });
});

describe('an arbitration notice on a provisional deadline', () => {
  const NOTICE = `${GID}/step-2/arbitrationNotice`;
  const ready = fold(
    grievanceDecider.evolve,
    grievanceDecider.initialState,
    step2Denied.map((e) =>
      e.type === 'DeadlineScheduled' && e.data.deadlineId === NOTICE ? { ...provisionalAppeal, data: { ...provisionalAppeal.data, deadlineId: NOTICE, stepId: 'step-2', kind: 'arbitrationNotice' as const, party: 'association' as const } } : e,
    ),
  );

  it('is timely on 9/29 when the command brings the adopted calendar, out of time without it', () => {
    const demand = { type: 'DemandArbitration' as const, demandedOn: '2026-09-29', demandedBy: 'association' as const };
    expect(grievanceDecider.decide({ ...demand, calendar: ecpsTimeline() }, ready)).toMatchObject({ _tag: 'Right' });
    expect(grievanceDecider.decide(demand, ready)).toMatchObject({ _tag: 'Left', left: { code: 'ArbitrationNoticeOutOfTime', details: { dueOn: '2026-09-28' } } });
  });
});
