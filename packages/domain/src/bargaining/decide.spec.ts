import { describe, it, expect } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import { fold } from '@laborcase/core';
import type { BargainingCommand } from './commands.js';
import { bargainingCycleDecider } from './decide/index.js';
import { bargainingStreamId } from './streamId.js';
import type { BargainingEvent } from './events.js';
import type { OpenCycleState } from './state.js';
import { actor, BOARD_CHIEF, cost, countered, opened, tabled, taCommand, taReached, UNION_CHIEF, withdrawn } from './specHelpers.js';

const spec = deciderSpec(bargainingCycleDecider);
const stateAfter = (events: readonly BargainingEvent[]) => fold(bargainingCycleDecider.evolve, bargainingCycleDecider.initialState, events) as OpenCycleState;
const decided = (history: readonly BargainingEvent[], command: BargainingCommand): readonly BargainingEvent[] => {
  const result = bargainingCycleDecider.decide(command, stateAfter(history));
  if (result._tag === 'Left') throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
};

const openCommand: BargainingCommand = {
  type: 'OpenCycle',
  cycleId: 'fy27-reopener',
  unitId: 'ecea',
  kind: 'reopener',
  agreementEdition: 'ecea-2024-2027',
  scope: { kind: 'articles', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] },
  groundRules: { taRevocation: 'eitherPartyUntilSettlement' },
  chiefSpokespersons: { union: UNION_CHIEF, board: BOARD_CHIEF },
  occurredOn: '2025-09-15',
  actor,
};

const propose = (proposalId: string, side: 'union' | 'board', articleKey: string, occurredOn = '2025-10-01'): Extract<BargainingCommand, { type: 'TableProposal' }> => ({
  type: 'TableProposal',
  proposalId,
  side,
  articleKey,
  text: `${side} on ${articleKey}`,
  tabledBy: side === 'union' ? UNION_CHIEF : BOARD_CHIEF,
  occurredOn,
  actor,
});

const at = (occurredOn: string) => ({ occurredOn, actor });

// A history at the table: union proposals on salaries (costed) and planning time.
const atTable: BargainingEvent[] = [opened(), tabled('U-20-1', 'union', 'salaries', '2025-10-01', { costing: cost(500_000) }), tabled('U-12-1', 'union', 'planning-time')];
const allAgreed: BargainingEvent[] = [...atTable, taReached('salaries', '2025-10-30', { costing: cost(300_000) }), taReached('planning-time', '2025-11-13')];
const settled: BargainingEvent[] = [
  ...allAgreed,
  { type: 'TentativeSettlementReached', data: { tentativelyAgreedArticleKeys: ['salaries', 'planning-time'], withdrawnArticleKeys: [], costedDeltaCents: 300_000, ...at('2025-12-04') } },
];
const ratified: BargainingEvent[] = [...settled, { type: 'MembersRatifiedSettlement', data: { yes: 10, no: 2, ...at('2025-12-18') } }];
const awaitingFunding: BargainingEvent[] = [...ratified, { type: 'BoardApprovedSettlement', data: { contingentOnFunding: true, ...at('2026-01-13') } }];
const shortfall: BargainingEvent[] = [
  ...awaitingFunding,
  {
    type: 'SettlementFundingShortfallRecorded',
    data: { fundingAuthority: 'County Council', fundedCents: 200_000, requiredCents: 300_000, shortfallCents: 100_000, renegotiateArticleKeys: ['salaries'], ...at('2026-05-21') },
  },
];
const impasseRequested: BargainingEvent[] = [...atTable, { type: 'ImpasseDeclared', data: { requestedBy: 'union', articleKeys: ['salaries', 'planning-time'], ...at('2026-02-10') } }];
const impasseDetermined: BargainingEvent[] = [
  ...impasseRequested,
  {
    type: 'ImpasseDetermined',
    data: { outcome: 'whole', articleKeys: ['salaries', 'planning-time'], lastBestOffersDueOn: '2026-03-12', mediatorSelectionDueOn: '2026-03-07', mediationStartDueOn: '2026-03-16', ...at('2026-03-02') },
  },
];

describe('bargaining cycle: stream id', () => {
  it('is bargaining-{unit}-{cycle}', () => expect(bargainingStreamId('ecea', 'fy27-reopener')).toBe('bargaining-ecea-fy27-reopener'));
});

