/**
 * Small, hand-checkable data for this folder's specs (not part of the public API). Every limit counts working
 * days (Mon–Fri) and the test dates avoid holidays, so "N working days after a Monday" is easy to check by hand.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { agreementDecider, type AgreementEvent, type AgreementState, type GrievanceProcedure } from '../agreement/index.js';
import { calendarAsOf, workCalendarDecider, type CalendarVersion, type Limit } from '../calendar/index.js';
import { fold } from '@laborcase/core';
import type { AppealToNextStep, DemandArbitration, FileGrievance, GrievanceCommand, RecordStepAnswer, ScheduleStepMeeting, SelectArbitrator } from './commands.js';
import { grievanceDecider } from './decide/index.js';
import type { DeadlineKind, DeadlineParty, GrievanceEvent } from './events.js';
import type { DeadlineRuleSnapshot } from './procedureSnapshot.js';

export const wd = (n: number): Limit => ({ n, dayType: 'working' });

export const CALENDAR_ID = 'calendar-test-2025-26';

const calendarState = (() => {
  let state = workCalendarDecider.initialState;
  for (const command of [
    {
      type: 'AdoptCalendar' as const,
      districtId: 'test',
      schoolYear: '2025-26',
      firstStudentDay: '2025-09-02',
      lastStudentDay: '2026-06-12',
      holidays: [
        { date: '2025-11-27', label: 'Thanksgiving Day' },
        { date: '2025-12-25', label: 'Christmas Day' },
      ],
      breaks: [],
      noStudentDays: [],
      adoptedOn: '2025-05-01',
    },
    { type: 'DeclareEmergencyClosure' as const, date: '2025-10-22', scope: 'schoolsAndOffices' as const, reason: 'Snow', declaredOn: '2025-10-22' },
  ]) {
    const decision = workCalendarDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(decision.left.message);
    state = fold(workCalendarDecider.evolve, state, decision.right);
  }
  return state;
})();

/** v1 as adopted; v2 closes schools and offices on Wed 2025-10-22. */
export const calendarV1: CalendarVersion = calendarAsOf(calendarState, 1)!;
export const calendarV2: CalendarVersion = calendarAsOf(calendarState, 2)!;
export const calendarStateForSpecs = calendarState;

export const rule = (limit: Limit, calendarVersion = 1): DeadlineRuleSnapshot => ({ limit, calendarId: CALENDAR_ID, calendarVersion });

export const procedure: GrievanceProcedure = {
  steps: [
    { id: 'step-1', level: 1, name: 'Step 1', hearer: 'principal', fileWithin: wd(20), meetWithin: wd(5), answerWithin: wd(5), appealWithin: wd(5), appealAnchor: 'answerDueIfLate' },
    { id: 'step-2', level: 2, name: 'Step 2', hearer: 'designee', fileWithin: wd(20), answerWithin: wd(10), appealAnchor: 'answerReceived' },
  ],
  filingClockStarts: 'occurrenceOrDiscovery',
  continuingViolations: true,
  onGrievantLapse: 'settledOnLastAnswer',
  onManagementLapse: 'mayAdvance',
  extensions: 'mutualWritten',
  classGrievance: { minMembers: 3, entryStep: 'step-2' },
  arbitration: {
    invokedBy: 'association',
    binding: true,
    noticeWithin: wd(10),
    awardWithin: { n: 30, dayType: 'calendar' },
    selection: { source: 'AAA', listSize: 7, method: 'alternateStrike' },
    fees: 'splitEqually',
  },
};

const agreementWith = (grievanceProcedure: GrievanceProcedure, upTo?: number): AgreementState => {
  const events: AgreementEvent[] = [
    {
      type: 'AgreementEditionRegistered',
      data: {
        unitId: 'tea',
        editionId: '2024-2027',
        title: 'Test Education Association Agreement',
        term: { effectiveFrom: '2024-07-01', expiresOn: '2027-06-30' },
        tentativelyAgreedOn: '2024-03-14',
        fundingContingent: false,
        articles: [
          { key: 'planning-time', number: '12', title: 'Planning Time' },
          { key: 'workload', number: '17', title: 'Workload' },
        ],
        grievanceProcedure,
        reopeners: [],
      },
    },
    { type: 'AgreementRatifiedByMembers', data: { ratifiedOn: '2024-04-11' } },
    { type: 'AgreementApprovedByBoard', data: { approvedOn: '2024-04-23' } },
    { type: 'AgreementTookEffect', data: { effectiveOn: '2024-07-01' } },
    // In force only from 2026-01-01: not citable for a 2025 occurrence.
    { type: 'ArticleAdded', data: { articleKey: 'remote-work', number: '30', title: 'Remote Work', effectiveOn: '2026-01-01' } },
  ];
  return fold(agreementDecider.evolve, agreementDecider.initialState, events.slice(0, upTo));
};

