import { describe, it, expect } from '@jest/globals';
import { fold } from '../../packages/domain/src/kernel/decider.js';
import { bargainingCycleDecider, bargainingHistory, bargainingStreamId } from '../../packages/domain/src/bargaining/index.js';
import { compareCostings, costOfOnePercent } from '../../packages/domain/src/costing/index.js';
import { costEceaFy27, ECEA_SALARY_BASE_CENTS, ecssuImpasseCycle, eceaFy27Reopener, replay } from './bargaining.js';

describe('ECEA FY27 reopener (§7)', () => {
  const { events, state } = replay(eceaFy27Reopener);
  const ofType = <T extends (typeof events)[number]['type']>(type: T) => events.filter((e): e is Extract<(typeof events)[number], { type: T }> => e.type === type);

  it('lives in bargaining-ecea-fy27-reopener', () => expect(bargainingStreamId('ecea', 'fy27-reopener')).toBe('bargaining-ecea-fy27-reopener'));

  it('costs each position exactly (hand-computed on the $740M base, 1.5 % step)', () => {
    expect(costOfOnePercent(ECEA_SALARY_BASE_CENTS)).toBe(740_000_000); // $7.4M
    expect(costEceaFy27(500).totalDeltaCents).toBe(4_865_500_000); // 740M × (1.05 × 1.015 − 1) = $48,655,000
    expect(costEceaFy27(200).totalDeltaCents).toBe(2_612_200_000); // × (1.02 × 1.015 − 1) = $26,122,000
    expect(costEceaFy27(325).totalDeltaCents).toBe(3_551_075_000); // × (1.0325 × 1.015 − 1) = $35,510,750
    expect(costEceaFy27(250).totalDeltaCents).toBe(2_987_750_000); // × (1.025 × 1.015 − 1) = $29,877,500
    expect(compareCostings(costEceaFy27(200), costEceaFy27(500)).differenceCents).toBe(2_253_300_000); // the gap at the table
  });

  it('records who tabled what on which article, with the costing known at the time', () => {
    const tabled = events.flatMap((e) =>
      e.type === 'ProposalTabled' || e.type === 'CounterTabled' ? [[e.data.occurredOn, e.data.side, e.data.articleKey, e.type, e.data.costing?.delta ?? null]] : [],
    );
    expect(tabled).toEqual([
      ['2025-09-25', 'union', 'salaries', 'ProposalTabled', 4_865_500_000],
      ['2025-09-25', 'union', 'planning-time', 'ProposalTabled', null],
      ['2025-10-02', 'union', 'schedules-workload', 'ProposalTabled', null],
      ['2025-10-09', 'board', 'salaries', 'CounterTabled', 2_612_200_000],
      ['2025-10-16', 'board', 'planning-time', 'CounterTabled', null],
      ['2026-05-28', 'board', 'salaries', 'ProposalTabled', 2_987_750_000],
    ]);
  });

  it('records when each TA was initialled, including the renegotiated one', () => {
    expect(ofType('TentativeAgreementReached').map((e) => [e.data.articleKey, e.data.initialedBy.union.on, e.data.initialedBy.board.on, e.data.costing?.delta ?? null])).toEqual([
      ['salaries', '2025-10-30', '2025-10-30', 3_551_075_000],
      ['planning-time', '2025-11-13', '2025-11-13', null],
      ['salaries', '2026-06-05', '2026-06-05', 2_987_750_000],
    ]);
  });

  it('settles on 12/4 with Art. 17 withdrawn, and members ratify 4,812–301', () => {
    expect(ofType('TentativeSettlementReached').map((e) => e.data)).toEqual([
      { tentativelyAgreedArticleKeys: ['salaries', 'planning-time'], withdrawnArticleKeys: ['schedules-workload'], costedDeltaCents: 3_551_075_000, occurredOn: '2025-12-04', actor: 'ecps.labor-relations' },
    ]);
    expect(ofType('MembersRatifiedSettlement').map((e) => [e.data.yes, e.data.no, e.data.occurredOn])).toEqual([[4_812, 301, '2025-12-18']]);
    expect(ofType('BoardApprovedSettlement').map((e) => [e.data.occurredOn, e.data.contingentOnFunding])).toEqual([['2026-01-13', true]]);
  });

  it('records the county funding shortfall of $5,633,250 and sends Art. 20 back to the table', () => {
    expect(ofType('SettlementFundingShortfallRecorded').map((e) => e.data)).toEqual([
      {
        fundingAuthority: 'Example County Council',
        fundedCents: 2_987_750_000,
        requiredCents: 3_551_075_000,
        shortfallCents: 563_325_000,
        renegotiateArticleKeys: ['salaries'],
        occurredOn: '2026-05-21',
        actor: 'ecps.labor-relations',
      },
    ]);
  });

  it('concludes with an amendment of ecea-2024-2027 effective 2026-07-01 carrying the article changes by key', () => {
    const [concluded] = ofType('CycleConcluded');
    expect(concluded?.data).toMatchObject({
      unitId: 'ecea',
      kind: 'reopener',
      editionAction: 'amend',
      baseEdition: 'ecea-2024-2027',
      resultingEdition: 'ecea-2024-2027-fy27',
      effectiveOn: '2026-07-01',
      unchangedArticleKeys: ['schedules-workload'],
      ratification: { yes: 4_812, no: 301, on: '2025-12-18' },
      boardApprovedOn: '2026-01-13',
      funding: { status: 'fundedAfterRenegotiation', fundingAuthority: 'Example County Council', fundedCents: 2_987_750_000, originalRequiredCents: 3_551_075_000, renegotiatedRequiredCents: 2_987_750_000 },
    });
    expect(concluded?.data.articleChanges.map((c) => [c.articleKey, c.articleNumber ?? null, c.tentativelyAgreedOn])).toEqual([
      ['salaries', null, '2026-06-05'],
      ['planning-time', '13', '2025-11-13'],
    ]);
  });

  it('ends concluded, with every scoped article TA’d or withdrawn', () => {
    expect(state.status === 'open' && state.phase).toBe('concluded');
    expect(state.status === 'open' && Object.fromEntries(Object.entries(state.articles).map(([k, a]) => [k, a.status]))).toEqual({
      salaries: 'tentativelyAgreed',
      'planning-time': 'tentativelyAgreed',
      'schedules-workload': 'withdrawn',
    });
    expect(fold(bargainingCycleDecider.evolve, bargainingCycleDecider.initialState, events)).toEqual(state);
  });
});

