/**
 * ECPS bargaining fixtures (domain.md §7, fictional): the ECEA FY27 reopener end to end, and the parallel ECSSU
 * cycle that reaches impasse. Commands are data; replaying them through the decider gives the expected history.
 *
 * Costing assumptions (fictional): ECEA salary base $740,000,000.00 for FY26 (1 % ≈ $7.4M), 7,000 FTE, step
 * movement costs 1.5 % of base. "County funds 2.5 %" is read as a 2.5 % COLA plus steps.
 */
import { fold } from '../../packages/domain/src/kernel/decider.js';
import { bargainingCycleDecider, type BargainingCommand, type BargainingEvent, type BargainingState } from '../../packages/domain/src/bargaining/index.js';
import { costProposal, toCostingAttachment, type Costing } from '../../packages/domain/src/costing/index.js';

export const ECEA_SALARY_BASE_CENTS = 74_000_000_000;
export const ECEA_FTE = 7_000;
export const ECEA_STEP_BP = 150;

/** Costs an ECEA FY27 salary position: `colaBp` across the board plus normal step movement. */
export const costEceaFy27 = (colaBp: number): Costing =>
  costProposal({
    baseSalaryCents: ECEA_SALARY_BASE_CENTS,
    baseFte: ECEA_FTE,
    years: [{ fiscalYear: 'FY27', colaBp, stepBp: ECEA_STEP_BP }],
    assumptions: [`COLA ${colaBp / 100}%`, `step movement ${ECEA_STEP_BP / 100}% of base`, 'FY26 salary base $740M, 7,000 FTE'],
  });

const UNION_CHIEF = 'Dana Whitfield';
const BOARD_CHIEF = 'Paul Okafor';
const actor = 'ecps.labor-relations';
const on = (occurredOn: string) => ({ occurredOn, actor });
const initials = (date: string) => ({ union: { name: UNION_CHIEF, on: date }, board: { name: BOARD_CHIEF, on: date } });

export const eceaFy27Reopener: readonly BargainingCommand[] = [
  {
    type: 'OpenCycle',
    cycleId: 'fy27-reopener',
    unitId: 'ecea',
    kind: 'reopener',
    agreementEdition: 'ecea-2024-2027',
    scope: { kind: 'articles', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] },
    groundRules: { taRevocation: 'mutualAgreementOnly', observerSessions: 6, notes: ['first 6 sessions open to member observers'] },
    chiefSpokespersons: { union: UNION_CHIEF, board: BOARD_CHIEF },
    ...on('2025-09-15'),
  },
  { type: 'TableProposal', proposalId: 'ECEA-20-U1', side: 'union', articleKey: 'salaries', text: 'Art. 20: 5% COLA effective 2026-07-01 plus step', costing: toCostingAttachment(costEceaFy27(500)), tabledBy: UNION_CHIEF, ...on('2025-09-25') },
  { type: 'TableProposal', proposalId: 'ECEA-12-U1', side: 'union', articleKey: 'planning-time', text: 'Art. 12: 250 minutes of duty-free planning per week', tabledBy: UNION_CHIEF, ...on('2025-09-25') },
  { type: 'TableProposal', proposalId: 'ECEA-17-U1', side: 'union', articleKey: 'schedules-workload', text: 'Art. 17: cap on after-school meetings at two per month', tabledBy: UNION_CHIEF, ...on('2025-10-02') },
  { type: 'TableCounter', proposalId: 'ECEA-20-B1', respondsTo: 'ECEA-20-U1', side: 'board', articleKey: 'salaries', text: 'Art. 20: 2% COLA plus step', costing: toCostingAttachment(costEceaFy27(200)), tabledBy: BOARD_CHIEF, ...on('2025-10-09') },
  { type: 'TableCounter', proposalId: 'ECEA-12-B1', respondsTo: 'ECEA-12-U1', side: 'board', articleKey: 'planning-time', text: 'Art. 12: 235 minutes, protected on early-release days', tabledBy: BOARD_CHIEF, ...on('2025-10-16') },
  { type: 'ReachTentativeAgreement', articleKey: 'salaries', text: 'Art. 20: 3.25% COLA effective 2026-07-01 plus step', costing: toCostingAttachment(costEceaFy27(325)), initialedBy: initials('2025-10-30'), ...on('2025-10-30') },
  {
    type: 'ReachTentativeAgreement',
    articleKey: 'planning-time',
    text: 'Planning Time: 240 minutes per week, protected on early-release days',
    articleNumber: '13',
    articleTitle: 'Planning Time',
    basedOnProposalId: 'ECEA-12-B1',
    initialedBy: initials('2025-11-13'),
    ...on('2025-11-13'),
  },
  { type: 'WithdrawProposal', proposalId: 'ECEA-17-U1', side: 'union', ...on('2025-12-04') },
  { type: 'ReachTentativeSettlement', ...on('2025-12-04') },
  { type: 'RecordRatificationVote', yes: 4_812, no: 301, ...on('2025-12-18') },
  { type: 'RecordBoardApproval', contingentOnFunding: true, ...on('2026-01-13') },
  { type: 'RecordFundingDecision', fundingAuthority: 'Example County Council', fundedCents: costEceaFy27(250).totalDeltaCents, ...on('2026-05-21') },
  { type: 'TableProposal', proposalId: 'ECEA-20-B2', side: 'board', articleKey: 'salaries', text: 'Art. 20: 2.5% COLA plus step, as funded', costing: toCostingAttachment(costEceaFy27(250)), tabledBy: BOARD_CHIEF, ...on('2026-05-28') },
  { type: 'ReachTentativeAgreement', articleKey: 'salaries', text: 'Art. 20: 2.5% COLA effective 2026-07-01 plus step (renegotiated under §6-407)', costing: toCostingAttachment(costEceaFy27(250)), basedOnProposalId: 'ECEA-20-B2', initialedBy: initials('2026-06-05'), ...on('2026-06-05') },
  { type: 'ConcludeCycle', resultingEdition: 'ecea-2024-2027-fy27', effectiveOn: '2026-07-01', ...on('2026-06-05') },
];

