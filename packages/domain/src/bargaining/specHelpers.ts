/** Shared builders for the bargaining specs (not exported from the folder). */
import type { CostingAttachment } from '../costing/attachment.js';
import type { BargainingCommand } from './commands.js';
import type { BargainingEvent, BargainingEventData } from './events.js';
import { COMAR_14_30_14_02_TIMELINE } from './impasseTimeline.js';

export const actor = 'lr.coordinator';
export const UNION_CHIEF = 'R. Alvarez';
export const BOARD_CHIEF = 'M. Chen';

export const cost = (delta: number): CostingAttachment => ({ fiscalYear: 'FY27', baseCost: 100_000_00, delta, fte: 10, assumptions: ['test'] });

export const opened = (over: Partial<BargainingEventData<'CycleOpened'>> = {}): BargainingEvent => ({
  type: 'CycleOpened',
  data: {
    cycleId: 'fy27-reopener',
    unitId: 'ecea',
    kind: 'reopener',
    agreementEdition: 'ecea-2024-2027',
    scope: { kind: 'articles', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] },
    groundRules: { taRevocation: 'eitherPartyUntilSettlement', impasseTimeline: COMAR_14_30_14_02_TIMELINE },
    chiefSpokespersons: { union: UNION_CHIEF, board: BOARD_CHIEF },
    occurredOn: '2025-09-15',
    actor,
    ...over,
  },
});

export const tabled = (proposalId: string, side: 'union' | 'board', articleKey: string, occurredOn = '2025-10-01', extra: Partial<BargainingEventData<'ProposalTabled'>> = {}): BargainingEvent => ({
  type: 'ProposalTabled',
  data: { proposalId, side, articleKey, text: `${side} on ${articleKey}`, tabledBy: side === 'union' ? UNION_CHIEF : BOARD_CHIEF, occurredOn, actor, ...extra },
});

export const countered = (proposalId: string, side: 'union' | 'board', articleKey: string, respondsTo: string, occurredOn = '2025-10-02'): BargainingEvent => ({
  type: 'CounterTabled',
  data: { proposalId, side, articleKey, respondsTo, text: `${side} counter on ${articleKey}`, tabledBy: side === 'union' ? UNION_CHIEF : BOARD_CHIEF, occurredOn, actor },
});

export const withdrawn = (proposalId: string, side: 'union' | 'board', articleKey: string, occurredOn = '2025-10-03'): BargainingEvent => ({
  type: 'ProposalWithdrawn',
  data: { proposalId, articleKey, side, occurredOn, actor },
});

export const taReached = (articleKey: string, occurredOn = '2025-10-30', extra: Partial<BargainingEventData<'TentativeAgreementReached'>> = {}): BargainingEvent => ({
  type: 'TentativeAgreementReached',
  data: {
    articleKey,
    text: `agreed ${articleKey}`,
    initialedBy: { union: { name: UNION_CHIEF, on: occurredOn }, board: { name: BOARD_CHIEF, on: occurredOn } },
    occurredOn,
    actor,
    ...extra,
  },
});

export const taCommand = (articleKey: string, occurredOn = '2025-10-30', extra: Partial<Extract<BargainingCommand, { type: 'ReachTentativeAgreement' }>> = {}): BargainingCommand => ({
  type: 'ReachTentativeAgreement',
  articleKey,
  text: `agreed ${articleKey}`,
  initialedBy: { union: { name: UNION_CHIEF, on: occurredOn }, board: { name: BOARD_CHIEF, on: occurredOn } },
  occurredOn,
  actor,
  ...extra,
});
