import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { onCalendarChanged } from '../../packages/domain/src/calendar/index.js';
import {
  grievanceDecider,
  openDeadlines,
  type GrievanceEvent,
  type GrievanceEventOf,
  type GrievanceState,
} from '../../packages/domain/src/grievance/index.js';
import { fold } from '../../packages/domain/src/kernel/decider.js';
import { ECPS_CALENDAR_ID, ecpsCalendarEvents, ecpsCalendarState, ecpsCalendarV2 } from './calendar.js';
import { ecap26_001, g25_001, g26_004, g26_007, g26_011, runGrievance, s25_003, s26_002 } from './grievances.js';
import { eceaArt5 } from './limits.js';

const ofType = <T extends GrievanceEvent['type']>(events: readonly GrievanceEvent[], type: T): GrievanceEventOf<T>[] =>
  events.filter((e): e is GrievanceEventOf<T> => e.type === type);

const scheduled = (events: readonly GrievanceEvent[], deadlineId: string) => {
  const found = ofType(events, 'DeadlineScheduled').find((e) => e.data.deadlineId === deadlineId);
  if (found === undefined) throw new Error(`no DeadlineScheduled for ${deadlineId}`);
  return found.data;
};

const closure = (events: readonly GrievanceEvent[]) => ofType(events, 'GrievanceClosed').map((e) => e.data);