const SSU_UNION_CHIEF = 'Marisol Grant';
const SSU_BOARD_CHIEF = 'Henry Adeyemi';

export const ecssuImpasseCycle: readonly BargainingCommand[] = [
  {
    type: 'OpenCycle',
    cycleId: 'fy27-successor',
    unitId: 'ecssu',
    kind: 'successor',
    agreementEdition: 'ecssu-2023-2026',
    scope: { kind: 'all' },
    groundRules: { taRevocation: 'eitherPartyUntilSettlement' },
    chiefSpokespersons: { union: SSU_UNION_CHIEF, board: SSU_BOARD_CHIEF },
    ...on('2025-10-01'),
  },
  { type: 'TableProposal', proposalId: 'SSU-W-U1', side: 'union', articleKey: 'wages', text: '$20 minimum wage and 4% COLA', tabledBy: SSU_UNION_CHIEF, ...on('2025-10-15') },
  { type: 'TableProposal', proposalId: 'SSU-O-U1', side: 'union', articleKey: 'overtime', text: 'overtime offered by seniority rotation', tabledBy: SSU_UNION_CHIEF, ...on('2025-10-15') },
  { type: 'TableProposal', proposalId: 'SSU-H-U1', side: 'union', articleKey: 'hours-of-work', text: 'guaranteed 8-hour shifts for building services', tabledBy: SSU_UNION_CHIEF, ...on('2025-10-15') },
  { type: 'TableCounter', proposalId: 'SSU-W-B1', respondsTo: 'SSU-W-U1', side: 'board', articleKey: 'wages', text: '2% COLA', tabledBy: SSU_BOARD_CHIEF, ...on('2025-11-05') },
  { type: 'TableCounter', proposalId: 'SSU-O-B1', respondsTo: 'SSU-O-U1', side: 'board', articleKey: 'overtime', text: 'overtime assigned by supervisor', tabledBy: SSU_BOARD_CHIEF, ...on('2025-11-05') },
  { type: 'TableCounter', proposalId: 'SSU-H-B1', respondsTo: 'SSU-H-U1', side: 'board', articleKey: 'hours-of-work', text: 'status quo', tabledBy: SSU_BOARD_CHIEF, ...on('2025-11-05') },
  { type: 'DeclareImpasse', requestedBy: 'union', articleKeys: ['wages', 'overtime', 'hours-of-work'], ...on('2026-02-09') },
  // PERB finds impasse in part: on wages and overtime, not on hours of work.
  { type: 'RecordImpasseDetermination', reached: true, articleKeys: ['wages', 'overtime'], ...on('2026-03-02') },
  { type: 'SelectMediator', mediator: 'FMCS mediator (alternate strike)', method: 'alternateStrike', panelSource: 'FMCS list of 7', ...on('2026-03-06') },
  {
    type: 'SubmitLastBestOffer',
    side: 'union',
    items: [
      { articleKey: 'wages', text: '$19.50 minimum wage and 3.5% COLA' },
      { articleKey: 'overtime', text: 'seniority rotation with supervisor override for emergencies' },
    ],
    ...on('2026-03-11'),
  },
  {
    type: 'SubmitLastBestOffer',
    side: 'board',
    items: [
      { articleKey: 'wages', text: '$18.00 minimum wage and 2.5% COLA' },
      { articleKey: 'overtime', text: 'supervisor assignment, posted quarterly' },
    ],
    ...on('2026-03-12'),
  },
  { type: 'StartMediation', ...on('2026-03-16') },
];

export interface Replay {
  readonly events: readonly BargainingEvent[];
  readonly state: BargainingState;
}

/** Replays commands through the decider; throws on the first rejection (a fixture must be valid). */
export const replay = (commands: readonly BargainingCommand[]): Replay => {
  const events: BargainingEvent[] = [];
  let state = bargainingCycleDecider.initialState;
  for (const command of commands) {
    const decision = bargainingCycleDecider.decide(command, state);
    if (decision._tag === 'Left') throw new Error(`${command.type} rejected: ${decision.left.code}: ${decision.left.message}`);
    events.push(...decision.right);
    state = fold(bargainingCycleDecider.evolve, state, decision.right);
  }
  return { events, state };
};
