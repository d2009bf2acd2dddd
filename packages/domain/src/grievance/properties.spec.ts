import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { dueDate } from '../calendar/index.js';
import { addDays, fold } from '@laborcase/core';
import { decideIsDeterministic, decidedHistory, foldIsIncremental, replayIsDeterministic } from '@laborcase/core/testkit';
import type { GrievanceCommand } from './commands.js';
import { grievanceDecider } from './decide/index.js';
import type { GrievanceEvent } from './events.js';
import { openDeadlines } from './queries.js';
import { agreement, agreementWaiving, agreementWithoutArbitration, calendarV1, calendarV2, file, GID } from './testData.js';

const STEPS = ['step-1', 'step-2'] as const;
const KINDS = ['file', 'meet', 'answer', 'appeal', 'arbitrationNotice'] as const;
const deadlineIdArb = fc.tuple(fc.constantFrom(...STEPS), fc.constantFrom(...KINDS)).map(([step, kind]) => `${GID}/${step}/${kind}`);
const calendarArb = fc.constantFrom(calendarV1, calendarV2);

/** A command whose dates are filled in from a running business date, so generated histories move forward in time. */
type Draft = (date: string) => GrievanceCommand | readonly GrievanceCommand[];

const draftArb: fc.Arbitrary<Draft> = fc.oneof(
  // The arbitration path in one go, so generated histories reach hearings and awards.
  {
    weight: 2,
    arbitrary: fc.tuple(calendarArb, fc.boolean()).map(([calendar, decided]): Draft => (date) => [
      { type: 'DemandArbitration', demandedOn: date, demandedBy: 'association' },
      { type: 'SelectArbitrator', arbitrator: 'A. Neutral', selectedOn: date },
      { type: 'CloseArbitrationHearing', closedOn: date, calendar },
      ...(decided ? [{ type: 'RecordAward' as const, issuedOn: addDays(date, 20), decision: 'sustained' as const, remedy: 'Pay' }] : []),
    ]),
  },
  { weight: 1, arbitrary: fc.record({
    agreement: fc.constantFrom(agreement, agreementWaiving, agreementWithoutArbitration),
    grievant: fc.constantFrom(file.grievant, { kind: 'class' as const, memberCount: 5, description: 'Five teachers' }, { kind: 'association' as const }),
    late: fc.integer({ min: 0, max: 40 }),
    continuing: fc.boolean(),
  }).map(({ agreement: a, grievant, late, continuing }): Draft => (date) => ({ ...file, agreement: a, grievant, occurredOn: addDays(date, -late), filedOn: date, continuingViolation: continuing })) },
  { weight: 8, arbitrary: fc.record({ stepId: fc.constantFrom(...STEPS), ahead: fc.integer({ min: 0, max: 10 }), calendar: calendarArb }).map(
    ({ stepId, ahead, calendar }): Draft => (date) => ({ type: 'ScheduleStepMeeting', stepId, meetingOn: addDays(date, ahead), scheduledOn: date, calendar }),
  ) },
  { weight: 8, arbitrary: fc.record({ stepId: fc.constantFrom(...STEPS), disposition: fc.constantFrom('granted' as const, 'denied' as const, 'grantedInPart' as const), calendar: calendarArb }).map(
    ({ stepId, disposition, calendar }): Draft => (date) => ({ type: 'RecordStepAnswer', stepId, disposition, answeredOn: date, reason: 'Because', calendar }),
  ) },
  { weight: 8, arbitrary: fc.record({ stepId: fc.constantFrom(...STEPS), calendar: calendarArb }).map(({ stepId, calendar }): Draft => (date) => ({ type: 'AppealToNextStep', fromStepId: stepId, appealedOn: date, calendar })) },
  { weight: 3, arbitrary: fc.record({ deadlineId: deadlineIdArb, calendar: calendarArb }).map(({ deadlineId, calendar }): Draft => (date) => ({ type: 'RecordDeadlineLapse', deadlineId, asOf: date, calendar })) },
  { weight: 2, arbitrary: fc.record({ deadlineId: deadlineIdArb, days: fc.integer({ min: 1, max: 15 }), both: fc.boolean() }).map(
    ({ deadlineId, days, both }): Draft => (date) => ({
      type: 'AgreeExtension',
      deadlineId,
      newDueOn: addDays(date, days),
      agreedOn: date,
      signedBy: both ? { association: 'A', management: 'M' } : { association: 'A' },
    }),
  ) },
  { weight: 1, arbitrary: fc.constant((date: string): GrievanceCommand => ({ type: 'PlaceInAbeyance', placedOn: date, reason: 'Related case' })) },
  { weight: 3, arbitrary: calendarArb.map((calendar): Draft => (date) => ({ type: 'ResumeGrievance', resumedOn: date, calendar })) },
  { weight: 1, arbitrary: fc.constant((date: string): GrievanceCommand => ({ type: 'WithdrawGrievance', withdrawnOn: date, reason: 'Withdrawn' })) },
  { weight: 1, arbitrary: fc.constant((date: string): GrievanceCommand => ({ type: 'SettleGrievance', settledOn: date, settlementType: 'apology', terms: 'Apology' })) },
  { weight: 4, arbitrary: fc.constantFrom('association' as const, 'grievant' as const).map((demandedBy): Draft => (date) => ({ type: 'DemandArbitration', demandedOn: date, demandedBy })) },
  { weight: 2, arbitrary: calendarArb.map((calendar): Draft => (date) => ({ type: 'CloseArbitrationHearing', closedOn: date, calendar })) },
  { weight: 3, arbitrary: fc.constant((date: string): GrievanceCommand => ({ type: 'SelectArbitrator', arbitrator: 'A. Neutral', selectedOn: date })) },
  { weight: 2, arbitrary: fc.constantFrom('sustained' as const, 'denied' as const, 'sustainedInPart' as const).map((decision): Draft => (date) => ({ type: 'RecordAward', issuedOn: date, decision, remedy: 'Pay' })) },
);

