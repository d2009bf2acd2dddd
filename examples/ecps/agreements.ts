/**
 * Example County Public Schools (ECPS) agreements, fictional (see shared domain notes §7), as the command
 * sequences a contract administrator would issue. Everything §7 states is encoded as stated; anything marked
 * INVENTED fills a gap §7 leaves open and is plausible, not sourced.
 *
 * Imports the agreement folder directly: the maintainer wires it into `@laborcase/domain` at merge time.
 * The ECEA FY27 reopener amendment is not written by hand: it is what the bargaining → agreement process manager
 * makes of the bargaining fixture's cycle (bargaining.ts), so the two fixtures tell one story.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  agreementDecider,
  type AgreementCommand,
  type AgreementEvent,
  type AgreementState,
  type GrievanceProcedure,
} from '../../packages/domain/src/agreement/index.js';
import type { Limit } from '../../packages/domain/src/calendar/limit.js';
import type { BargainingEvent } from '../../packages/domain/src/bargaining/index.js';
import {
  agreementCommandsForBargainingEvent,
  type CycleAgreementCommand,
  type CycleToAgreementContext,
} from '../../packages/domain/src/bargaining-to-agreement/index.js';
import { eceaFy27Reopener, replay } from './bargaining.js';

/** ECEA counts school days, and working days (Mon–Fri minus holidays) after the last student day. */
const eceaDays = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });
const workingDays = (n: number): Limit => ({ n, dayType: 'working' });

/** Run commands through the agreement decider, failing loudly on the first rejection (fixtures must be valid). */
export const eventsFromCommands = (commands: readonly AgreementCommand[]): { events: readonly AgreementEvent[]; state: AgreementState } => {
  let state = agreementDecider.initialState;
  const events: AgreementEvent[] = [];
  for (const [index, command] of commands.entries()) {
    const decision = agreementDecider.decide(command, state);
    if (isLeft(decision)) throw new Error(`fixture command #${index} (${command.type}) rejected: ${decision.left.code}: ${decision.left.message}`);
    for (const event of decision.right) {
      events.push(event);
      state = agreementDecider.evolve(state, event);
    }
  }
  return { events, state };
};

// ---------------------------------------------------------------------------------------------------------
// ECEA (teachers) 2024-2027
// ---------------------------------------------------------------------------------------------------------

/** ECEA Art. 5, Grievance Procedure. */
export const eceaGrievanceProcedure: GrievanceProcedure = {
  // INVENTED: the informal step's limit (§7 only says it is optional).
  informal: { hearer: 'principal', raiseWithin: eceaDays(20), required: false },
  steps: [
    {
      id: 'step-1',
      level: 1,
      name: 'Step 1',
      hearer: 'principal',
      fileWithin: eceaDays(20),
      meetWithin: eceaDays(10),
      answerWithin: eceaDays(10),
      appealWithin: eceaDays(10),
      appealAnchor: 'answerDueIfLate',
    },
    {
      id: 'step-2',
      level: 2,
      name: 'Step 2',
      hearer: "superintendent's designee",
      // INVENTED: a class grievance filed directly at Step 2 gets the same 20 days as a Step 1 filing.
      fileWithin: eceaDays(20),
      meetWithin: eceaDays(15),
      answerWithin: eceaDays(10),
      appealAnchor: 'answerDueIfLate',
    },
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
    noticeWithin: eceaDays(20),
    selection: { source: 'AAA', listSize: 7, method: 'alternateStrike' },
    awardWithin: { n: 30, dayType: 'calendar' },
    fees: 'splitEqually',
  },
};