describe('OpenCycle', () => {
  it('opens a reopener, filling impasse limits from COMAR 14.30.14.02', () => {
    spec.given([]).when(openCommand).then([opened()]);
  });
  it('keeps negotiated limits and ground-rule notes', () => {
    const [event] = decided([], { ...openCommand, groundRules: { taRevocation: 'never', impasseTimeline: { mediationStartWithinDays: 45 }, observerSessions: 6, notes: ['first 6 sessions open to observers'] } });
    expect(event?.type === 'CycleOpened' && event.data.groundRules).toEqual({
      taRevocation: 'never',
      impasseTimeline: { lastBestOffersWithinDays: 10, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 45 },
      observerSessions: 6,
      notes: ['first 6 sessions open to observers'],
    });
  });
  it('opens a successor over the whole agreement', () => {
    spec.given([]).when({ ...openCommand, kind: 'successor', scope: { kind: 'all' } }).then([opened({ kind: 'successor', scope: { kind: 'all' } })]);
  });
  it('rejects opening twice', () => void spec.given([opened()]).when(openCommand).thenFails('CycleAlreadyOpened'));
  it('rejects an empty scope', () => void spec.given([]).when({ ...openCommand, scope: { kind: 'articles', articleKeys: [] } }).thenFails('EmptyScope'));
  it('rejects a reopener without a scope', () => void spec.given([]).when({ ...openCommand, scope: { kind: 'all' } }).thenFails('ReopenerNeedsScope'));
  it('rejects malformed fields, naming the field', () => {
    const error = spec.given([]).when({ ...openCommand, unitId: ' ' }).thenFails('InvalidCommand');
    expect(error.field).toBe('unitId');
  });
  it('rejects a malformed business date', () => void spec.given([]).when({ ...openCommand, occurredOn: '2025-02-30' }).thenFails('InvalidCommand'));
  it('rejects an impasse limit longer than a year, naming it (its due date could not be computed)', () => {
    const error = spec
      .given([])
      .when({ ...openCommand, groundRules: { taRevocation: 'never', impasseTimeline: { mediationStartWithinDays: 9_007_199_254_740_991 } } })
      .thenFails('InvalidCommand');
    expect(error.field).toBe('groundRules.impasseTimeline.mediationStartWithinDays');
    spec.given([]).when({ ...openCommand, groundRules: { taRevocation: 'never', impasseTimeline: { mediationStartWithinDays: 365 } } }).then([
      opened({ groundRules: { taRevocation: 'never', impasseTimeline: { lastBestOffersWithinDays: 10, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 365 } } }),
    ]);
  });
});

describe('any command on a cycle that is not open or already concluded', () => {
  it('rejects before opening', () => void spec.given([]).when(propose('P', 'union', 'salaries')).thenFails('CycleNotOpened'));
  it('rejects dates before the opening', () => {
    const error = spec.given([opened()]).when(propose('P', 'union', 'salaries', '2025-09-14')).thenFails('BeforeCycleOpened');
    expect(error.field).toBe('occurredOn');
  });
  it('rejects everything after conclusion', () => {
    const concluded = [...ratified, { type: 'BoardApprovedSettlement', data: { contingentOnFunding: false, ...at('2026-01-13') } } as BargainingEvent];
    const conclusion = decided(concluded, { type: 'ConcludeCycle', resultingEdition: 'ecea-2024-2027-a1', effectiveOn: '2026-07-01', ...at('2026-01-14') });
    spec.given([...concluded, ...conclusion]).when(propose('P', 'union', 'salaries', '2026-02-01')).thenFails('CycleAlreadyConcluded');
  });
});

describe('TableProposal', () => {
  it('tables a costed proposal', () => {
    spec
      .given([opened()])
      .when({ ...propose('U-20-1', 'union', 'salaries'), costing: cost(500_000) })
      .then([tabled('U-20-1', 'union', 'salaries', '2025-10-01', { costing: cost(500_000) })]);
  });
  it("supersedes the same side's previous live proposal on the article", () => {
    spec.given(atTable).when(propose('U-20-2', 'union', 'salaries', '2025-10-05')).then([tabled('U-20-2', 'union', 'salaries', '2025-10-05', { supersedes: 'U-20-1' })]);
  });
  it('reopens a withdrawn article', () => {
    const history = [opened(), tabled('U-17-1', 'union', 'schedules-workload'), withdrawn('U-17-1', 'union', 'schedules-workload')];
    expect(stateAfter(history).articles['schedules-workload']?.status).toBe('withdrawn');
    spec.given(history).when(propose('U-17-2', 'union', 'schedules-workload', '2025-10-04')).thenState({
      ...stateAfter(history),
      proposals: { ...stateAfter(history).proposals, 'U-17-2': { proposalId: 'U-17-2', side: 'union', articleKey: 'schedules-workload', text: 'union on schedules-workload', tabledOn: '2025-10-04', status: 'live' } },
      articles: { 'schedules-workload': { status: 'open' } },
    });
  });
  it('rejects a reused id', () => void spec.given(atTable).when(propose('U-20-1', 'union', 'planning-time')).thenFails('DuplicateProposalId'));
  it('rejects an article outside the reopener scope', () => {
    const error = spec.given([opened()]).when(propose('P', 'union', 'insurance')).thenFails('ArticleOutsideScope');
    expect(error.rule).toBe('reopener scope limits tabled articles');
  });
  it('rejects an article already TA’d', () => void spec.given(allAgreed).when(propose('P', 'board', 'salaries', '2025-11-20')).thenFails('ArticleAlreadyTentativelyAgreed'));
  it('rejects after tentative settlement', () => void spec.given(settled).when(propose('P', 'board', 'schedules-workload', '2025-12-05')).thenFails('CycleNotAtTable'));
  it('during renegotiation accepts only the funded items', () => {
    spec.given(shortfall).when(propose('B-20-9', 'board', 'salaries', '2026-05-28')).then([tabled('B-20-9', 'board', 'salaries', '2026-05-28')]);
    spec.given(shortfall).when(propose('B-12-9', 'board', 'planning-time', '2026-05-28')).thenFails('OutsideRenegotiation');
  });
  it('rejects superseding a packaged position', () => {
    const pkg: BargainingEvent = { type: 'PackageTabled', data: { packageId: 'BP-1', side: 'board', tabledBy: BOARD_CHIEF, items: [{ proposalId: 'B1', articleKey: 'salaries', text: 'x' }, { proposalId: 'B2', articleKey: 'planning-time', text: 'y' }], ...at('2025-10-10') } };
    spec.given([opened(), pkg]).when(propose('B3', 'board', 'salaries', '2025-10-11')).thenFails('ArticleInLivePackage');
  });
});

