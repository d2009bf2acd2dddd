/**
 * The bargaining board over the ECPS fixture, worked by hand from domain.md §7 and the fixture's costing
 * (FY26 ECEA salary base $740,000,000.00, step movement 1.5 %, compounded with the COLA):
 * - ECEA FY27 reopener, opened 2025-09-15 on edition 2024-2027 (Planning Time is still Art. 12 then; the
 *   renumbering to 13 takes effect 2026-07-01):
 *   Art. 12 Planning Time: union 250 min (9/25), board 235 min (10/16), TA 240 min on 11/13 → TA'd.
 *   Art. 17 Schedules & Workload: union proposal (10/02) withdrawn 12/04, no board position → withdrawn.
 *   Art. 20 Salaries: union 5 % + step = 740M × (1.05 × 1.015 − 1) = $48,655,000.00; board first 2 % + step, then
 *   (after the shortfall) 2.5 % + step = 740M × (1.025 × 1.015 − 1) = $29,877,500.00 on 5/28; TA 3.25 % on 10/30,
 *   reopened by the shortfall on 5/21, TA again at 2.5 % on 6/05 → TA'd, $29,877,500.00.
 *   Package: union $48,655,000.00, board $29,877,500.00, TA'd $29,877,500.00 (Art. 12 and 17 carry no costing).
 *   Milestones: settlement 12/04; ratified 12/18, 4,812–301; board approval 1/13/2026 contingent on funding;
 *   county funds $29,877,500.00 of $35,510,750.00 on 5/21 (shortfall $5,633,250.00); funded after
 *   renegotiation, concluded 6/05 into ecea-2024-2027-fy27.
 * - ECSSU FY27 successor, opened 2025-10-01 (labels of the 2025-2028 edition in force: 7 Hours of Work, 8 Overtime,
 *   9 Wages): all three countered on 11/05; impasse declared 2/09, determined in part 3/02 on wages and overtime
 *   (LBOs due 3/12, mediator by 3/07, mediation by 3/16); mediator selected 3/06; LBOs 3/11 (union) and 3/12
 *   (board) become each side's latest position on those two articles; mediation started 3/16.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createDomainRegistry } from '@laborcase/domain';
import { eceaFy27Reopener, replay } from '@laborcase/domain/fixtures/ecps';
import { anyBatchSplitGivesSameModel, prefixReplayChangesNothing, projectionSpec } from '../../testkit/index.js';
import { ecpsLog, projectEcps, specStamp } from '../testing/ecpsLog.js';
import { bargainingBoardProjection } from './projection.js';
import { bargainingBoardReport, type BargainingBoardRow } from './report.js';

const registry = createDomainRegistry();
const ECEA = 'bargaining-ecea-fy27-reopener';
const summary = (a: BargainingBoardRow) => [a.articleNumber, a.articleTitle, a.status, a.statusOn, a.atImpasse, a.union?.text ?? null, a.board?.text ?? null, a.tentativeAgreement?.text ?? null];

describe('bargaining board read model (ECPS)', () => {
  it('reports each ECEA article, its positions, costing, package totals and milestones', async () => {
    const { options, log } = await projectEcps(bargainingBoardProjection);
    const { cycles, stamp } = await bargainingBoardReport(options);
    expect(stamp).toEqual(specStamp(log));
    expect(cycles.map((c) => c.streamId)).toEqual([ECEA, 'bargaining-ecssu-fy27-successor']);
    const ecea = cycles[0]!;
    expect(ecea.articles.map(summary)).toEqual([
      ['12', 'Planning Time', 'tentativelyAgreed', '2025-11-13', false, 'Art. 12: 250 minutes of duty-free planning per week', 'Art. 12: 235 minutes, protected on early-release days', 'Planning Time: 240 minutes per week, protected on early-release days'],
      ['17', 'Schedules & Workload', 'withdrawn', '2025-12-04', false, 'Art. 17: cap on after-school meetings at two per month', null, null],
      ['20', 'Salaries', 'tentativelyAgreed', '2026-06-05', false, 'Art. 20: 5% COLA effective 2026-07-01 plus step', 'Art. 20: 2.5% COLA plus step, as funded', 'Art. 20: 2.5% COLA effective 2026-07-01 plus step (renegotiated under §6-407)'],
    ]);
    const salaries = ecea.articles[2]!;
    expect([salaries.union?.proposalId, salaries.union?.on, salaries.union?.costing?.delta]).toEqual(['ECEA-20-U1', '2025-09-25', 4_865_500_000]);
    expect([salaries.board?.proposalId, salaries.board?.on, salaries.board?.costing?.delta]).toEqual(['ECEA-20-B2', '2026-05-28', 2_987_750_000]);
    expect([salaries.tentativeAgreement?.on, salaries.tentativeAgreement?.costing?.delta]).toEqual(['2026-06-05', 2_987_750_000]);
    expect(ecea.articles[1]?.union?.withdrawn).toBe(true);
    expect(ecea.packageTotals).toEqual({ unionDeltaCents: 4_865_500_000, boardDeltaCents: 2_987_750_000, tentativelyAgreedDeltaCents: 2_987_750_000 });
    expect(ecea.milestones).toMatchObject({
      openedOn: '2025-09-15',
      impasseDeclaredOn: null,
      tentativeSettlementOn: '2025-12-04',
      vote: { on: '2025-12-18', yes: 4_812, no: 301, ratified: true },
      boardApprovedOn: '2026-01-13',
      contingentOnFunding: true,
      funding: { status: 'fundedAfterRenegotiation', on: '2026-06-05', fundedCents: 2_987_750_000, requiredCents: 2_987_750_000, shortfallCents: 563_325_000 },
      concludedOn: '2026-06-05',
      resultingEdition: 'ecea-2024-2027-fy27',
    });
  });

  it('reports the ECSSU impasse: dates, the articles at impasse and the last best offers as latest positions', async () => {
    const { options } = await projectEcps(bargainingBoardProjection);
    const ecssu = (await bargainingBoardReport(options)).cycles[1]!;
    expect(ecssu.articles.map(summary)).toEqual([
      ['7', 'Hours of Work', 'countered', '2025-11-05', false, 'guaranteed 8-hour shifts for building services', 'status quo', null],
      ['8', 'Overtime', 'countered', '2025-11-05', true, 'seniority rotation with supervisor override for emergencies', 'supervisor assignment, posted quarterly', null],
      ['9', 'Wages', 'countered', '2025-11-05', true, '$19.50 minimum wage and 3.5% COLA', '$18.00 minimum wage and 2.5% COLA', null],
    ]);
    expect(ecssu.articles[2]?.union).toEqual({ proposalId: null, text: '$19.50 minimum wage and 3.5% COLA', on: '2026-03-11', costing: null, withdrawn: false });
    expect(ecssu.packageTotals).toEqual({ unionDeltaCents: null, boardDeltaCents: null, tentativelyAgreedDeltaCents: null });
    expect(ecssu.milestones).toMatchObject({
      openedOn: '2025-10-01',
      impasseDeclaredOn: '2026-02-09',
      impasseDeterminedOn: '2026-03-02',
      impasseOutcome: 'part',
      lastBestOffersDueOn: '2026-03-12',
      mediatorSelectionDueOn: '2026-03-07',
      mediationStartDueOn: '2026-03-16',
      mediatorSelectedOn: '2026-03-06',
      unionLastBestOfferOn: '2026-03-11',
      boardLastBestOfferOn: '2026-03-12',
      mediationStartedOn: '2026-03-16',
      vote: null,
      funding: null,
      concludedOn: null,
    });
  });

  it('on 2026-05-21 the shortfall has reopened Art. 20: out of the TA total, the 3.25 % TA still shown', async () => {
    const { options } = await projectEcps(bargainingBoardProjection, ecpsLog().filter((e) => (e.effectiveOn as string) <= '2026-05-21'));
    const ecea = (await bargainingBoardReport(options)).cycles[0]!;
    const salaries = ecea.articles[2]!;
    expect([salaries.status, salaries.statusOn, salaries.tentativeAgreement?.text]).toEqual(['reopened', '2026-05-21', 'Art. 20: 3.25% COLA effective 2026-07-01 plus step']);
    expect(ecea.packageTotals).toEqual({ unionDeltaCents: 4_865_500_000, boardDeltaCents: 2_612_200_000, tentativelyAgreedDeltaCents: null });
    expect(ecea.milestones.funding).toEqual({ status: 'shortfall', on: '2026-05-21', fundedCents: 2_987_750_000, requiredCents: 3_551_075_000, shortfallCents: 563_325_000 });
  });

  it('when members reject the settlement, the articles they reopen are reopened until the next TA', async () => {
    const events = replay(eceaFy27Reopener).events;
    const settled = events.findIndex((e) => e.type === 'TentativeSettlementReached');
    const given = events.slice(0, settled + 1).map((e) => ({ streamId: ECEA, type: e.type, data: e.data }));
    const rejected = { streamId: ECEA, type: 'MembersRejectedSettlement', data: { yes: 2_001, no: 3_112, reopenedArticleKeys: ['salaries'], occurredOn: '2025-12-18', actor: 'ecps.labor-relations' } };
    const model = await projectionSpec(bargainingBoardProjection, registry).given(given).when([rejected]).model();
    const byKey = new Map(model.tables['articles']?.map((row) => [row['article_key'], row]));
    expect([byKey.get('salaries')?.['status'], byKey.get('salaries')?.['status_on']]).toEqual(['reopened', '2025-12-18']);
    expect(byKey.get('planning-time')?.['status']).toBe('tentativelyAgreed');
    expect(model.tables['cycles']?.[0]).toMatchObject({ votes_yes: 2_001, votes_no: 3_112, ratified: false });
    expect(model.deadLetters).toEqual([]);
  });

  it('any batch split and any replayed prefix of the ECPS log give the same model', async () => {
    const log = fc.constant(ecpsLog());
    await fc.assert(anyBatchSplitGivesSameModel(bargainingBoardProjection, registry, log), { numRuns: 15 });
    await fc.assert(prefixReplayChangesNothing(bargainingBoardProjection, registry, log), { numRuns: 15 });
  });
});