const commandsArb: fc.Arbitrary<readonly GrievanceCommand[]> = fc
  .array(fc.tuple(draftArb, fc.integer({ min: 0, max: 8 })), { maxLength: 40 })
  .map((drafts) => {
    let date = '2025-10-13';
    return drafts.flatMap(([draft, step]) => {
      date = addDays(date, step);
      return draft(date);
    });
  });

/** Filing first, so most generated histories get somewhere. */
const classFiling: GrievanceCommand = { ...file, grievant: { kind: 'class', memberCount: 12, description: 'Twelve teachers' } };
const historyArb = decidedHistory(
  grievanceDecider,
  fc.tuple(fc.constantFrom(file, classFiling), commandsArb).map(([filing, commands]) => [filing, ...commands]),
);

const anyCommand: fc.Arbitrary<GrievanceCommand> = fc.tuple(draftArb, fc.integer({ min: 0, max: 200 })).map(([draft, offset]) => {
  const drafted = draft(addDays('2025-10-13', offset));
  return 'type' in drafted ? drafted : drafted[0]!;
});

const calendars = { 1: calendarV1, 2: calendarV2 } as const;

describe('Grievance properties', () => {
  it('folding a prefix and then the rest equals folding the whole history', () => {
    fc.assert(foldIsIncremental(grievanceDecider, historyArb), { numRuns: 200 });
  });

  it('replay and decide are deterministic', () => {
    fc.assert(replayIsDeterministic(grievanceDecider, historyArb), { numRuns: 100 });
    fc.assert(decideIsDeterministic(grievanceDecider, historyArb, anyCommand), { numRuns: 200 });
  });

  it('nothing follows the closure, and the grievance closes at most once', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const closedAt = events.findIndex((e) => e.type === 'GrievanceClosed');
        if (closedAt >= 0) expect(events.slice(closedAt + 1)).toEqual([]);
        const state = fold(grievanceDecider.evolve, grievanceDecider.initialState, events);
        if (state.status === 'closed') expect(openDeadlines(state)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('one open step at a time: every appeal leaves the current step for the next one, and a management lapse never closes the case', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        let step = (events[0] as Extract<GrievanceEvent, { type: 'GrievanceFiled' }> | undefined)?.data.entryStepId;
        for (const [i, event] of events.entries()) {
          if (event.type === 'GrievanceAppealed') {
            expect(event.data.fromStepId).toBe(step);
            expect(STEPS.indexOf(event.data.toStepId as (typeof STEPS)[number])).toBe(STEPS.indexOf(event.data.fromStepId as (typeof STEPS)[number]) + 1);
            step = event.data.toStepId;
          }
          if (event.type === 'DeadlineMissed' && event.data.party === 'management') expect(events[i + 1]?.type).not.toBe('GrievanceClosed');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every deadline is settled at most once and its counted due date is reproducible from the event alone', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const settled = new Set<string>();
        const scheduled = new Set<string>();
        for (const event of events) {
          if (event.type === 'DeadlineScheduled') {
            scheduled.add(event.data.deadlineId);
            const { anchor, dueOn, rule } = event.data;
            const recomputed = dueDate(anchor, rule.limit, calendars[rule.calendarVersion as 1 | 2]);
            expect(recomputed._tag === 'Right' && recomputed.right.dueOn).toBe(dueOn);
          }
          if (event.type === 'DeadlineMet' || event.type === 'DeadlineMissed') {
            expect(scheduled.has(event.data.deadlineId)).toBe(true);
            expect(settled.has(event.data.deadlineId)).toBe(false);
            settled.add(event.data.deadlineId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('generated histories reach arbitration, lapses and closure (the generator is not vacuous)', () => {
    const types = new Set<string>();
    fc.assert(fc.property(historyArb, (events) => void events.forEach((e) => types.add(e.type))), { numRuns: 1000, seed: 42 });
    for (const type of ['GrievanceAppealed', 'StepAnswerOverdue', 'GrievanceClosed', 'DeadlineExtended', 'DeadlineTolled', 'DeadlineResumed', 'ArbitrationDemanded', 'ArbitrationHearingClosed', 'ArbitrationAwardIssued']) {
      expect(types).toContain(type);
    }
  });
});