describe('TableCounter', () => {
  const counter = (over: Partial<Extract<BargainingCommand, { type: 'TableCounter' }>> = {}): BargainingCommand => ({
    type: 'TableCounter',
    proposalId: 'B-20-1',
    side: 'board',
    articleKey: 'salaries',
    respondsTo: 'U-20-1',
    text: 'board counter on salaries',
    tabledBy: BOARD_CHIEF,
    ...at('2025-10-02'),
    ...over,
  });
  it('counters the other side’s live proposal', () => void spec.given(atTable).when(counter()).then([countered('B-20-1', 'board', 'salaries', 'U-20-1')]));
  it('rejects an unknown target', () => void spec.given(atTable).when(counter({ respondsTo: 'nope' })).thenFails('UnknownProposal'));
  it('rejects countering one’s own proposal', () => void spec.given(atTable).when(counter({ side: 'union', tabledBy: UNION_CHIEF })).thenFails('CounterMustAnswerOtherSide'));
  it('rejects a counter on another article', () => void spec.given(atTable).when(counter({ articleKey: 'planning-time' })).thenFails('CounterOnDifferentArticle'));
  it('rejects a counter dated before the proposal it answers', () => void spec.given(atTable).when(counter({ occurredOn: '2025-09-30' })).thenFails('CounterBeforeProposal'));
  it('rejects countering a withdrawn proposal', () => {
    spec.given([...atTable, withdrawn('U-12-1', 'union', 'planning-time')]).when(counter({ respondsTo: 'U-12-1', articleKey: 'planning-time', occurredOn: '2025-10-04' })).thenFails('CounterTargetNotLive');
  });
});

describe('TablePackage', () => {
  const pkg = (over: Partial<Extract<BargainingCommand, { type: 'TablePackage' }>> = {}): BargainingCommand => ({
    type: 'TablePackage',
    packageId: 'BP-1',
    side: 'board',
    tabledBy: BOARD_CHIEF,
    items: [
      { proposalId: 'B-20-2', articleKey: 'salaries', text: '2.5% + step', costing: cost(250_000) },
      { proposalId: 'B-12-2', articleKey: 'planning-time', text: 'keep 225 minutes' },
    ],
    costing: cost(250_000),
    ...at('2025-10-20'),
    ...over,
  });
  it('tables items across articles all or nothing', () => {
    spec
      .given(atTable)
      .when(pkg())
      .then([
        {
          type: 'PackageTabled',
          data: {
            packageId: 'BP-1',
            side: 'board',
            tabledBy: BOARD_CHIEF,
            items: [
              { proposalId: 'B-20-2', articleKey: 'salaries', text: '2.5% + step', costing: cost(250_000) },
              { proposalId: 'B-12-2', articleKey: 'planning-time', text: 'keep 225 minutes' },
            ],
            ...at('2025-10-20'),
            costing: cost(250_000),
          },
        },
      ]);
  });
  it('rejects a reused package id', () => {
    const history = [...atTable, ...decided(atTable, pkg())];
    spec.given(history).when(pkg({ items: [{ proposalId: 'x', articleKey: 'salaries', text: 'a' }, { proposalId: 'y', articleKey: 'schedules-workload', text: 'b' }] })).thenFails('DuplicatePackageId');
  });
  it('rejects a single-article package', () => {
    spec.given(atTable).when(pkg({ items: [{ proposalId: 'x', articleKey: 'salaries', text: 'a' }] })).thenFails('PackageNeedsSeveralArticles');
    spec.given(atTable).when(pkg({ items: [{ proposalId: 'x', articleKey: 'salaries', text: 'a' }, { proposalId: 'y', articleKey: 'salaries', text: 'b' }] })).thenFails('PackageNeedsSeveralArticles');
  });
  it('rejects reused item ids', () => {
    spec.given(atTable).when(pkg({ items: [{ proposalId: 'U-20-1', articleKey: 'salaries', text: 'a' }, { proposalId: 'y', articleKey: 'planning-time', text: 'b' }] })).thenFails('DuplicateProposalId');
  });
  it('rejects an item outside scope', () => {
    spec.given(atTable).when(pkg({ items: [{ proposalId: 'x', articleKey: 'insurance', text: 'a' }, { proposalId: 'y', articleKey: 'planning-time', text: 'b' }] })).thenFails('ArticleOutsideScope');
  });
  it('rejects an item already in a live package of the same side', () => {
    const history = [...atTable, ...decided(atTable, pkg())];
    spec
      .given(history)
      .when(pkg({ packageId: 'BP-2', items: [{ proposalId: 'x', articleKey: 'salaries', text: 'a' }, { proposalId: 'y', articleKey: 'schedules-workload', text: 'b' }] }))
      .thenFails('ArticleInLivePackage');
  });
});

