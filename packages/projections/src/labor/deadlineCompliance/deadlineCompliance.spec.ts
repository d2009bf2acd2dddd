/**
 * Read model 3, deadline compliance, on the ECPS history (domain.md §7), counted by hand from the deadlines each
 * case scheduled (see the fixture's events):
 *
 * - grievant: filing met in all 7 cases; appeals met in G-25-001 (11/24, counted from the overdue answer's due
 *   date), S-26-002 and A-26-001 (two); missed in G-26-007 (due 2/18, deemed settled); open in G-26-011 (due 6/25).
 *   13 scheduled, 11 met, 1 missed, 1 open → on time 11/12 = 0.9167.
 * - management: G-25-001 3 met + the Step 1 answer missed (due 11/14); G-26-004 2 met; G-26-007 2; G-26-011 2;
 *   S-25-003's answer moot (settled first); S-26-002 Step 1 answer met, Step 2 answer moot (withdrawn);
 *   A-26-001 5 met. 18 scheduled, 15 met, 1 missed, 2 moot → 15/16 = 0.9375.
 * - association: G-26-004's arbitration notice, met; arbitrator: its award (due 5/31), met 5/28.
 * - management answers that fell due: 9 (G-25-001 two, G-26-004, G-26-007, G-26-011, S-26-002 Step 1,
 *   A-26-001 three), 1 overdue → 0.1111.
 * - resolved: 6, of which G-26-004 went to arbitration → 5 without a third party, 0.8333.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import type { Row } from '../../tables.js';
import { createDomainRegistry } from '@laborcase/domain';
import { projectionSpec } from '../../testkit/spec.js';
import { rebuildEqualsIncremental } from '../../testkit/properties.js';
import { ecpsLogs } from '../testing/ecpsArbitraries.js';
import { ecpsLog, recordedEcpsStore } from '../testing/ecpsLog.js';
import { asOfLastDateEqualsLive } from '../testing/reportChecks.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';
import { deadlineComplianceProjection } from './projection.js';
import { deadlineComplianceReport } from './report.js';
import { complianceRows, type ComplianceTables } from './rows.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');
const ecpsStore = (): Promise<EventStore> => recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));
const APPEAL = 'G-26-011/step-1/appeal';
/** The deadline's row as the report counts it, joined from the model's tables. */
const deadlineRow = (tables: { readonly [table: string]: readonly Row[] }, deadlineId: string): Row | undefined =>
  complianceRows(tables as ComplianceTables).deadlines.find((r) => r['deadline_id'] === deadlineId);
const appealRow = { deadline_id: APPEAL, grievance_id: 'G-26-011', stream_id: 'grievance-G-26-011', unit_id: 'ecea', step_id: 'step-1', kind: 'appeal', party: 'grievant' };

