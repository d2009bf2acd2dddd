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
import { filed, GID } from './testData.js';

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