describe('WithdrawProposal and WithdrawPackage', () => {
  const withdraw = (proposalId: string, side: 'union' | 'board' = 'union'): BargainingCommand => ({ type: 'WithdrawProposal', proposalId, side, ...at('2025-10-03') });
  it('withdraws; an article with nothing left on the table counts as withdrawn', () => {
    spec.given(atTable).when(withdraw('U-12-1')).then([withdrawn('U-12-1', 'union', 'planning-time')]);
    expect(stateAfter([...atTable, withdrawn('U-12-1', 'union', 'planning-time')]).articles['planning-time']).toEqual({ status: 'withdrawn' });
  });
  it('keeps the article open while the other side still has a position on it', () => {
    const history = [...atTable, countered('B-12-1', 'board', 'planning-time', 'U-12-1'), withdrawn('U-12-1', 'union', 'planning-time')];
    expect(stateAfter(history).articles['planning-time']).toEqual({ status: 'open' });
  });
  it('rejects an unknown proposal', () => void spec.given(atTable).when(withdraw('nope')).thenFails('UnknownProposal'));
  it('rejects withdrawal by the other side', () => void spec.given(atTable).when(withdraw('U-12-1', 'board')).thenFails('NotProposingSide'));
  it('rejects withdrawing twice', () => void spec.given([...atTable, withdrawn('U-12-1', 'union', 'planning-time')]).when(withdraw('U-12-1')).thenFails('ProposalNotLive'));
  it('rejects a withdrawal dated before the tabling', () => void spec.given(atTable).when({ type: 'WithdrawProposal', proposalId: 'U-12-1', side: 'union', ...at('2025-09-20') }).thenFails('WithdrawalBeforeTabling'));
  it('rejects withdrawing after settlement', () => void spec.given(settled).when(withdraw('U-12-1')).thenFails('CycleNotAtTable'));
  const pkgEvent: BargainingEvent = { type: 'PackageTabled', data: { packageId: 'BP-1', side: 'board', tabledBy: BOARD_CHIEF, items: [{ proposalId: 'B1', articleKey: 'salaries', text: 'x' }, { proposalId: 'B2', articleKey: 'planning-time', text: 'y' }], ...at('2025-10-10') } };
  it('rejects withdrawing one item of a package', () => void spec.given([...atTable, pkgEvent]).when(withdraw('B1', 'board')).thenFails('PackageItemsWithdrawTogether'));
  it('withdraws a whole package', () => {
    spec.given([...atTable, pkgEvent]).when({ type: 'WithdrawPackage', packageId: 'BP-1', side: 'board', ...at('2025-10-12') }).then([
      { type: 'PackageWithdrawn', data: { packageId: 'BP-1', side: 'board', proposalIds: ['B1', 'B2'], ...at('2025-10-12') } },
    ]);
  });
  it('rejects an unknown package, the other side, and a dead package', () => {
    spec.given(atTable).when({ type: 'WithdrawPackage', packageId: 'BP-1', side: 'board', ...at('2025-10-12') }).thenFails('UnknownPackage');
    spec.given([...atTable, pkgEvent]).when({ type: 'WithdrawPackage', packageId: 'BP-1', side: 'union', ...at('2025-10-12') }).thenFails('NotProposingSide');
    const gone: BargainingEvent = { type: 'PackageWithdrawn', data: { packageId: 'BP-1', side: 'board', proposalIds: ['B1', 'B2'], ...at('2025-10-12') } };
    spec.given([...atTable, pkgEvent, gone]).when({ type: 'WithdrawPackage', packageId: 'BP-1', side: 'board', ...at('2025-10-13') }).thenFails('PackageNotLive');
  });
});

describe('ReachTentativeAgreement', () => {
  it('records a TA initialled by both chief spokespersons and resolves the live proposals', () => {
    spec.given(atTable).when(taCommand('planning-time', '2025-11-13', { articleNumber: '13', basedOnProposalId: 'U-12-1' })).then([
      taReached('planning-time', '2025-11-13', { basedOnProposalId: 'U-12-1', articleNumber: '13' }),
    ]);
    const state = stateAfter([...atTable, taReached('planning-time', '2025-11-13')]);
    expect(state.proposals['U-12-1']?.status).toBe('resolved');
    expect(state.articles['planning-time']?.status).toBe('tentativelyAgreed');
  });
  it('rejects an article with nothing on the table', () => void spec.given(atTable).when(taCommand('schedules-workload')).thenFails('ArticleNotOnTable'));
  it('rejects a TA missing an initial', () => {
    const error = spec.given(atTable).when(taCommand('salaries', '2025-10-30', { initialedBy: { union: { name: UNION_CHIEF, on: '2025-10-30' } } })).thenFails('TaNeedsBothInitials');
    expect(error).toMatchObject({ field: 'initialedBy.board', rule: 'a TA is initialled and dated by both chief spokespersons' });
  });
  it('rejects an initial by someone other than the chief spokesperson', () => {
    spec.given(atTable).when(taCommand('salaries', '2025-10-30', { initialedBy: { union: { name: 'Someone Else', on: '2025-10-30' }, board: { name: BOARD_CHIEF, on: '2025-10-30' } } })).thenFails('NotChiefSpokesperson');
  });
  it('rejects an initial dated after the recorded TA date', () => {
    spec.given(atTable).when(taCommand('salaries', '2025-10-30', { initialedBy: { union: { name: UNION_CHIEF, on: '2025-10-31' }, board: { name: BOARD_CHIEF, on: '2025-10-30' } } })).thenFails('InitialOutsideCycle');
  });
  it('rejects a basis proposal on another article', () => void spec.given(atTable).when(taCommand('salaries', '2025-10-30', { basedOnProposalId: 'U-12-1' })).thenFails('UnknownProposal'));
  it('rejects a second TA on the same article', () => void spec.given(allAgreed).when(taCommand('salaries', '2025-11-20')).thenFails('ArticleAlreadyTentativelyAgreed'));
});