export const eceaRegistration: AgreementCommand = {
  type: 'RegisterAgreementEdition',
  unitId: 'ecea',
  editionId: '2024-2027',
  title: 'Agreement between the Board of Education of Example County and the Example County Education Association',
  term: { effectiveFrom: '2024-07-01', expiresOn: '2027-06-30' },
  tentativelyAgreedOn: '2024-03-14', // INVENTED
  fundingContingent: true,
  articles: [
    { key: 'recognition', number: '1', title: 'Recognition' },
    { key: 'board-authority', number: '2', title: 'Board Authority' },
    { key: 'association-rights', number: '3', title: 'Association Rights' },
    { key: 'negotiation-procedures', number: '4', title: 'Negotiation Procedures' },
    { key: 'grievance-procedure', number: '5', title: 'Grievance Procedure' },
    { key: 'school-climate', number: '9', title: 'School Climate' },
    { key: 'planning-time', number: '12', title: 'Planning Time' },
    { key: 'professional-development', number: '15', title: 'Professional Development' },
    { key: 'evaluations', number: '16', title: 'Evaluations' },
    { key: 'schedules-workload', number: '17', title: 'Schedules & Workload' },
    { key: 'staffing', number: '18', title: 'Staffing' },
    { key: 'assignments-transfers', number: '19', title: 'Assignments/Transfers' },
    { key: 'salaries', number: '20', title: 'Salaries' },
    { key: 'insurance', number: '23', title: 'Insurance' },
    { key: 'leaves', number: '28', title: 'Leaves' },
  ],
  grievanceProcedure: eceaGrievanceProcedure,
  reopeners: [
    // INVENTED: the FY26 language articles (§7 gives only "salary + 2 language articles").
    { fiscalYear: 'FY26', articleKeys: ['salaries', 'leaves', 'evaluations'] },
    // Scope set when the FY27 reopener cycle opens (2025-09-15): see eceaFy27ReopenerCommands.
    { fiscalYear: 'FY27', articleKeys: [] },
  ],
};