describe('ECSSU impasse (§7, COMAR 14.30.14.02)', () => {
  const { events, state } = replay(ecssuImpasseCycle);

  it('derives the LBO, mediator and mediation dates from the 3/2 determination', () => {
    const determined = events.find((e) => e.type === 'ImpasseDetermined');
    expect(determined?.data).toEqual({
      outcome: 'part',
      articleKeys: ['wages', 'overtime'],
      lastBestOffersDueOn: '2026-03-12',
      mediatorSelectionDueOn: '2026-03-07',
      mediationStartDueOn: '2026-03-16',
      occurredOn: '2026-03-02',
      actor: 'ecps.labor-relations',
    });
  });

  it('has every step on time', () => {
    const timed = events.flatMap((e) =>
      e.type === 'LastBestOfferSubmitted' || e.type === 'MediatorSelected' || e.type === 'MediationStarted' ? [[e.type, e.data.occurredOn, e.data.dueOn, e.data.late]] : [],
    );
    expect(timed).toEqual([
      ['MediatorSelected', '2026-03-06', '2026-03-07', false],
      ['LastBestOfferSubmitted', '2026-03-11', '2026-03-12', false],
      ['LastBestOfferSubmitted', '2026-03-12', '2026-03-12', false],
      ['MediationStarted', '2026-03-16', '2026-03-16', false],
    ]);
  });

  it('is still at the table, in mediation', () => {
    expect(state.status === 'open' && state.phase).toBe('bargaining');
    expect(state.status === 'open' && state.impasse?.mediationStartedOn).toBe('2026-03-16');
  });

  it('would have refused an LBO that adds hours of work (not at impasse)', () => {
    const beforeOffers = replay(ecssuImpasseCycle.slice(0, 10)).state;
    const decision = bargainingCycleDecider.decide(
      { type: 'SubmitLastBestOffer', side: 'board', items: [{ articleKey: 'wages', text: 'w' }, { articleKey: 'overtime', text: 'o' }, { articleKey: 'hours-of-work', text: 'h' }], occurredOn: '2026-03-10', actor: 'x' },
      beforeOffers,
    );
    expect(decision._tag === 'Left' && decision.left.code).toBe('LastBestOfferAddsNewItem');
  });
});

describe('ECEA FY27 reopener as bargaining history (what an arbitrator reads)', () => {
  const history = bargainingHistory(replay(eceaFy27Reopener).events);

  it('shows Art. 20 position by position, with what each cost when tabled', () => {
    expect(history.articles['salaries']?.map((e) => [e.on, e.what, e.side, e.costDeltaCents ?? null])).toEqual([
      ['2025-09-25', 'tabled', 'union', 4_865_500_000],
      ['2025-10-09', 'countered', 'board', 2_612_200_000],
      ['2025-10-30', 'tentativelyAgreed', 'both', 3_551_075_000],
      ['2026-05-21', 'reopenedByFundingShortfall', undefined, null],
      ['2026-05-28', 'tabled', 'board', 2_987_750_000],
      ['2026-06-05', 'tentativelyAgreed', 'both', 2_987_750_000],
    ]);
  });

  it('shows Art. 17 withdrawn and how the cycle ended', () => {
    expect(history.articles['schedules-workload']?.map((e) => e.what)).toEqual(['tabled', 'withdrawn']);
    expect(history.milestones.map((m) => [m.on, m.what])).toEqual([
      ['2025-09-15', 'reopener cycle opened on ecea-2024-2027'],
      ['2025-12-04', 'tentative settlement'],
      ['2025-12-18', 'members ratified 4812–301'],
      ['2026-01-13', 'board approved, contingent on funding'],
      ['2026-05-21', 'Example County Council funding shortfall of $5,633,250.00'],
      ['2026-06-05', 'concluded: amend ecea-2024-2027-fy27 effective 2026-07-01'],
    ]);
  });
});