describe('deadline compliance (read model 3)', () => {
  const g26011 = ecpsLog().filter((e) => e.streamId === 'grievance-G-26-011');

  it('given G-26-011 waiting on its appeal, when the parties extend it in writing, then it is open, extended, due on the agreed date', async () => {
    const extension = { streamId: 'grievance-G-26-011', type: 'DeadlineExtended', effectiveOn: '2026-06-22', data: { deadlineId: APPEAL, previousDueOn: '2026-06-25', newDueOn: '2026-07-10', agreedOn: '2026-06-22', signedBy: { association: 'ECEA grievance chair', management: 'Director of labor relations' } } };
    const model = await projectionSpec(deadlineComplianceProjection, registry).given(g26011).when([extension]).model();
    expect(deadlineRow(model.tables, APPEAL)).toEqual({ ...appealRow, due_on: '2026-07-10', status: 'open', met_on: null, extended: true, tolled: false });
  });

  it('given G-26-011 waiting on its appeal, when it is placed in abeyance and the appeal tolled, then the deadline is tolled; closing makes it moot', async () => {
    const abeyance = [
      { streamId: 'grievance-G-26-011', type: 'GrievancePlacedInAbeyance', effectiveOn: '2026-06-15', data: { placedOn: '2026-06-15', reason: 'Parallel EEOC charge' } },
      { streamId: 'grievance-G-26-011', type: 'DeadlineTolled', effectiveOn: '2026-06-15', data: { deadlineId: APPEAL, tolledOn: '2026-06-15', dueOn: '2026-06-25' } },
    ];
    const tolled = { ...appealRow, due_on: '2026-06-25', status: 'tolled', met_on: null, extended: false, tolled: true };
    const scenario = projectionSpec(deadlineComplianceProjection, registry).given(g26011).when(abeyance);
    expect(deadlineRow((await scenario.model()).tables, APPEAL)).toEqual(tolled);
    const withdrawn = [
      { streamId: 'grievance-G-26-011', type: 'GrievanceWithdrawn', effectiveOn: '2026-06-30', data: { withdrawnOn: '2026-06-30', reason: 'Transfer rescinded' } },
      { streamId: 'grievance-G-26-011', type: 'GrievanceClosed', effectiveOn: '2026-06-30', data: { closedOn: '2026-06-30', outcome: 'withdrawn', resolvedAt: 'step-1' } },
    ];
    expect(deadlineRow((await scenario.when(withdrawn).model()).tables, APPEAL)).toEqual({ ...tolled, status: 'moot' });
  });

  it('given the ECPS log, when it is projected, then no handler reads a row back (each fact is written by key)', async () => {
    expect(await rowReadsOverEcps(deadlineComplianceProjection)).toEqual({});
  });

  it('ECPS: met, missed, open and moot deadlines by party', async () => {
    const report = await deadlineComplianceReport({ eventStore: await ecpsStore(), registry, clock });
    const none = { tolled: 0, extended: 0, everTolled: 0 };
    expect(report.byParty).toEqual([
      { party: 'arbitrator', scheduled: 1, met: 1, missed: 0, open: 0, moot: 0, ...none, onTimeRate: 1 },
      { party: 'association', scheduled: 1, met: 1, missed: 0, open: 0, moot: 0, ...none, onTimeRate: 1 },
      { party: 'grievant', scheduled: 13, met: 11, missed: 1, open: 1, moot: 0, ...none, onTimeRate: 0.9167 },
      { party: 'management', scheduled: 18, met: 15, missed: 1, open: 0, moot: 2, ...none, onTimeRate: 0.9375 },
    ]);
  });

  it('ECPS: by unit and by step, the answer-overdue rate and the share resolved without a third party', async () => {
    const report = await deadlineComplianceReport({ eventStore: await ecpsStore(), registry, clock });
    expect(report.byUnit.filter((r) => r.party === 'management').map((r) => [r.unitId, r.met, r.missed, r.moot])).toEqual([
      ['ecap', 5, 0, 0],
      ['ecea', 9, 1, 0],
      ['ecssu', 1, 0, 2],
    ]);
    expect(report.byUnit.filter((r) => r.party === 'grievant').map((r) => [r.unitId, r.met, r.missed, r.open])).toEqual([
      ['ecap', 3, 0, 0],
      ['ecea', 5, 1, 1],
      ['ecssu', 3, 0, 0],
    ]);
    expect(report.byStep.filter((r) => r.unitId === 'ecea' && r.party === 'management').map((r) => [r.stepId, r.met, r.missed])).toEqual([
      ['step-1', 5, 1],
      ['step-2', 4, 0],
    ]);
    expect(report.answerOverdue).toEqual([
      { unitId: null, answersDue: 9, answersOverdue: 1, overdueRate: 0.1111 },
      { unitId: 'ecap', answersDue: 3, answersOverdue: 0, overdueRate: 0 },
      { unitId: 'ecea', answersDue: 5, answersOverdue: 1, overdueRate: 0.2 },
      { unitId: 'ecssu', answersDue: 1, answersOverdue: 0, overdueRate: 0 },
    ]);
    expect(report.withoutThirdParty).toEqual([
      { unitId: null, resolved: 6, withoutThirdParty: 5, share: 0.8333 },
      { unitId: 'ecap', resolved: 1, withoutThirdParty: 1, share: 1 },
      { unitId: 'ecea', resolved: 3, withoutThirdParty: 2, share: 0.6667 },
      { unitId: 'ecssu', resolved: 2, withoutThirdParty: 2, share: 1 },
    ]);
  });

  it('ECPS as of 2025-11-20: G-25-001’s Step 1 answer was missed (due 11/14), its appeal still open', async () => {
    const report = await deadlineComplianceReport({ eventStore: await ecpsStore(), registry, clock, asOf: { effectiveOn: '2025-11-20' } });
    expect(report.byParty.map((r) => [r.party, r.met, r.missed, r.open])).toEqual([
      ['grievant', 1, 0, 1],
      ['management', 1, 1, 0],
    ]);
    expect(report.answerOverdue[0]).toEqual({ unitId: null, answersDue: 1, answersOverdue: 1, overdueRate: 1 });
  });

  it('as of the last event’s date equals the live model', async () => {
    await asOfLastDateEqualsLive(await ecpsStore(), registry, deadlineComplianceProjection, deadlineComplianceReport);
  });

  it('property: built incrementally equals rebuilt', async () => {
    await fc.assert(rebuildEqualsIncremental(deadlineComplianceProjection, registry, ecpsLogs()), { numRuns: 25 });
  });
});
