/**
 * ECPS grievances of domain.md §7 cases 1–5 (and case 6's ECAP grievance), as the commands a contract
 * administrator and the deadline scheduler would issue, run through the Grievance decider with the ECPS
 * calendar and agreement fixtures.
 *
 * §7 gives the dates it lists; everything marked INVENTED fills a gap (occurrence dates, meeting dates,
 * grievant ids, settlement amounts) so that every step is timely under the contract rules.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { AgreementState } from '../../packages/domain/src/agreement/index.js';
import { onCalendarChanged } from '../../packages/domain/src/calendar/index.js';
import {
  grievanceDecider,
  openDeadlines,
  type GrievanceCommand,
  type GrievanceCommands,
  type GrievanceEvent,
  type GrievanceState,
} from '../../packages/domain/src/grievance/index.js';
import { ecapAgreement, eceaAgreement, ecssuAgreement } from './agreements.js';
import { ecpsCalendarEvents, ecpsCalendarState, ecpsCalendarV1, ecpsCalendarV2 } from './calendar.js';

/** A fixture step: a command, or one computed from the stream's state so far (process-manager output). */
export type GrievanceFixtureStep = GrievanceCommand | ((state: GrievanceState) => GrievanceCommand);

const filing = (
  grievanceId: string,
  agreement: AgreementState,
  rest: Omit<GrievanceCommands.FileGrievance, 'type' | 'grievanceId' | 'agreement' | 'calendar'>,
  calendar = ecpsCalendarV1,
): GrievanceCommands.FileGrievance => ({ type: 'FileGrievance', grievanceId, agreement, calendar, ...rest });

const snowDay = ecpsCalendarEvents[1]!;

/** The calendar process manager reacting to the 1/27 snow day, fed by the grievance's own open deadlines. */
const recalculationAfterSnowDay = (state: GrievanceState): GrievanceCommand => {
  const [instruction] = onCalendarChanged(snowDay, ecpsCalendarState, openDeadlines(state)).recalculations;
  if (instruction === undefined) throw new Error('the snow day moved no deadline of this grievance');
  return instruction;
};

// Case 1: G-25-001, ECEA Art. 12 Planning Time, Northwood ES.
export const g25_001: readonly GrievanceFixtureStep[] = [
  filing('G-25-001', eceaAgreement.state, {
    grievant: { kind: 'individual', employeeIds: ['E-10233'] }, // INVENTED
    articleKeys: ['planning-time'],
    occurredOn: '2025-10-06',
    filedOn: '2025-10-21',
    remedySought: 'Restore the contractual daily planning period and compensate lost planning time',
    schoolIds: ['northwood-es'],
  }),
  { type: 'ScheduleStepMeeting', stepId: 'step-1', meetingOn: '2025-10-30', scheduledOn: '2025-10-23', calendar: ecpsCalendarV1 },
  // The principal is silent; the scheduler records the lapse the next school day.
  { type: 'RecordDeadlineLapse', deadlineId: 'G-25-001/step-1/answer', asOf: '2025-11-17', calendar: ecpsCalendarV1 },
  { type: 'AppealToNextStep', fromStepId: 'step-1', appealedOn: '2025-11-24', calendar: ecpsCalendarV1 }, // INVENTED date
  { type: 'ScheduleStepMeeting', stepId: 'step-2', meetingOn: '2025-12-12', scheduledOn: '2025-12-01', calendar: ecpsCalendarV1 }, // INVENTED
  { type: 'RecordStepAnswer', stepId: 'step-2', disposition: 'granted', answeredOn: '2026-01-09', reason: 'Planning periods were scheduled below the Art. 12 minimum', calendar: ecpsCalendarV1 },
];

