import { describe, it, expect } from '@jest/globals';
import type { BargainingEvent } from './events.js';
import { bargainingHistory } from './history.js';
import { actor, BOARD_CHIEF, cost, countered, opened, tabled, taReached, withdrawn } from './specHelpers.js';

const at = (occurredOn: string) => ({ occurredOn, actor });

describe('bargainingHistory', () => {
  const events: BargainingEvent[] = [
    opened(),
    tabled('U1', 'union', 'salaries', '2025-10-01', { costing: cost(500) }),
    countered('B1', 'board', 'salaries', 'U1'),
    { type: 'PackageTabled', data: { packageId: 'K', side: 'board', tabledBy: BOARD_CHIEF, items: [{ proposalId: 'B2', articleKey: 'salaries', text: 'a', costing: cost(300) }, { proposalId: 'B3', articleKey: 'planning-time', text: 'b' }], ...at('2025-10-05') } },
    { type: 'PackageWithdrawn', data: { packageId: 'K', side: 'board', proposalIds: ['B2', 'B3'], ...at('2025-10-06') } },
    tabled('U2', 'union', 'planning-time', '2025-10-07'),
    withdrawn('U2', 'union', 'planning-time', '2025-10-08'),
    taReached('salaries', '2025-10-30', { costing: cost(400) }),
    { type: 'TentativeAgreementRevoked', data: { articleKey: 'salaries', revokedBy: 'both', reason: 'error in table', ...at('2025-11-01') } },
    taReached('salaries', '2025-11-02'),
    { type: 'TentativeSettlementReached', data: { tentativelyAgreedArticleKeys: ['salaries'], withdrawnArticleKeys: ['planning-time'], costedDeltaCents: 0, ...at('2025-11-03') } },
    { type: 'MembersRejectedSettlement', data: { yes: 1, no: 2, reopenedArticleKeys: ['salaries'], ...at('2025-11-20') } },
  ];
  const history = bargainingHistory(events);

  it('lists every move on each article in order, with its cost and initials', () => {
    expect(history.articles['salaries']).toEqual([
      { on: '2025-10-01', what: 'tabled', side: 'union', proposalId: 'U1', text: 'union on salaries', costDeltaCents: 500 },
      { on: '2025-10-02', what: 'countered', side: 'board', proposalId: 'B1', respondsTo: 'U1', text: 'board counter on salaries' },
      { on: '2025-10-05', what: 'packaged', side: 'board', proposalId: 'B2', packageId: 'K', text: 'a', costDeltaCents: 300 },
      { on: '2025-10-06', what: 'withdrawn', side: 'board', proposalId: 'B2', packageId: 'K' },
      { on: '2025-10-30', what: 'tentativelyAgreed', side: 'both', text: 'agreed salaries', initialedOn: { union: '2025-10-30', board: '2025-10-30' }, costDeltaCents: 400 },
      { on: '2025-11-01', what: 'taRevoked', side: 'both', text: 'error in table' },
      { on: '2025-11-02', what: 'tentativelyAgreed', side: 'both', text: 'agreed salaries', initialedOn: { union: '2025-11-02', board: '2025-11-02' } },
      { on: '2025-11-20', what: 'reopenedByMemberRejection' },
    ]);
    expect(history.articles['planning-time']?.map((e) => e.what)).toEqual(['packaged', 'withdrawn', 'tabled', 'withdrawn']);
  });

  it('lists the milestones', () => {
    expect(history.milestones.map((m) => m.what)).toEqual(['reopener cycle opened on ecea-2024-2027', 'tentative settlement', 'members rejected the settlement 1–2']);
  });

  it('includes impasse steps and last best offers', () => {
    const impasse = bargainingHistory([
      opened(),
      tabled('U1', 'union', 'salaries'),
      { type: 'ImpasseDeclared', data: { requestedBy: 'joint', articleKeys: ['salaries'], ...at('2026-02-01') } },
      { type: 'ImpasseDetermined', data: { outcome: 'whole', articleKeys: ['salaries'], lastBestOffersDueOn: '2026-02-11', mediatorSelectionDueOn: '2026-02-06', mediationStartDueOn: '2026-02-15', ...at('2026-02-01') } },
      { type: 'MediatorSelected', data: { mediator: 'M', method: 'agreement', panelSource: 'AAA', dueOn: '2026-02-06', late: true, ...at('2026-02-07') } },
      { type: 'LastBestOfferSubmitted', data: { side: 'union', items: [{ articleKey: 'salaries', text: 'final', costing: cost(9) }], dueOn: '2026-02-11', late: false, ...at('2026-02-10') } },
    ]);
    expect(impasse.milestones.map((m) => m.what).slice(1)).toEqual(['impasse requested by joint on salaries', 'impasse determined in whole on salaries', 'mediator selected: M (late)']);
    expect(impasse.articles['salaries']?.[1]).toEqual({ on: '2026-02-10', what: 'lastBestOffer', side: 'union', text: 'final', costDeltaCents: 9 });
  });
});

describe('bargainingHistory with article keys that name Object.prototype members', () => {
  it('lists them like any other article', () => {
    const history = bargainingHistory([opened({ kind: 'successor', scope: { kind: 'all' } }), tabled('P1', 'union', '__proto__'), tabled('P2', 'union', 'constructor')]);
    expect(Object.keys(history.articles)).toEqual(['__proto__', 'constructor']);
    expect(history.articles['constructor']).toEqual([{ on: '2025-10-01', what: 'tabled', side: 'union', proposalId: 'P2', text: 'union on constructor' }]);
  });
});