describe('ECPS grievances, domain.md §7', () => {
  it('case 1 G-25-001: filed 10/21 within 11/6; meeting 10/30 → answer due 11/14; overdue; appeal due 12/2 from the due date; Step 2 granted 1/9', () => {
    const { events, state } = runGrievance(g25_001);
    expect(ofType(events, 'GrievanceFiled')[0]?.data).toMatchObject({
      editionId: '2024-2027',
      articles: [{ key: 'planning-time', number: '12', title: 'Planning Time' }],
      filedOn: '2025-10-21',
      entryStepId: 'step-1',
    });
    expect(scheduled(events, 'G-25-001/step-1/file')).toMatchObject({ anchor: '2025-10-06', dueOn: '2025-11-06' });
    expect(scheduled(events, 'G-25-001/step-1/answer')).toEqual({
      deadlineId: 'G-25-001/step-1/answer',
      kind: 'answer',
      party: 'management',
      stepId: 'step-1',
      anchor: '2025-10-30',
      dueOn: '2025-11-14',
      rule: { limit: eceaArt5.step1Answer, calendarId: ECPS_CALENDAR_ID, calendarVersion: 1 },
    });
    expect(ofType(events, 'StepAnswerOverdue').map((e) => e.data)).toEqual([{ stepId: 'step-1', dueOn: '2025-11-14', recordedAsOf: '2025-11-17' }]);
    expect(ofType(events, 'DeadlineMissed').map((e) => [e.data.deadlineId, e.data.party])).toEqual([['G-25-001/step-1/answer', 'management']]);
    expect(scheduled(events, 'G-25-001/step-1/appeal')).toMatchObject({ anchor: '2025-11-14', dueOn: '2025-12-02', party: 'grievant' });
    expect(ofType(events, 'GrievanceAppealed')[0]?.data).toEqual({ fromStepId: 'step-1', toStepId: 'step-2', appealedOn: '2025-11-24', viaLateAnswer: true });
    expect(ofType(events, 'StepAnswered').map((e) => [e.data.stepId, e.data.disposition, e.data.answeredOn])).toEqual([['step-2', 'granted', '2026-01-09']]);
    expect(closure(events)).toEqual([{ closedOn: '2026-01-09', outcome: 'granted', resolvedAt: 'step-2' }]);
    expect(state).toMatchObject({ status: 'closed' });
    expect(openDeadlines(state)).toEqual([]);
  });

  it('case 2 G-26-004: class of 41 at Step 2 on 1/13; hearing 1/21 → answer due 2/5 (v1), recalculated to 2/6 by the snow day; arbitration; award 5/28 sustained in part', () => {
    const { events } = runGrievance(g26_004);
    const filed = ofType(events, 'GrievanceFiled')[0]!.data;
    expect(filed).toMatchObject({ grievant: { kind: 'class', memberCount: 41 }, entryStepId: 'step-2', filedOn: '2026-01-13' });
    expect(filed.articles).toEqual([{ key: 'schedules-workload', number: '17', title: 'Schedules & Workload' }]);
    expect(scheduled(events, 'G-26-004/step-2/answer')).toMatchObject({ anchor: '2026-01-21', dueOn: '2026-02-05', rule: { calendarVersion: 1 } });
    expect(ofType(events, 'DeadlineRecalculated').map((e) => e.data)).toEqual([
      {
        deadlineId: 'G-26-004/step-2/answer',
        previousDueOn: '2026-02-05',
        newDueOn: '2026-02-06',
        rule: { limit: eceaArt5.step2Answer, calendarId: ECPS_CALENDAR_ID, calendarVersion: 2 },
      },
    ]);
    // Answered on the recalculated due date: on time only because of the recalculation.
    expect(ofType(events, 'StepAnswered')[0]?.data).toMatchObject({ disposition: 'denied', answeredOn: '2026-02-06', late: false });
    expect(scheduled(events, 'G-26-004/step-2/arbitrationNotice')).toMatchObject({ party: 'association', anchor: '2026-02-06', dueOn: '2026-03-10' });
    expect(ofType(events, 'ArbitrationDemanded')[0]?.data).toEqual({ demandedOn: '2026-02-20', fromStepId: 'step-2', binding: true });
    expect(scheduled(events, 'G-26-004/arbitration/award')).toMatchObject({ party: 'arbitrator', anchor: '2026-05-01', dueOn: '2026-05-31', rule: { limit: eceaArt5.awardAfterClose } });
    expect(ofType(events, 'DeadlineMet').map((e) => e.data).at(-1)).toEqual({ deadlineId: 'G-26-004/arbitration/award', metOn: '2026-05-28' });
    expect(ofType(events, 'ArbitrationAwardIssued')[0]?.data).toMatchObject({
      issuedOn: '2026-05-28',
      decision: 'sustainedInPart',
      remedy: "2 hours' pay per affected teacher",
    });
    expect(closure(events)).toEqual([{ closedOn: '2026-05-28', outcome: 'awardSustainedInPart', resolvedAt: 'arbitration' }]);
  });

  it('case 2: the recalculation pipeline is idempotent end to end (the process manager yields nothing once applied)', () => {
    const upToRecalculation = runGrievance(g26_004.slice(0, 3)).state;
    expect(openDeadlines(upToRecalculation)).toEqual([
      {
        deadlineId: 'G-26-004/step-2/answer',
        streamId: 'grievance-G-26-004',
        anchor: '2026-01-21',
        limit: eceaArt5.step2Answer,
        calendarId: ECPS_CALENDAR_ID,
        calendarVersion: 2,
        dueOn: '2026-02-06',
      },
    ]);
    expect(onCalendarChanged(ecpsCalendarEvents[1]!, ecpsCalendarState, openDeadlines(upToRecalculation))).toEqual({ recalculations: [], failures: [] });
    // Re-delivering the instruction is a no-op.
    const beforeRecalculation = runGrievance(g26_004.slice(0, 2)).state;
    const [instruction] = onCalendarChanged(ecpsCalendarEvents[1]!, ecpsCalendarState, openDeadlines(beforeRecalculation)).recalculations;
    expect(grievanceDecider.decide(instruction!, upToRecalculation)).toEqual({ _tag: 'Right', right: [] });
  });

  it('case 3 G-26-007: Step 1 denied 2/2 → appeal due 2/18 (2/16–17 closed) → none filed → deemed settled on the last answer', () => {
    const { events } = runGrievance(g26_007);
    expect(scheduled(events, 'G-26-007/step-1/appeal')).toMatchObject({ anchor: '2026-02-02', dueOn: '2026-02-18', party: 'grievant' });
    expect(ofType(events, 'DeadlineMissed').map((e) => e.data)).toEqual([
      { deadlineId: 'G-26-007/step-1/appeal', party: 'grievant', dueOn: '2026-02-18', recordedAsOf: '2026-02-19' },
    ]);
    expect(ofType(events, 'GrievanceDeemedSettledOnLastAnswer').map((e) => e.data)).toEqual([
      { deadlineId: 'G-26-007/step-1/appeal', deemedOn: '2026-02-19', stepId: 'step-1', disposition: 'denied' },
    ]);
    expect(closure(events)).toEqual([{ closedOn: '2026-02-19', outcome: 'settledOnLastAnswer', resolvedAt: 'step-1' }]);
  });

  it('case 3: the scheduler cannot lapse the appeal on its due date 2/18', () => {
    const answered = runGrievance(g26_007.slice(0, 3)).state;
    const early = grievanceDecider.decide({ type: 'RecordDeadlineLapse', deadlineId: 'G-26-007/step-1/appeal', asOf: '2026-02-18', calendar: ecpsCalendarV2 }, answered);
    expect(isLeft(early) && early.left.code).toBe('DeadlineNotYetPassed');
  });

  it('case 4 G-26-011: Step 1 answered 6/10 → appeal due 6/25 (4 school days, then 6 summer working days skipping 6/19)', () => {
    const { events, state } = runGrievance(g26_011);
    expect(scheduled(events, 'G-26-011/step-1/appeal')).toEqual({
      deadlineId: 'G-26-011/step-1/appeal',
      kind: 'appeal',
      party: 'grievant',
      stepId: 'step-1',
      anchor: '2026-06-10',
      dueOn: '2026-06-25',
      rule: { limit: eceaArt5.step2Appeal, calendarId: ECPS_CALENDAR_ID, calendarVersion: 2 },
    });
    expect(openDeadlines(state).map((d) => [d.deadlineId, d.dueOn])).toEqual([['G-26-011/step-1/appeal', '2026-06-25']]);
  });

  it('case 5 S-25-003: ECSSU Art. 8, occurred 11/20 → file by 12/15 (15 working days); settled at Step 1 with back pay', () => {
    const { events } = runGrievance(s25_003);
    expect(ofType(events, 'GrievanceFiled')[0]?.data).toMatchObject({ unitId: 'ecssu', articles: [{ key: 'overtime', number: '8', title: 'Overtime' }] });
    expect(scheduled(events, 'S-25-003/step-1/file')).toMatchObject({ anchor: '2025-11-20', dueOn: '2025-12-15', rule: { limit: { n: 15, dayType: 'working' } } });
    expect(ofType(events, 'GrievanceSettled')[0]?.data).toMatchObject({ settlementType: 'monetary', amountCents: 24_570 });
    expect(closure(events)).toEqual([{ closedOn: '2025-12-18', outcome: 'settled', resolvedAt: 'step-1' }]);
  });

  it('case 5 S-26-002: withdrawn at Step 2', () => {
    const { events } = runGrievance(s26_002);
    expect(ofType(events, 'GrievanceAppealed').map((e) => e.data.toStepId)).toEqual(['step-2']);
    expect(closure(events)).toEqual([{ closedOn: '2026-03-10', outcome: 'withdrawn', resolvedAt: 'step-2' }]);
  });

  it('case 6 (grievance part): the ECAP reprimand grievance is denied at Step III, which is final (ECAP has no arbitration)', () => {
    const { events, state } = runGrievance(ecap26_001);
    expect(ofType(events, 'GrievanceFiled')[0]?.data.articles).toEqual([{ key: 'discipline', number: '8', title: 'Discipline' }]);
    expect(closure(events)).toEqual([{ closedOn: '2026-05-08', outcome: 'denied', resolvedAt: 'step-iii' }]);
    const beforeLastAnswer = runGrievance(ecap26_001.slice(0, -1)).state;
    const demand = grievanceDecider.decide({ type: 'DemandArbitration', demandedOn: '2026-05-01', demandedBy: 'association' }, beforeLastAnswer);
    expect(isLeft(demand) && demand.left.code).toBe('NoArbitrationInEdition');
    expect(state).toMatchObject({ status: 'closed' });
  });

  it('replays every case from its events alone to the same state (no agreement or calendar needed)', () => {
    for (const steps of [g25_001, g26_004, g26_007, g26_011, s25_003, s26_002, ecap26_001]) {
      const { events, state } = runGrievance(steps);
      const replayed: GrievanceState = fold(grievanceDecider.evolve, grievanceDecider.initialState, JSON.parse(JSON.stringify(events)) as GrievanceEvent[]);
      expect(replayed).toEqual(state);
    }
  });
});