// Case 2: G-26-004, ECEA Art. 17 class grievance, 41 teachers at 3 high schools.
export const g26_004: readonly GrievanceFixtureStep[] = [
  filing('G-26-004', eceaAgreement.state, {
    grievant: { kind: 'class', memberCount: 41, description: 'Teachers assigned a sixth teaching period at three high schools' },
    articleKeys: ['schedules-workload'],
    occurredOn: '2026-01-05', // INVENTED: the new schedule took effect after winter break
    filedOn: '2026-01-13',
    remedySought: 'Return to the contractual workload and pay for the additional period',
    schoolIds: ['eastfield-hs', 'river-hs', 'summit-hs'], // INVENTED
  }),
  { type: 'ScheduleStepMeeting', stepId: 'step-2', meetingOn: '2026-01-21', scheduledOn: '2026-01-14', calendar: ecpsCalendarV1 },
  recalculationAfterSnowDay,
  { type: 'RecordStepAnswer', stepId: 'step-2', disposition: 'denied', answeredOn: '2026-02-06', reason: 'Schedules are within Board authority', calendar: ecpsCalendarV2 },
  { type: 'DemandArbitration', demandedOn: '2026-02-20', demandedBy: 'association' }, // INVENTED date
  { type: 'SelectArbitrator', arbitrator: 'Arbitrator R. Delgado (AAA)', selectedOn: '2026-03-12' }, // INVENTED
  { type: 'CloseArbitrationHearing', closedOn: '2026-05-01', calendar: ecpsCalendarV2 }, // INVENTED: award due 30 calendar days later, 5/31
  { type: 'RecordAward', issuedOn: '2026-05-28', decision: 'sustainedInPart', remedy: "2 hours' pay per affected teacher" },
];

// Case 3: G-26-007, ECEA Art. 16 Evaluations.
export const g26_007: readonly GrievanceFixtureStep[] = [
  filing('G-26-007', eceaAgreement.state, {
    grievant: { kind: 'individual', employeeIds: ['E-21877'] }, // INVENTED
    articleKeys: ['evaluations'],
    occurredOn: '2026-01-06', // INVENTED
    filedOn: '2026-01-12', // INVENTED
    remedySought: 'Remove the observation report from the personnel file',
  }),
  { type: 'ScheduleStepMeeting', stepId: 'step-1', meetingOn: '2026-01-21', scheduledOn: '2026-01-14', calendar: ecpsCalendarV1 }, // INVENTED
  { type: 'RecordStepAnswer', stepId: 'step-1', disposition: 'denied', answeredOn: '2026-02-02', reason: 'The observation followed Art. 16 procedures', calendar: ecpsCalendarV2 },
  { type: 'RecordDeadlineLapse', deadlineId: 'G-26-007/step-1/appeal', asOf: '2026-02-19', calendar: ecpsCalendarV2 },
];

// Case 4: G-26-011, ECEA Art. 19 Assignments/Transfers; the appeal window crosses into summer.
export const g26_011: readonly GrievanceFixtureStep[] = [
  filing(
    'G-26-011',
    eceaAgreement.state,
    {
      grievant: { kind: 'individual', employeeIds: ['E-30412'] }, // INVENTED
      articleKeys: ['assignments-transfers'],
      occurredOn: '2026-05-15', // INVENTED
      filedOn: '2026-05-20', // INVENTED
      remedySought: 'Rescind the involuntary transfer for 2026-27',
    },
    ecpsCalendarV2,
  ),
  { type: 'ScheduleStepMeeting', stepId: 'step-1', meetingOn: '2026-05-28', scheduledOn: '2026-05-21', calendar: ecpsCalendarV2 }, // INVENTED
  { type: 'RecordStepAnswer', stepId: 'step-1', disposition: 'denied', answeredOn: '2026-06-10', reason: 'The transfer followed Art. 19 seniority order', calendar: ecpsCalendarV2 },
];

// Case 5: S-25-003, ECSSU Art. 8 Overtime.
export const s25_003: readonly GrievanceFixtureStep[] = [
  filing('S-25-003', ecssuAgreement.state, {
    grievant: { kind: 'individual', employeeIds: ['S-7781'] }, // INVENTED
    articleKeys: ['overtime'],
    occurredOn: '2025-11-20',
    filedOn: '2025-12-10', // INVENTED (deadline 12/15)
    remedySought: 'Pay the overtime worked on 2025-11-20 at time and a half',
  }),
  { type: 'SettleGrievance', settledOn: '2025-12-18', settlementType: 'monetary', terms: 'Back pay for 6.5 overtime hours at time and a half', amountCents: 24_570 }, // INVENTED
];