describe('RevokeTentativeAgreement', () => {
  const revoke = (revokedBy: 'union' | 'board' | 'both'): BargainingCommand => ({ type: 'RevokeTentativeAgreement', articleKey: 'salaries', revokedBy, reason: 'tied to insurance', ...at('2025-11-01') });
  const withTa = [...atTable, taReached('salaries')];
  it('lets either party revoke before settlement when the ground rules say so, reopening the article', () => {
    spec.given(withTa).when(revoke('board')).then([{ type: 'TentativeAgreementRevoked', data: { articleKey: 'salaries', revokedBy: 'board', reason: 'tied to insurance', ...at('2025-11-01') } }]);
    expect(stateAfter([...withTa, ...decided(withTa, revoke('board'))]).articles['salaries']).toEqual({ status: 'open' });
  });
  it('requires mutual agreement when the ground rules say so', () => {
    const mutual = [opened({ groundRules: { taRevocation: 'mutualAgreementOnly', impasseTimeline: { lastBestOffersWithinDays: 10, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 14 } } }), ...withTa.slice(1)];
    spec.given(mutual).when(revoke('union')).thenFails('TaRevocationNeedsMutualAgreement');
    expect(decided(mutual, revoke('both'))).toHaveLength(1);
  });
  it('rejects revocation when the ground rules forbid it', () => {
    const never = [opened({ groundRules: { taRevocation: 'never', impasseTimeline: { lastBestOffersWithinDays: 10, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 14 } } }), ...withTa.slice(1)];
    spec.given(never).when(revoke('both')).thenFails('TaRevocationNotAllowed');
  });
  it('rejects revoking an article without a TA', () => void spec.given(atTable).when(revoke('union')).thenFails('NoTentativeAgreement'));
  it('rejects revocation after tentative settlement', () => void spec.given(settled).when(revoke('both')).thenFails('CycleNotAtTable'));
});

describe('ReachTentativeSettlement', () => {
  const settle: BargainingCommand = { type: 'ReachTentativeSettlement', ...at('2025-12-04') };
  it('settles when every open article is TA’d or withdrawn, summing the costed TAs', () => {
    const history = [...allAgreed, tabled('U-17-1', 'union', 'schedules-workload'), withdrawn('U-17-1', 'union', 'schedules-workload', '2025-12-04')];
    spec.given(history).when(settle).then([
      { type: 'TentativeSettlementReached', data: { tentativelyAgreedArticleKeys: ['salaries', 'planning-time'], withdrawnArticleKeys: ['schedules-workload'], costedDeltaCents: 300_000, ...at('2025-12-04') } },
    ]);
  });
  it('rejects while an article is still open, listing it', () => {
    const error = spec.given([...atTable, taReached('salaries')]).when(settle).thenFails('OpenArticlesRemain');
    expect(error.details).toEqual({ openArticleKeys: ['planning-time'] });
  });
  it('rejects a settlement with nothing agreed', () => void spec.given([opened(), tabled('U', 'union', 'salaries'), withdrawn('U', 'union', 'salaries')]).when(settle).thenFails('NothingTentativelyAgreed'));
  it('rejects a settlement dated before the last TA', () => void spec.given(allAgreed).when({ type: 'ReachTentativeSettlement', ...at('2025-11-12') }).thenFails('SettlementBeforeLastTa'));
  it('rejects settling twice', () => void spec.given(settled).when(settle).thenFails('CycleNotAtTable'));
});

