import { describe, it, expect } from '@jest/globals';
import * as fc from 'fast-check';
import { fold } from '@laborcase/core';
import { decidedHistory, foldIsIncremental, replayIsDeterministic } from '@laborcase/core/testkit';
import type { BargainingCommand } from './commands.js';
import { bargainingCycleDecider } from './decide/index.js';
import type { BargainingEvent } from './events.js';
import { actor, BOARD_CHIEF, taCommand, UNION_CHIEF } from './specHelpers.js';

const ARTICLES = ['salaries', 'planning-time', 'schedules-workload'] as const;
const IDS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'] as const;
const on = { occurredOn: '2025-10-01', actor };

const open: BargainingCommand = {
  type: 'OpenCycle',
  cycleId: 'prop',
  unitId: 'ecea',
  kind: 'reopener',
  agreementEdition: 'ecea-2024-2027',
  scope: { kind: 'articles', articleKeys: [...ARTICLES] },
  groundRules: { taRevocation: 'eitherPartyUntilSettlement' },
  chiefSpokespersons: { union: UNION_CHIEF, board: BOARD_CHIEF },
  ...on,
};

const side = fc.constantFrom('union' as const, 'board' as const);
const article = fc.constantFrom(...ARTICLES);
const id = fc.constantFrom(...IDS);

const tableCommand: fc.Arbitrary<BargainingCommand> = fc.record({ proposalId: id, side, articleKey: article }).map((c) => ({
  type: 'TableProposal',
  ...c,
  text: 'x',
  tabledBy: c.side === 'union' ? UNION_CHIEF : BOARD_CHIEF,
  ...on,
}));
const counterCommand: fc.Arbitrary<BargainingCommand> = fc.record({ proposalId: id, side, articleKey: article, respondsTo: id }).map((c) => ({
  type: 'TableCounter',
  ...c,
  text: 'y',
  tabledBy: c.side === 'union' ? UNION_CHIEF : BOARD_CHIEF,
  ...on,
}));
const withdrawCommand: fc.Arbitrary<BargainingCommand> = fc.record({ proposalId: id, side }).map((c) => ({ type: 'WithdrawProposal', ...c, ...on }));
const packageCommand: fc.Arbitrary<BargainingCommand> = fc
  .record({ packageId: fc.constantFrom('k0', 'k1'), side, a: id, b: id, keys: fc.shuffledSubarray([...ARTICLES], { minLength: 2, maxLength: 2 }) })
  .map((c) => ({
    type: 'TablePackage',
    packageId: c.packageId,
    side: c.side,
    tabledBy: 'x',
    items: [
      { proposalId: c.a, articleKey: c.keys[0] as string, text: 'a' },
      { proposalId: c.b, articleKey: c.keys[1] as string, text: 'b' },
    ],
    ...on,
  }));
const withdrawPackage: fc.Arbitrary<BargainingCommand> = fc.record({ packageId: fc.constantFrom('k0', 'k1'), side }).map((c) => ({ type: 'WithdrawPackage', ...c, ...on }));
const taCmd: fc.Arbitrary<BargainingCommand> = article.map((a) => taCommand(a, on.occurredOn));
const revoke: fc.Arbitrary<BargainingCommand> = fc.record({ articleKey: article, revokedBy: side }).map((c) => ({ type: 'RevokeTentativeAgreement', ...c, reason: 'r', ...on }));
const settle: BargainingCommand = { type: 'ReachTentativeSettlement', ...on };

const commands = fc
  .array(
    fc.oneof(
      { arbitrary: tableCommand, weight: 3 },
      { arbitrary: counterCommand, weight: 2 },
      { arbitrary: withdrawCommand, weight: 3 },
      { arbitrary: packageCommand, weight: 1 },
      { arbitrary: withdrawPackage, weight: 1 },
      { arbitrary: taCmd, weight: 3 },
      { arbitrary: revoke, weight: 1 },
      { arbitrary: fc.constant(settle), weight: 3 },
    ),
    { minLength: 15, maxLength: 40 },
  )
  .map((cs) => [open, ...cs]);