// Case 5: S-26-002, ECSSU, withdrawn at Step 2.
export const s26_002: readonly GrievanceFixtureStep[] = [
  filing(
    'S-26-002',
    ecssuAgreement.state,
    {
      grievant: { kind: 'individual', employeeIds: ['S-6120'] }, // INVENTED
      articleKeys: ['hours-of-work'], // INVENTED
      occurredOn: '2026-02-09',
      filedOn: '2026-02-12',
      remedySought: 'Restore the posted shift schedule',
    },
    ecpsCalendarV2,
  ),
  { type: 'RecordStepAnswer', stepId: 'step-1', disposition: 'denied', answeredOn: '2026-02-20', reason: 'Shift change within management rights', calendar: ecpsCalendarV2 },
  { type: 'AppealToNextStep', fromStepId: 'step-1', appealedOn: '2026-02-27', calendar: ecpsCalendarV2 },
  { type: 'WithdrawGrievance', withdrawnOn: '2026-03-10', reason: 'Union withdrew after the shift schedule was restored informally' },
];

// Case 6 (grievance part): the assistant principal grieves the written reprimand of ER-26-005 under ECAP Art. 7.
export const ecap26_001: readonly GrievanceFixtureStep[] = [
  filing(
    'A-26-001',
    ecapAgreement.state,
    {
      grievant: { kind: 'individual', employeeIds: ['E-20931'] },
      articleKeys: ['discipline'],
      occurredOn: '2026-03-10',
      filedOn: '2026-03-16',
      remedySought: 'Rescind the written reprimand',
    },
    ecpsCalendarV2,
  ),
  { type: 'RecordStepAnswer', stepId: 'step-i', disposition: 'denied', answeredOn: '2026-03-24', reason: 'Findings support the reprimand', calendar: ecpsCalendarV2 },
  { type: 'AppealToNextStep', fromStepId: 'step-i', appealedOn: '2026-03-26', calendar: ecpsCalendarV2 },
  { type: 'ScheduleStepMeeting', stepId: 'step-ii', meetingOn: '2026-04-08', scheduledOn: '2026-03-27', calendar: ecpsCalendarV2 },
  { type: 'RecordStepAnswer', stepId: 'step-ii', disposition: 'denied', answeredOn: '2026-04-15', reason: 'No procedural defect found', calendar: ecpsCalendarV2 },
  { type: 'AppealToNextStep', fromStepId: 'step-ii', appealedOn: '2026-04-17', calendar: ecpsCalendarV2 },
  { type: 'ScheduleStepMeeting', stepId: 'step-iii', meetingOn: '2026-04-28', scheduledOn: '2026-04-20', calendar: ecpsCalendarV2 },
  { type: 'RecordStepAnswer', stepId: 'step-iii', disposition: 'denied', answeredOn: '2026-05-08', reason: 'The Superintendent upholds the reprimand', calendar: ecpsCalendarV2 },
];

/** Run fixture steps through the decider, failing loudly on a rejection (fixtures must be valid). */
export const runGrievance = (steps: readonly GrievanceFixtureStep[]): { readonly events: readonly GrievanceEvent[]; readonly state: GrievanceState } => {
  let state = grievanceDecider.initialState;
  const events: GrievanceEvent[] = [];
  for (const [index, step] of steps.entries()) {
    const command = typeof step === 'function' ? step(state) : step;
    const decision = grievanceDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`grievance fixture step #${index} (${command.type}) rejected: ${decision.left.code}: ${decision.left.message}`);
    for (const event of decision.right) {
      events.push(event);
      state = grievanceDecider.evolve(state, event);
    }
  }
  return { events, state };
};