describe('impasse', () => {
  const declare: BargainingCommand = { type: 'DeclareImpasse', requestedBy: 'union', articleKeys: ['salaries', 'planning-time'], ...at('2026-02-10') };
  const determine = (articleKeys: string[], reached = true, occurredOn = '2026-03-02'): BargainingCommand => ({ type: 'RecordImpasseDetermination', reached, articleKeys, ...at(occurredOn) });
  it('declares impasse on open items', () => void spec.given(atTable).when(declare).then([impasseRequested[impasseRequested.length - 1] as BargainingEvent]));
  it('rejects a second request while one is pending', () => void spec.given(impasseRequested).when(declare).thenFails('ImpasseAlreadyDeclared'));
  it('rejects items not in dispute', () => {
    spec.given(atTable).when({ ...declare, articleKeys: ['schedules-workload'] }).thenFails('ImpasseItemNotInDispute');
    spec.given(atTable).when({ ...declare, articleKeys: [] }).thenFails('ImpasseItemNotInDispute');
  });
  it('rejects impasse after settlement', () => void spec.given(settled).when(declare).thenFails('CycleNotAtTable'));
  it('computes the COMAR dates from the determination (whole)', () => {
    spec.given(impasseRequested).when(determine(['salaries', 'planning-time'])).then([impasseDetermined[impasseDetermined.length - 1] as BargainingEvent]);
  });
  it('records a partial determination with negotiated limits', () => {
    const custom = [opened({ groundRules: { taRevocation: 'never', impasseTimeline: { lastBestOffersWithinDays: 10, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 45 } } }), ...impasseRequested.slice(1)];
    const [event] = decided(custom, determine(['salaries']));
    expect(event).toEqual({
      type: 'ImpasseDetermined',
      data: { outcome: 'part', articleKeys: ['salaries'], lastBestOffersDueOn: '2026-03-12', mediatorSelectionDueOn: '2026-03-07', mediationStartDueOn: '2026-04-16', ...at('2026-03-02') },
    });
  });
  it('records a finding of no impasse, after which impasse may be requested again', () => {
    spec.given(impasseRequested).when(determine([], false)).then([{ type: 'ImpasseNotFound', data: at('2026-03-02') }]);
    const history = [...impasseRequested, { type: 'ImpasseNotFound', data: at('2026-03-02') } as BargainingEvent];
    expect(decided(history, { ...declare, occurredOn: '2026-03-20' })).toHaveLength(1);
  });
  it('rejects a determination without a request', () => void spec.given(atTable).when(determine(['salaries'])).thenFails('NoImpasseRequest'));
  it('rejects, never throws on, a determination under a recorded limit too long to date', () => {
    const timeline = { lastBestOffersWithinDays: 9_007_199_254_740_991, mediatorSelectionWithinDays: 5, mediationStartWithinDays: 14 };
    const history = [opened({ groundRules: { taRevocation: 'never', impasseTimeline: timeline } }), ...impasseRequested.slice(1)];
    spec.given(history).when(determine(['salaries'])).thenFails('ImpasseTimelineOutOfRange');
  });
  it('rejects a second determination', () => void spec.given(impasseDetermined).when(determine(['salaries'])).thenFails('ImpasseAlreadyDetermined'));
  it('rejects a determination dated before the request', () => void spec.given(impasseRequested).when(determine(['salaries'], true, '2026-02-09')).thenFails('DeterminationBeforeRequest'));
  it('rejects items outside the request and inconsistent outcomes', () => {
    spec.given(impasseRequested).when(determine(['schedules-workload'])).thenFails('DeterminationOutsideRequest');
    spec.given(impasseRequested).when(determine([])).thenFails('DeterminationOutsideRequest');
    spec.given(impasseRequested).when(determine(['salaries'], false)).thenFails('DeterminationOutsideRequest');
  });

  const lbo = (side: 'union' | 'board', articleKeys: string[], occurredOn = '2026-03-10'): BargainingCommand => ({
    type: 'SubmitLastBestOffer',
    side,
    items: articleKeys.map((articleKey) => ({ articleKey, text: `${side} final on ${articleKey}` })),
    ...at(occurredOn),
  });
  it('accepts a last best offer listing every disputed item, flagged on time', () => {
    spec.given(impasseDetermined).when(lbo('board', ['salaries', 'planning-time'])).then([
      {
        type: 'LastBestOfferSubmitted',
        data: { side: 'board', items: [{ articleKey: 'salaries', text: 'board final on salaries' }, { articleKey: 'planning-time', text: 'board final on planning-time' }], dueOn: '2026-03-12', late: false, ...at('2026-03-10') },
      },
    ]);
  });
  it('records a late offer as late (the record is kept; lateness is a fact for the board)', () => {
    const [event] = decided(impasseDetermined, lbo('union', ['salaries', 'planning-time'], '2026-03-13'));
    expect(event?.type === 'LastBestOfferSubmitted' && event.data.late).toBe(true);
  });
  it('rejects an offer before impasse is determined', () => void spec.given(impasseRequested).when(lbo('board', ['salaries'])).thenFails('ImpasseNotDetermined'));
  it('rejects an offer dated before the determination', () => void spec.given(impasseDetermined).when(lbo('board', ['salaries', 'planning-time'], '2026-03-01')).thenFails('BeforeImpasseDetermination'));
  it('rejects a second offer from the same side', () => {
    const history = [...impasseDetermined, ...decided(impasseDetermined, lbo('board', ['salaries', 'planning-time']))];
    spec.given(history).when(lbo('board', ['salaries', 'planning-time'], '2026-03-11')).thenFails('LastBestOfferAlreadySubmitted');
  });
  it('rejects an offer that adds a new item', () => {
    const error = spec.given(impasseDetermined).when(lbo('union', ['salaries', 'planning-time', 'schedules-workload'])).thenFails('LastBestOfferAddsNewItem');
    expect(error.details).toEqual({ addedArticleKeys: ['schedules-workload'] });
  });
  it('rejects an offer that leaves out a disputed item or repeats one', () => {
    spec.given(impasseDetermined).when(lbo('union', ['salaries'])).thenFails('LastBestOfferIncomplete');
    spec.given(impasseDetermined).when(lbo('union', ['salaries', 'planning-time', 'salaries'])).thenFails('LastBestOfferIncomplete');
  });

  const select = (occurredOn = '2026-03-06'): BargainingCommand => ({ type: 'SelectMediator', mediator: 'J. Ortiz (FMCS)', method: 'alternateStrike', panelSource: 'FMCS list of 7', ...at(occurredOn) });
  const selected = (): BargainingEvent[] => [...impasseDetermined, ...decided(impasseDetermined, select())];
  it('selects a mediator by the due date', () => {
    spec.given(impasseDetermined).when(select()).then([
      { type: 'MediatorSelected', data: { mediator: 'J. Ortiz (FMCS)', method: 'alternateStrike', panelSource: 'FMCS list of 7', dueOn: '2026-03-07', late: false, ...at('2026-03-06') } },
    ]);
  });
  it('rejects a mediator before determination and a second selection', () => {
    spec.given(impasseRequested).when(select()).thenFails('ImpasseNotDetermined');
    spec.given(selected()).when(select('2026-03-07')).thenFails('MediatorAlreadySelected');
  });
  it('starts mediation, flagging a start after the due date', () => {
    spec.given(selected()).when({ type: 'StartMediation', ...at('2026-03-16') }).then([{ type: 'MediationStarted', data: { dueOn: '2026-03-16', late: false, ...at('2026-03-16') } }]);
    const [late] = decided(selected(), { type: 'StartMediation', ...at('2026-03-17') });
    expect(late?.type === 'MediationStarted' && late.data.late).toBe(true);
  });
  it('rejects mediation without a mediator, and starting twice', () => {
    spec.given(impasseDetermined).when({ type: 'StartMediation', ...at('2026-03-16') }).thenFails('MediatorNotSelected');
    const started = [...selected(), ...decided(selected(), { type: 'StartMediation', ...at('2026-03-16') })];
    spec.given(started).when({ type: 'StartMediation', ...at('2026-03-17') }).thenFails('MediationAlreadyStarted');
  });
  it('a settlement ends the impasse', () => {
    const history = [...impasseDetermined, taReached('salaries', '2026-03-20'), taReached('planning-time', '2026-03-20')];
    const after = stateAfter([...history, ...decided(history, { type: 'ReachTentativeSettlement', ...at('2026-03-21') })]);
    expect(after.impasse).toBeUndefined();
  });
});

