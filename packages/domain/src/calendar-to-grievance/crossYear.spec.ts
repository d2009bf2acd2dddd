/**
 * The process manager across school years (issue 12), as properties over the ECPS timeline: a provisional
 * deadline is recalculated exactly when a calendar covering one of its counted days is adopted or amended, and
 * recalculating twice appends nothing.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { addDays, fold } from '@laborcase/core';
import { dueDate, workCalendarDecider, type Limit, type WorkCalendarEvent } from '../calendar/index.js';
import { adoptEcps2025_26, ecpsCalendar2026_27Events, ecpsTimelineBeforeSy2026_27 } from '../fixtures/ecps/index.js';
import { grievanceDecider, recalculableDeadlines, type GrievanceEvent, type GrievanceState, type OpenDeadline } from '../grievance/index.js';
import { DeadlineRuleSnapshot } from '../grievance/procedureSnapshot.js';
import { onCalendarChanged, type RecalculateDeadline } from './index.js';

const SY25 = 'calendar-ecps-2025-26';
const SY26 = 'calendar-ecps-2026-27';
const before = ecpsTimelineBeforeSy2026_27();
const adoption = ecpsCalendar2026_27Events[0]!;
const sy26Adopted = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, ecpsCalendar2026_27Events);

/** SY2025-26 amended by an emergency closure on `date` (a June weekday), as its stream would hold it: v2. */
const sy25Amended = (date: string) => {
  const adopted = workCalendarDecider.decide(adoptEcps2025_26, workCalendarDecider.initialState);
  if (isLeft(adopted)) throw new Error(adopted.left.message);
  const state = fold(workCalendarDecider.evolve, workCalendarDecider.initialState, adopted.right);
  const closure = workCalendarDecider.decide({ type: 'DeclareEmergencyClosure', date, scope: 'schoolsAndOffices', reason: 'Storm', declaredOn: date }, state);
  if (isLeft(closure)) return undefined;
  return { event: closure.right[0] as WorkCalendarEvent, state: fold(workCalendarDecider.evolve, state, closure.right) };
};

const anchor = fc.integer({ min: -50, max: 90 }).map((offset) => addDays('2026-06-30', offset));
const limit: fc.Arbitrary<Limit> = fc.record(
  { n: fc.integer({ min: 1, max: 40 }), dayType: fc.constantFrom('school' as const, 'working' as const, 'calendar' as const), summerDayType: fc.constantFrom('working' as const, 'calendar' as const) },
  { requiredKeys: ['n', 'dayType'] },
);
const juneWeekday = fc.integer({ min: 1, max: 30 }).map((d) => `2026-06-${String(d).padStart(2, '0')}`);

/** The deadline as a grievance would watch it, counted on the timeline before SY2026-27 is adopted. */
const watched = (from: string, of: Limit): OpenDeadline | undefined => {
  const computed = dueDate(from, of, before);
  if (isLeft(computed)) return undefined;
  const { rule, dueOn } = computed.right;
  return {
    deadlineId: 'G-1/step-1/answer',
    streamId: 'grievance-G-1',
    anchor: from,
    limit: of,
    calendarId: rule.calendarId,
    calendarVersion: rule.calendarVersion,
    dueOn,
    ...(rule.calendars !== undefined ? { calendars: rule.calendars } : {}),
    ...(rule.provisional === true ? { provisional: true as const } : {}),
  };
};
const uses = (deadline: OpenDeadline, calendarId: string): boolean => (deadline.calendars ?? [{ calendarId: deadline.calendarId }]).some((c) => c.calendarId === calendarId);