/** What the contract administrator records directly, before the FY27 reopener cycle opens. */
export const eceaCommandsBeforeFy27Reopener: readonly AgreementCommand[] = [
  eceaRegistration,
  { type: 'RecordMemberRatification', ratifiedOn: '2024-04-11', votesFor: 5120, votesAgainst: 388 }, // INVENTED date, votes
  { type: 'RecordBoardApproval', approvedOn: '2024-04-23' }, // INVENTED
  { type: 'ConfirmFunding', confirmedOn: '2024-05-30', fiscalYear: 'FY25' }, // INVENTED (county acts by June 1)
  { type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-01' },
  { type: 'ConfirmFunding', confirmedOn: '2025-05-22', fiscalYear: 'FY26' }, // INVENTED
];

/**
 * Runs a bargaining cycle's events through the bargaining → agreement process manager against the edition as it
 * stands, applying each command before mapping the next event (as a live runner would); throws on any rejection.
 */
export const commandsFromCycle = (
  before: AgreementState,
  cycleEvents: readonly BargainingEvent[],
  context: Omit<CycleToAgreementContext, 'baseEdition'>,
): readonly CycleAgreementCommand[] => {
  let state = before;
  const opened = cycleEvents.find((e) => e.type === 'CycleOpened');
  const produced: CycleAgreementCommand[] = [];
  for (const event of cycleEvents) {
    const mapped = agreementCommandsForBargainingEvent(event, { ...context, baseEdition: state }, opened?.type === 'CycleOpened' ? opened.data : undefined);
    if (isLeft(mapped)) throw new Error(`${event.type} not mappable: ${mapped.left.code}: ${mapped.left.message}`);
    for (const routed of mapped.right) {
      const decision = agreementDecider.decide(routed.command, state);
      if (isLeft(decision)) throw new Error(`${routed.commandId} rejected: ${decision.left.code}: ${decision.left.message}`);
      state = decision.right.reduce(agreementDecider.evolve, state);
      produced.push(routed);
    }
  }
  return produced;
};

/**
 * The FY27 reopener (bargaining.ts) as the process manager records it on the edition: the scope set when the
 * cycle opens (2025-09-15), the county's shortfall (2026-05-21), and at conclusion (2026-06-05) the funding
 * confirmation and the amendment effective 2026-07-01. The Art. 17 proposal was withdrawn, so only 20 and 12
 * change; Planning Time becomes Art. 13.
 */
export const eceaFy27ReopenerCommands: readonly CycleAgreementCommand[] = commandsFromCycle(
  eventsFromCommands(eceaCommandsBeforeFy27Reopener).state,
  replay(eceaFy27Reopener).events,
  { fiscalYear: 'FY27' },
);

export const eceaCommands: readonly AgreementCommand[] = [...eceaCommandsBeforeFy27Reopener, ...eceaFy27ReopenerCommands.map((c) => c.command)];

// ---------------------------------------------------------------------------------------------------------
// ECSSU (support staff). INVENTED: term, title, article list (except Art. 6 grievance and Art. 8 overtime,
// which §7's cases cite), lifecycle dates, the Step 2 filing limit, arbitration notice and selection.
// ---------------------------------------------------------------------------------------------------------

/** ECSSU Art. 6: working days year-round. */
export const ecssuGrievanceProcedure: GrievanceProcedure = {
  steps: [
    {
      id: 'step-1',
      level: 1,
      name: 'Step 1',
      hearer: 'immediate supervisor',
      fileWithin: workingDays(15),
      answerWithin: workingDays(10),
      appealWithin: workingDays(10),
      appealAnchor: 'answerDueIfLate',
    },
    {
      id: 'step-2',
      level: 2,
      name: 'Step 2',
      hearer: 'director of labor relations', // INVENTED
      fileWithin: workingDays(15), // INVENTED
      answerWithin: workingDays(15),
      appealAnchor: 'answerDueIfLate',
    },
  ],
  filingClockStarts: 'occurrenceOrDiscovery',
  continuingViolations: true,
  onGrievantLapse: 'waived',
  onManagementLapse: 'mayAdvance',
  extensions: 'mutualWritten',
  classGrievance: { minMembers: 3, entryStep: 'step-2' }, // INVENTED
  arbitration: {
    invokedBy: 'association',
    binding: true,
    includesDischarge: true,
    noticeWithin: workingDays(15), // INVENTED
    selection: { source: 'FMCS', listSize: 7, method: 'alternateStrike' }, // INVENTED
    fees: 'splitEqually', // INVENTED
  },
};

export const ecssuCommands: readonly AgreementCommand[] = [
  {
    type: 'RegisterAgreementEdition',
    unitId: 'ecssu',
    editionId: '2025-2028',
    title: 'Agreement between the Board of Education of Example County and the Example County Support Staff Union',
    term: { effectiveFrom: '2025-07-01', expiresOn: '2028-06-30' },
    tentativelyAgreedOn: '2025-02-20',
    fundingContingent: true,
    articles: [
      { key: 'recognition', number: '1', title: 'Recognition' },
      { key: 'board-rights', number: '2', title: 'Board Rights' },
      { key: 'union-rights', number: '3', title: 'Union Rights' },
      { key: 'negotiation-procedures', number: '4', title: 'Negotiation Procedures' },
      { key: 'definitions', number: '5', title: 'Definitions' },
      { key: 'grievance-procedure', number: '6', title: 'Grievance Procedure' },
      { key: 'hours-of-work', number: '7', title: 'Hours of Work' },
      { key: 'overtime', number: '8', title: 'Overtime' },
      { key: 'wages', number: '9', title: 'Wages' },
      { key: 'benefits', number: '10', title: 'Benefits' },
      { key: 'leaves', number: '11', title: 'Leaves' },
      { key: 'seniority', number: '12', title: 'Seniority' },
      { key: 'discipline-discharge', number: '13', title: 'Discipline and Discharge' },
      { key: 'health-safety', number: '14', title: 'Health and Safety' },
    ],
    grievanceProcedure: ecssuGrievanceProcedure,
    reopeners: [{ fiscalYear: 'FY27', articleKeys: ['wages'] }],
  },
  { type: 'RecordMemberRatification', ratifiedOn: '2025-03-06', votesFor: 2210, votesAgainst: 71 },
  { type: 'RecordBoardApproval', approvedOn: '2025-03-25' },
  { type: 'ConfirmFunding', confirmedOn: '2025-05-22', fiscalYear: 'FY26' },
  { type: 'PutAgreementIntoEffect', effectiveOn: '2025-07-01' },
];

// ---------------------------------------------------------------------------------------------------------
// ECAP (principals and administrators). INVENTED: everything but "file within 15 school days, Steps I–III,
// Step III is the Superintendent, no arbitration" — the other limits, hearers, term, articles and dates.
// ---------------------------------------------------------------------------------------------------------

const schoolDays = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });

/** ECAP Art. 7. */
export const ecapGrievanceProcedure: GrievanceProcedure = {
  steps: [
    {
      id: 'step-i',
      level: 1,
      name: 'Step I',
      hearer: 'immediate supervisor',
      fileWithin: schoolDays(15),
      answerWithin: schoolDays(10),
      appealWithin: schoolDays(10),
      appealAnchor: 'answerDueIfLate',
    },
    {
      id: 'step-ii',
      level: 2,
      name: 'Step II',
      hearer: 'chief of school support',
      fileWithin: schoolDays(15),
      meetWithin: schoolDays(10),
      answerWithin: schoolDays(10),
      appealWithin: schoolDays(10),
      appealAnchor: 'answerDueIfLate',
    },
    {
      id: 'step-iii',
      level: 3,
      name: 'Step III',
      hearer: 'Superintendent',
      fileWithin: schoolDays(15),
      meetWithin: schoolDays(10),
      answerWithin: schoolDays(15),
      appealAnchor: 'answerReceived',
    },
  ],
  filingClockStarts: 'occurrenceOrDiscovery',
  continuingViolations: false,
  onGrievantLapse: 'settledOnLastAnswer',
  onManagementLapse: 'mayAdvance',
  extensions: 'mutualWritten',
};

export const ecapCommands: readonly AgreementCommand[] = [
  {
    type: 'RegisterAgreementEdition',
    unitId: 'ecap',
    editionId: '2025-2028',
    title: 'Agreement between the Board of Education of Example County and the Example County Association of Principals',
    term: { effectiveFrom: '2025-07-01', expiresOn: '2028-06-30' },
    tentativelyAgreedOn: '2025-02-27',
    fundingContingent: false,
    articles: [
      { key: 'recognition', number: '1', title: 'Recognition' },
      { key: 'board-rights', number: '2', title: 'Board Rights' },
      { key: 'association-rights', number: '3', title: 'Association Rights' },
      { key: 'negotiation-procedures', number: '4', title: 'Negotiation Procedures' },
      { key: 'definitions', number: '5', title: 'Definitions' },
      { key: 'evaluation', number: '6', title: 'Evaluation' },
      { key: 'grievance-procedure', number: '7', title: 'Grievance Procedure' },
      { key: 'discipline', number: '8', title: 'Discipline' },
      { key: 'salaries', number: '9', title: 'Salaries' },
      { key: 'leaves', number: '10', title: 'Leaves' },
      { key: 'transfers', number: '11', title: 'Transfers and Reassignment' },
    ],
    grievanceProcedure: ecapGrievanceProcedure,
    reopeners: [],
  },
  { type: 'RecordMemberRatification', ratifiedOn: '2025-03-13' },
  { type: 'RecordBoardApproval', approvedOn: '2025-03-25' },
  { type: 'PutAgreementIntoEffect', effectiveOn: '2025-07-01' },
];

export const eceaAgreement = eventsFromCommands(eceaCommands);
export const ecssuAgreement = eventsFromCommands(ecssuCommands);
export const ecapAgreement = eventsFromCommands(ecapCommands);