/** An independent reading of the history: which articles are still open at each point. */
class ArticleOracle {
  private readonly articles = new Map<string, { live: Set<string>; ta: boolean; revokedSinceTabling: boolean }>();
  private readonly articleOf = new Map<string, string>();

  private article(key: string) {
    let a = this.articles.get(key);
    if (a === undefined) this.articles.set(key, (a = { live: new Set(), ta: false, revokedSinceTabling: false }));
    return a;
  }

  private table(proposalId: string, key: string, supersedes: string | undefined) {
    const a = this.article(key);
    if (supersedes !== undefined) a.live.delete(supersedes);
    a.live.add(proposalId);
    a.revokedSinceTabling = false;
    this.articleOf.set(proposalId, key);
  }

  apply(event: BargainingEvent): void {
    switch (event.type) {
      case 'ProposalTabled':
      case 'CounterTabled':
        return this.table(event.data.proposalId, event.data.articleKey, event.data.supersedes);
      case 'PackageTabled':
        return event.data.items.forEach((i) => this.table(i.proposalId, i.articleKey, i.supersedes));
      case 'ProposalWithdrawn':
        this.article(event.data.articleKey).live.delete(event.data.proposalId);
        return;
      case 'PackageWithdrawn':
        event.data.proposalIds.forEach((pid) => this.article(this.articleOf.get(pid) ?? '').live.delete(pid));
        return;
      case 'TentativeAgreementReached': {
        const a = this.article(event.data.articleKey);
        a.ta = true;
        a.live.clear();
        return;
      }
      case 'TentativeAgreementRevoked': {
        const a = this.article(event.data.articleKey);
        a.ta = false;
        a.revokedSinceTabling = true;
        return;
      }
      default:
        return;
    }
  }

  openArticles(): string[] {
    return [...this.articles.entries()].filter(([, a]) => !a.ta && (a.live.size > 0 || a.revokedSinceTabling)).map(([k]) => k);
  }

  agreedCount(): number {
    return [...this.articles.values()].filter((a) => a.ta).length;
  }
}

describe('bargaining cycle properties', () => {
  it('any interleaving of proposals, counters, packages, withdrawals, TAs and revocations settles only when every open article is TA’d or withdrawn', () => {
    fc.assert(
      fc.property(decidedHistory(bargainingCycleDecider, commands), (events) => {
        const oracle = new ArticleOracle();
        for (const event of events) {
          if (event.type === 'TentativeSettlementReached') {
            expect(oracle.openArticles()).toEqual([]);
            expect(oracle.agreedCount()).toBeGreaterThan(0);
          }
          oracle.apply(event);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('and conversely: whenever nothing is open and something is TA’d, settlement is accepted', () => {
    fc.assert(
      fc.property(decidedHistory(bargainingCycleDecider, commands), (events) => {
        const oracle = new ArticleOracle();
        events.forEach((e) => oracle.apply(e));
        const state = fold(bargainingCycleDecider.evolve, bargainingCycleDecider.initialState, events);
        if (state.status !== 'open' || state.phase !== 'bargaining') return;
        const decision = bargainingCycleDecider.decide(settle, state);
        expect(decision._tag === 'Right').toBe(oracle.openArticles().length === 0 && oracle.agreedCount() > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('replay is deterministic and folding is incremental', () => {
    const history = decidedHistory(bargainingCycleDecider, commands);
    fc.assert(replayIsDeterministic(bargainingCycleDecider, history), { numRuns: 100 });
    fc.assert(foldIsIncremental(bargainingCycleDecider, history), { numRuns: 100 });
  });

  it('the generated histories do reach settlements (the first property is not vacuous)', () => {
    const settlements = fc
      .sample(decidedHistory(bargainingCycleDecider, commands), { numRuns: 300, seed: 42 })
      .filter((events) => events.some((e) => e.type === 'TentativeSettlementReached')).length;
    expect(settlements).toBeGreaterThan(10);
  });
});