/** A filed grievance holding just `deadline`, for the decider. */
const grievanceWith = (deadline: OpenDeadline): GrievanceState => {
  const events: GrievanceEvent[] = [
    {
      type: 'GrievanceFiled',
      data: {
        grievanceId: 'G-1',
        unitId: 'ecea',
        agreementId: 'agreement-ecea-2024-2027',
        editionId: '2024-2027',
        grievant: { kind: 'association' },
        articles: [{ key: 'assignments-transfers', number: '19', title: 'Assignments and Transfers' }],
        occurredOn: '2026-04-01',
        filedOn: '2026-04-02',
        remedySought: 'Remedy',
        continuingViolation: false,
        procedure: {
          steps: [{ id: 'step-1', level: 1, name: 'Step 1', hearer: 'principal', fileWithin: deadline.limit, answerWithin: deadline.limit, appealAnchor: 'answerReceived' }],
          filingClockStarts: 'occurrence',
          continuingViolations: false,
          onGrievantLapse: 'waived',
          onManagementLapse: 'mayAdvance',
          extensions: 'mutualWritten',
        },
        entryStepId: 'step-1',
      },
    },
    {
      type: 'DeadlineScheduled',
      data: {
        deadlineId: deadline.deadlineId,
        kind: 'answer',
        party: 'management',
        stepId: 'step-1',
        anchor: deadline.anchor,
        dueOn: deadline.dueOn,
        rule: { limit: deadline.limit, calendarId: deadline.calendarId, calendarVersion: deadline.calendarVersion, ...(deadline.calendars ? { calendars: deadline.calendars } : {}), ...(deadline.provisional ? { provisional: true, fallback: 'weekdays-minus-us-federal-holidays' } : {}) },
      },
    },
  ];
  return fold(grievanceDecider.evolve, grievanceDecider.initialState, events);
};

const decide = (instruction: RecalculateDeadline, state: GrievanceState) => {
  const decision = grievanceDecider.decide(instruction, state);
  if (isLeft(decision)) throw new Error(`${decision.left.code}: ${decision.left.message}`);
  return { events: decision.right, state: fold(grievanceDecider.evolve, state, decision.right) };
};

describe('calendar → grievance across school years', () => {
  it('a provisional deadline is recalculated exactly when SY2026-27, which covers some of its days, is adopted', () => {
    fc.assert(
      fc.property(anchor, limit, (from, of) => {
        const deadline = watched(from, of);
        if (deadline === undefined) return;
        const plan = onCalendarChanged(adoption, sy26Adopted, [deadline], before);
        expect(deadline.provisional === true).toBe(uses(deadline, SY26));
        expect(plan.recalculations.length + plan.failures.length).toBe(uses(deadline, SY26) ? 1 : 0);
        for (const instruction of plan.recalculations) {
          expect(instruction).toMatchObject({ calendarId: SY26, calendarVersion: 1 });
          expect(instruction.rule.provisional).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a provisional deadline is recalculated exactly when SY2025-26 is amended if it counted days of SY2025-26', () => {
    fc.assert(
      fc.property(anchor, limit, juneWeekday, (from, of, closed) => {
        const deadline = watched(from, of);
        const amended = sy25Amended(closed);
        if (deadline === undefined || amended === undefined || deadline.provisional !== true) return;
        const plan = onCalendarChanged(amended.event, amended.state, [deadline], before);
        expect(plan.recalculations.length + plan.failures.length).toBe(uses(deadline, SY25) ? 1 : 0);
      }),
      { numRuns: 200 },
    );
  });

  it('recalculating twice appends nothing, and the process manager then plans nothing', () => {
    fc.assert(
      fc.property(anchor, limit, (from, of) => {
        const deadline = watched(from, of);
        if (deadline === undefined || deadline.provisional !== true) return;
        const [instruction] = onCalendarChanged(adoption, sy26Adopted, [deadline], before).recalculations;
        if (instruction === undefined) return;
        const once = decide(instruction, grievanceWith(deadline));
        expect(once.events.map((e) => e.type)).toEqual(['DeadlineRecalculated']);
        expect(DeadlineRuleSnapshot.is(instruction.rule)).toBe(true);
        expect(decide(instruction, once.state).events).toEqual([]);
        expect(recalculableDeadlines(once.state)).toHaveLength(1);
        expect(onCalendarChanged(adoption, sy26Adopted, recalculableDeadlines(once.state), before).recalculations).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an instruction naming a calendar the deadline never counted on', () => {
    const deadline = watched('2026-06-12', { n: 20, dayType: 'school', summerDayType: 'working' })!;
    const [instruction] = onCalendarChanged(adoption, sy26Adopted, [deadline], before).recalculations;
    const result = grievanceDecider.decide({ ...instruction!, calendarId: 'calendar-ecps-2027-28' }, grievanceWith(deadline));
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'RecalculationRuleMismatch', field: 'rule' } });
  });
});
