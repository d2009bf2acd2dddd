/**
 * Arbitration over the ECPS fixture, figures worked by hand:
 * - seven grievances filed: ECEA G-25-001, G-26-004, G-26-007, G-26-011 (4); ECSSU S-25-003, S-26-002 (2);
 *   ECAP A-26-001 (1). ECEA and ECSSU procedures have an arbitration step, ECAP's (Steps I–III) has none:
 *   6 arbitrable.
 * - one demand: G-26-004, 2026-02-20 from Step 2, binding; arbitrator R. Delgado selected 3/12; hearing
 *   closed 5/01; award 2026-05-28 sustained in part.
 * - demand → award: 2026-02-20 → 05-28 = 8 (rest of Feb, 2026 is not a leap year) + 31 + 30 + 28 = 97 days.
 * - demand rate: ECEA 1/4 = 0.25; ECSSU 0/2 = 0; ECAP none arbitrable (null); all 1/6.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createDomainRegistry } from '@laborcase/domain';
import { anyBatchSplitGivesSameModel, prefixReplayChangesNothing, projectionSpec } from '../../testkit/index.js';
import { ecpsLog, projectEcps, specStamp } from '../testing/ecpsLog.js';
import type { Row } from '../../tables.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';
import { arbitrationProjection, arbitrationRows } from './projection.js';
import { arbitrationReport } from './report.js';

const registry = createDomainRegistry();
const filed = (grievance_id: string, unit_id: string, edition_id: string, filed_on: string, arbitrable: boolean) => ({
  stream_id: `grievance-${grievance_id}`,
  grievance_id,
  unit_id,
  edition_id,
  filed_on,
  arbitrable,
});

describe('arbitration read model (ECPS)', () => {
  it('given the ECPS log, then one row per grievance, G-26-004 carried to its award', async () => {
    const model = await projectionSpec(arbitrationProjection, registry).given(ecpsLog()).model();
    const columns = arbitrationProjection.tables.flatMap((table) => Object.keys(table.columns));
    const complete = (row: Row): Row => ({ ...Object.fromEntries(columns.map((column) => [column, null])), ...row });
    expect(arbitrationRows(model.tables as Parameters<typeof arbitrationRows>[0])).toEqual(
      [
          { ...filed('A-26-001', 'ecap', '2025-2028', '2026-03-16', false), closed_on: '2026-05-08', outcome: 'denied' },
          { ...filed('G-25-001', 'ecea', '2024-2027', '2025-10-21', true), closed_on: '2026-01-09', outcome: 'granted' },
          {
            ...filed('G-26-004', 'ecea', '2024-2027', '2026-01-13', true),
            demanded_on: '2026-02-20',
            from_step_id: 'step-2',
            binding: true,
            arbitrator: 'Arbitrator R. Delgado (AAA)',
            hearing_closed_on: '2026-05-01',
            award_on: '2026-05-28',
            award_decision: 'sustainedInPart',
            remedy: "2 hours' pay per affected teacher",
            closed_on: '2026-05-28',
            outcome: 'awardSustainedInPart',
          },
          { ...filed('G-26-007', 'ecea', '2024-2027', '2026-01-12', true), closed_on: '2026-02-19', outcome: 'settledOnLastAnswer' },
          filed('G-26-011', 'ecea', '2024-2027', '2026-05-20', true),
          { ...filed('S-25-003', 'ecssu', '2025-2028', '2025-12-10', true), closed_on: '2025-12-18', outcome: 'settled' },
          { ...filed('S-26-002', 'ecssu', '2025-2028', '2026-02-12', true), closed_on: '2026-03-10', outcome: 'withdrawn' },
      ].map(complete),
    );
  });

  it('given the ECPS log, when it is projected, then no handler reads a row back (each fact is written by key)', async () => {
    expect(await rowReadsOverEcps(arbitrationProjection)).toEqual({});
  });

  it('reports the demand rate, 97 days from demand to award and one award sustained in part', async () => {
    const { options, log } = await projectEcps(arbitrationProjection);
    const report = await arbitrationReport(options);
    const none = { sustained: 0, sustainedInPart: 0, denied: 0 };
    expect(report.byUnit.map((u) => [u.unitId, u.filed, u.arbitrable, u.demanded, u.demandRate])).toEqual([
      ['ecap', 1, 0, 0, null],
      ['ecea', 4, 4, 1, 0.25],
      ['ecssu', 2, 2, 0, 0],
    ]);
    expect(report.total).toEqual({
      unitId: null,
      filed: 7,
      arbitrable: 6,
      demanded: 1,
      demandRate: 1 / 6,
      awarded: 1,
      pending: 0,
      closedWithoutAward: 0,
      medianDaysDemandToAward: 97,
      awards: { ...none, sustainedInPart: 1 },
    });
    expect(report.cases).toEqual([
      {
        grievanceId: 'G-26-004',
        unitId: 'ecea',
        demandedOn: '2026-02-20',
        binding: true,
        arbitrator: 'Arbitrator R. Delgado (AAA)',
        hearingClosedOn: '2026-05-01',
        awardOn: '2026-05-28',
        decision: 'sustainedInPart',
        remedy: "2 hours' pay per affected teacher",
        daysDemandToAward: 97,
        outcome: 'awardSustainedInPart',
      },
    ]);
    expect(report.stamp).toEqual(specStamp(log));
  });

  it('before the award (log up to 2026-04-30) the demand is pending', async () => {
    const { options } = await projectEcps(arbitrationProjection, ecpsLog().filter((e) => (e.effectiveOn as string) <= '2026-04-30'));
    const { total } = await arbitrationReport(options);
    expect([total.demanded, total.pending, total.awarded, total.medianDaysDemandToAward]).toEqual([1, 1, 0, null]);
  });

  it('a correction of the award (recorded as denied, really sustained in part) is what the report shows', async () => {
    const log = ecpsLog();
    const award = log.findIndex((e) => e.type === 'ArbitrationAwardIssued');
    const recordedWrongly = log.map((e, i) => (i === award ? { ...e, data: { ...(e.data as object), decision: 'denied' } } : e));
    const correction = {
      streamId: 'grievance-G-26-004',
      type: 'EventCorrected',
      effectiveOn: '2026-06-01',
      data: { correctedEventId: log[award]?.eventId, reason: 'award misread', replacement: { type: 'ArbitrationAwardIssued', data: log[award]?.data } },
    };
    const before = await projectEcps(arbitrationProjection, recordedWrongly);
    expect((await arbitrationReport(before.options)).total.awards).toEqual({ sustained: 0, sustainedInPart: 0, denied: 1 });
    const after = await projectEcps(arbitrationProjection, [...recordedWrongly, correction]);
    expect((await arbitrationReport(after.options)).total.awards).toEqual({ sustained: 0, sustainedInPart: 1, denied: 0 });
  });

  it('rejects malformed options naming the field, and reads nothing', async () => {
    const { options } = await projectEcps(arbitrationProjection, []);
    await expect(arbitrationReport(undefined as never)).rejects.toMatchObject({ field: 'options' });
    await expect(arbitrationReport({ ...options, eventStore: undefined as never })).rejects.toMatchObject({ field: 'eventStore' });
    await expect(arbitrationReport({ ...options, store: 3 as never })).rejects.toMatchObject({ field: 'store' });
    await expect(arbitrationReport({ ...options, clock: undefined as never })).rejects.toMatchObject({ field: 'clock' });
    await expect(arbitrationReport({ ...options, clock: () => new Date(Number.NaN) })).rejects.toMatchObject({ field: 'clock' });
    await expect(arbitrationReport({ ...options, asOf: { effectiveOn: '2026-02-30' } })).rejects.toMatchObject({ field: 'effectiveOn' });
    await expect(arbitrationReport({ ...options, asOf: { knownAt: 'yesterday' } })).rejects.toMatchObject({ field: 'knownAt' });
  });

  it('any batch split and any replayed prefix of the ECPS log give the same model', async () => {
    const log = fc.constant(ecpsLog());
    await fc.assert(anyBatchSplitGivesSameModel(arbitrationProjection, registry, log), { numRuns: 15 });
    await fc.assert(prefixReplayChangesNothing(arbitrationProjection, registry, log), { numRuns: 15 });
  });
});