describe('ratification and board approval', () => {
  const vote = (yes: number, no: number, occurredOn = '2025-12-18'): BargainingCommand => ({ type: 'RecordRatificationVote', yes, no, ...at(occurredOn) });
  it('ratifies on a majority of votes cast', () => void spec.given(settled).when(vote(4812, 301)).then([{ type: 'MembersRatifiedSettlement', data: { yes: 4812, no: 301, ...at('2025-12-18') } }]));
  it('a rejection (ties included) reopens every TA’d article and returns to the table', () => {
    spec.given(settled).when(vote(50, 50)).then([{ type: 'MembersRejectedSettlement', data: { yes: 50, no: 50, reopenedArticleKeys: ['salaries', 'planning-time'], ...at('2025-12-18') } }]);
    const after = stateAfter([...settled, ...decided(settled, vote(40, 60))]);
    expect(after.phase).toBe('bargaining');
    expect(after.articles).toEqual({ salaries: { status: 'open' }, 'planning-time': { status: 'open' } });
  });
  it('rejects a vote without a tentative settlement', () => void spec.given(allAgreed).when(vote(1, 0)).thenFails('NotTentativelySettled'));
  it('rejects impossible counts', () => {
    spec.given(settled).when(vote(0, 0)).thenFails('InvalidVoteCount');
    spec.given(settled).when(vote(-1, 3)).thenFails('InvalidVoteCount');
    spec.given(settled).when(vote(1.5, 0)).thenFails('InvalidVoteCount');
  });
  it('rejects a vote dated before the settlement', () => void spec.given(settled).when(vote(10, 1, '2025-12-03')).thenFails('VoteBeforeSettlement'));

  const approve = (contingentOnFunding: boolean, occurredOn = '2026-01-13'): BargainingCommand => ({ type: 'RecordBoardApproval', contingentOnFunding, ...at(occurredOn) });
  it('records board approval contingent on funding', () => {
    spec.given(ratified).when(approve(true)).then([{ type: 'BoardApprovedSettlement', data: { contingentOnFunding: true, ...at('2026-01-13') } }]);
    expect(stateAfter(awaitingFunding).phase).toBe('awaitingFunding');
  });
  it('rejects board approval before member ratification', () => {
    const error = spec.given(settled).when(approve(false)).thenFails('NotRatifiedByMembers');
    expect(error.rule).toBe('TA → member ratification → board approval');
  });
  it('rejects board approval dated before ratification', () => void spec.given(ratified).when(approve(false, '2025-12-17')).thenFails('ApprovalBeforeRatification'));
});