export const agreement = agreementWith(procedure);
export const agreementWaiving = agreementWith({ ...procedure, onGrievantLapse: 'waived' });
export const agreementWithoutArbitration = agreementWith((({ arbitration: _, ...rest }) => rest)(procedure));
export const agreementWithoutExtensions = agreementWith({ ...procedure, extensions: 'none', continuingViolations: false });
/** Registered and ratified, but the Board has not approved it and it never took effect. */
export const agreementNotInEffect = agreementWith(procedure, 2);
export const agreementWithoutClasses = agreementWith((({ classGrievance: _, ...rest }) => rest)(procedure));

export const GID = 'G-1';

/** Occurred Mon 10/6, filed Mon 10/13: file by Mon 11/3 (20 working days); Step 1 meeting by Mon 10/20. */
export const file: FileGrievance = {
  type: 'FileGrievance',
  grievanceId: GID,
  grievant: { kind: 'individual', employeeIds: ['E-1'] },
  agreement,
  articleKeys: ['planning-time'],
  occurredOn: '2025-10-06',
  filedOn: '2025-10-13',
  remedySought: 'Restore planning time',
  calendar: calendarV1,
};

export const deadline = (
  stepId: string,
  kind: DeadlineKind,
  party: DeadlineParty,
  anchor: string,
  dueOn: string,
  limit: Limit,
  calendarVersion = 1,
): GrievanceEvent => ({
  type: 'DeadlineScheduled',
  data: { deadlineId: `${GID}/${stepId}/${kind}`, kind, party, stepId, anchor, dueOn, rule: rule(limit, calendarVersion) },
});

export const met = (stepId: string, kind: DeadlineKind, metOn: string): GrievanceEvent => ({ type: 'DeadlineMet', data: { deadlineId: `${GID}/${stepId}/${kind}`, metOn } });

/** Events of accepted commands, failing loudly on a rejection. */
export const historyOf = (commands: readonly GrievanceCommand[], from: readonly GrievanceEvent[] = []): readonly GrievanceEvent[] => {
  let state = fold(grievanceDecider.evolve, grievanceDecider.initialState, from);
  const events: GrievanceEvent[] = [...from];
  for (const command of commands) {
    const decision = grievanceDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`${command.type} rejected: ${decision.left.code}: ${decision.left.message}`);
    events.push(...decision.right);
    state = fold(grievanceDecider.evolve, state, decision.right);
  }
  return events;
};

export const meeting: ScheduleStepMeeting = { type: 'ScheduleStepMeeting', stepId: 'step-1', meetingOn: '2025-10-17', scheduledOn: '2025-10-14', calendar: calendarV1 };
export const denyStep1: RecordStepAnswer = { type: 'RecordStepAnswer', stepId: 'step-1', disposition: 'denied', answeredOn: '2025-10-23', reason: 'No violation', calendar: calendarV1 };
export const appeal: AppealToNextStep = { type: 'AppealToNextStep', fromStepId: 'step-1', appealedOn: '2025-10-28', calendar: calendarV1 };
export const denyStep2: RecordStepAnswer = { type: 'RecordStepAnswer', stepId: 'step-2', disposition: 'denied', answeredOn: '2025-11-10', reason: 'No violation', calendar: calendarV1 };
export const demand: DemandArbitration = { type: 'DemandArbitration', demandedOn: '2025-11-17', demandedBy: 'association' };
export const select: SelectArbitrator = { type: 'SelectArbitrator', arbitrator: 'A. Neutral', selectedOn: '2025-11-20' };

export const filed = historyOf([file]);
export const meetingHeld = historyOf([meeting], filed);
export const step1Denied = historyOf([denyStep1], meetingHeld);
export const atStep2 = historyOf([appeal], step1Denied);
export const step2Denied = historyOf([denyStep2], atStep2);
export const inArbitration = historyOf([demand], step2Denied);
export const arbitratorChosen = historyOf([select], inArbitration);