describe('funding and conclusion', () => {
  const fund = (fundedCents: number, occurredOn = '2026-05-21'): BargainingCommand => ({ type: 'RecordFundingDecision', fundingAuthority: 'County Council', fundedCents, ...at(occurredOn) });
  const conclude = (occurredOn = '2026-06-10'): BargainingCommand => ({ type: 'ConcludeCycle', resultingEdition: 'ecea-2024-2027-a1', effectiveOn: '2026-07-01', ...at(occurredOn) });
  it('records full funding', () => {
    spec.given(awaitingFunding).when(fund(300_000)).then([{ type: 'SettlementFunded', data: { fundingAuthority: 'County Council', fundedCents: 300_000, requiredCents: 300_000, ...at('2026-05-21') } }]);
  });
  it('records a shortfall and sends the costed TAs back to the table', () => {
    spec.given(awaitingFunding).when(fund(200_000)).then([shortfall[shortfall.length - 1] as BargainingEvent]);
    const state = stateAfter(shortfall);
    expect(state.phase).toBe('renegotiating');
    expect(state.articles['salaries']).toEqual({ status: 'open' });
    expect(state.articles['planning-time']?.status).toBe('tentativelyAgreed');
  });
  it('rejects a funding decision the board did not make contingent', () => {
    spec.given(ratified).when(fund(1)).thenFails('NotAwaitingFunding');
    spec.given([...ratified, { type: 'BoardApprovedSettlement', data: { contingentOnFunding: false, ...at('2026-01-13') } }]).when(fund(1)).thenFails('NotAwaitingFunding');
  });
  it('rejects a funding decision dated before board approval', () => void spec.given(awaitingFunding).when(fund(1, '2026-01-12')).thenFails('FundingBeforeApproval'));
  it('rejects malformed or negative money', () => {
    expect(spec.given(awaitingFunding).when(fund(1.5)).thenFails('InvalidCommand').field).toBe('fundedCents');
    spec.given(awaitingFunding).when(fund(-1)).thenFails('InvalidCommand');
  });

  it('concludes a non-contingent approval as an amendment of the base edition', () => {
    const history = [...ratified, { type: 'BoardApprovedSettlement', data: { contingentOnFunding: false, ...at('2026-01-13') } } as BargainingEvent];
    spec.given(history).when(conclude()).then([
      {
        type: 'CycleConcluded',
        data: {
          cycleId: 'fy27-reopener',
          unitId: 'ecea',
          kind: 'reopener',
          editionAction: 'amend',
          baseEdition: 'ecea-2024-2027',
          resultingEdition: 'ecea-2024-2027-a1',
          effectiveOn: '2026-07-01',
          articleChanges: [
            { articleKey: 'salaries', text: 'agreed salaries', tentativelyAgreedOn: '2025-10-30', costing: cost(300_000) },
            { articleKey: 'planning-time', text: 'agreed planning-time', tentativelyAgreedOn: '2025-11-13' },
          ],
          unchangedArticleKeys: [],
          ratification: { yes: 10, no: 2, on: '2025-12-18' },
          boardApprovedOn: '2026-01-13',
          funding: { status: 'notContingent' },
          ...at('2026-06-10'),
        },
      },
    ]);
  });
  it('concludes a funded settlement', () => {
    const history = [...awaitingFunding, ...decided(awaitingFunding, fund(400_000))];
    const [event] = decided(history, conclude());
    expect(event?.type === 'CycleConcluded' && event.data.funding).toEqual({ status: 'funded', fundingAuthority: 'County Council', fundedCents: 400_000, requiredCents: 300_000 });
  });
  it('concludes after renegotiation within the funded amount', () => {
    const history = [...shortfall, taReached('salaries', '2026-06-05', { costing: cost(200_000) })];
    const [event] = decided(history, conclude());
    expect(event?.type === 'CycleConcluded' && event.data.funding).toEqual({
      status: 'fundedAfterRenegotiation',
      fundingAuthority: 'County Council',
      fundedCents: 200_000,
      originalRequiredCents: 300_000,
      renegotiatedRequiredCents: 200_000,
    });
  });
  it('rejects conclusion before approval or while funding is pending', () => {
    spec.given(settled).when(conclude()).thenFails('CycleNotReadyToConclude');
    spec.given(awaitingFunding).when(conclude()).thenFails('CycleNotReadyToConclude');
  });
  it('rejects conclusion while a funded item is still being renegotiated', () => {
    const error = spec.given(shortfall).when(conclude()).thenFails('RenegotiationIncomplete');
    expect(error.details).toEqual({ pendingArticleKeys: ['salaries'] });
  });
  it('rejects a renegotiated TA that still costs more than was funded', () => {
    spec.given([...shortfall, taReached('salaries', '2026-06-05', { costing: cost(250_000) })]).when(conclude()).thenFails('RenegotiatedCostExceedsFunding');
  });
});

describe('ids that name Object.prototype members are ordinary ids', () => {
  const successor = [opened({ kind: 'successor', scope: { kind: 'all' } })];
  it('are new when first used', () => {
    spec.given(atTable).when(propose('constructor', 'union', 'schedules-workload')).then([tabled('constructor', 'union', 'schedules-workload')]);
    spec.given(atTable).when({ type: 'TablePackage', packageId: 'toString', side: 'board', tabledBy: BOARD_CHIEF, items: [{ proposalId: 'B1', articleKey: 'salaries', text: 'x' }, { proposalId: 'B2', articleKey: 'planning-time', text: 'y' }], ...at('2025-10-10') }).then([
      { type: 'PackageTabled', data: { packageId: 'toString', side: 'board', tabledBy: BOARD_CHIEF, items: [{ proposalId: 'B1', articleKey: 'salaries', text: 'x' }, { proposalId: 'B2', articleKey: 'planning-time', text: 'y' }], ...at('2025-10-10') } },
    ]);
  });
  it('are unknown until used', () => {
    const counter: BargainingCommand = { type: 'TableCounter', proposalId: 'B', side: 'board', articleKey: 'salaries', respondsTo: '__proto__', text: 't', tabledBy: BOARD_CHIEF, ...at('2025-10-02') };
    spec.given(atTable).when(counter).thenFails('UnknownProposal');
    spec.given(atTable).when({ type: 'WithdrawProposal', proposalId: 'hasOwnProperty', side: 'union', ...at('2025-10-12') }).thenFails('UnknownProposal');
    spec.given(atTable).when({ type: 'WithdrawPackage', packageId: '__proto__', side: 'board', ...at('2025-10-12') }).thenFails('UnknownPackage');
    spec.given(atTable).when({ type: 'WithdrawPackage', packageId: 'constructor', side: 'board', ...at('2025-10-12') }).thenFails('UnknownPackage');
  });
  it('work as article keys from tabling to a tentative agreement', () => {
    const history = [...successor, tabled('P1', 'union', '__proto__'), tabled('P2', 'union', 'constructor')];
    expect(Object.keys(stateAfter(history).articles)).toEqual(['__proto__', 'constructor']);
    spec.given(history).when(taCommand('__proto__', '2025-10-30')).then([taReached('__proto__', '2025-10-30')]);
    const withdrawnToo = [...history, withdrawn('P2', 'union', 'constructor')];
    expect(stateAfter(withdrawnToo).articles['constructor']).toEqual({ status: 'withdrawn' });
  });
});
