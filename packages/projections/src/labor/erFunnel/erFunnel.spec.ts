/**
 * The employee-relations funnel over the ECPS fixture, worked by hand. ER-26-005 (misconduct allegation against an
 * ECAP assistant principal, named complainant): received 2026-01-20 → triaged 1/22 (2 days) → investigation opened
 * 1/26 (4 days) → findings 3/03 (Jan 26 → Feb 26 = 31, + 5 = 36 days): A1 substantiated, A2 unsubstantiated,
 * A3 inconclusive, so substantiated in part → written reprimand 3/10 (7 days) → the assistant principal (E-20931,
 * ECAP) files A-26-001 on 3/16 about the reprimand of 3/10 (6 days). One case, none anonymous: rate 0.
 * With a second, anonymous hotline case (received 2/02, triaged 2/06, investigated 2/10, unsubstantiated 3/02):
 * triage median (2 + 4) / 2 = 3, investigation 4, findings (36 + 20) / 2 = 28; anonymity 1/2.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createDomainRegistry } from '@laborcase/domain';
import type { LogEvent } from '../../testkit/log.js';
import { anyBatchSplitGivesSameModel, prefixReplayChangesNothing } from '../../testkit/index.js';
import { ecpsLog, projectEcps, specStamp } from '../testing/ecpsLog.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';
import { erFunnelProjection } from './projection.js';
import { erFunnelReport } from './report.js';

const registry = createDomainRegistry();
const actor = 'ecps.employee-relations';
const hotlineCase: LogEvent[] = [
  { type: 'ComplaintReceived', data: { caseId: 'ER-26-009', channel: 'hotline', anonymous: true, allegations: [{ allegationId: 'A1', summary: 'timesheets altered' }], occurredOn: '2026-02-02', actor } },
  { type: 'ComplaintTriaged', data: { route: 'investigation', reason: 'possible payroll fraud', occurredOn: '2026-02-06', actor } },
  { type: 'InvestigationOpened', data: { investigator: 'INV-Park', conflictCheck: { cleared: true, checkedOn: '2026-02-09', disclosures: [] }, occurredOn: '2026-02-10', actor } },
  { type: 'FindingsIssued', data: { findings: [{ allegationId: 'A1', finding: 'unsubstantiated' }], occurredOn: '2026-03-02', actor } },
].map((event) => ({ ...event, streamId: 'ercase-ER-26-009', effectiveOn: event.data.occurredOn }));

const stageTable = (report: Awaited<ReturnType<typeof erFunnelReport>>) => report.stages.map((s) => [s.stage, s.cases, s.shareOfReceived, s.medianDaysFromPreviousStage]);

describe('employee-relations funnel read model (ECPS)', () => {
  it('follows ER-26-005 from intake to the grievance of its reprimand', async () => {
    const { options, log } = await projectEcps(erFunnelProjection);
    const report = await erFunnelReport(options);
    expect(report.stamp).toEqual(specStamp(log));
    expect(stageTable(report)).toEqual([
      ['received', 1, 1, null],
      ['triaged', 1, 1, 2],
      ['investigated', 1, 1, 4],
      ['findings', 1, 1, 36],
      ['discipline', 1, 1, 7],
      ['grievanceFiled', 1, 1, 6],
    ]);
    expect(report.findingsByOutcome).toEqual({ substantiated: 0, substantiatedInPart: 1, unsubstantiated: 0, inconclusive: 0 });
    expect(report.allegationFindings).toEqual({ substantiated: 1, unsubstantiated: 1, inconclusive: 1 });
    expect(report.anonymity).toEqual({ received: 1, anonymous: 0, rate: 0 });
  });

  it('with an anonymous hotline case: medians over both, half the cases disciplined, anonymity 1/2', async () => {
    const { options } = await projectEcps(erFunnelProjection, [...ecpsLog(), ...hotlineCase]);
    const report = await erFunnelReport(options);
    expect(stageTable(report)).toEqual([
      ['received', 2, 1, null],
      ['triaged', 2, 1, 3],
      ['investigated', 2, 1, 4],
      ['findings', 2, 1, 28],
      ['discipline', 1, 0.5, 7],
      ['grievanceFiled', 1, 0.5, 6],
    ]);
    expect(report.findingsByOutcome).toEqual({ substantiated: 0, substantiatedInPart: 1, unsubstantiated: 1, inconclusive: 0 });
    expect(report.anonymity).toEqual({ received: 2, anonymous: 1, rate: 0.5 });
  });

  it('a grievance by the same employee about something before the discipline is not its grievance', async () => {
    const events = ecpsLog().map((event) =>
      event.type === 'GrievanceFiled' && event.streamId === 'grievance-A-26-001' ? { ...event, data: { ...(event.data as object), occurredOn: '2026-03-09' } } : event,
    );
    const { options } = await projectEcps(erFunnelProjection, events);
    const report = await erFunnelReport(options);
    expect(report.stages.at(-1)).toEqual({ stage: 'grievanceFiled', cases: 0, shareOfReceived: 0, medianDaysFromPreviousStage: null });
  });

  it('given the hotline case disciplined twice, when reported, then the first discipline is its stage', async () => {
    const discipline = (occurredOn: string, level: string) => ({
      streamId: 'ercase-ER-26-009',
      type: 'DisciplineImposed',
      effectiveOn: occurredOn,
      data: { disciplineId: `D-${occurredOn}`, level, employeeId: 'E-77', allegationIds: ['A1'], effectiveOn: occurredOn, occurredOn, actor },
    });
    const { options } = await projectEcps(erFunnelProjection, [...hotlineCase, discipline('2026-03-09', 'writtenReprimand'), discipline('2026-04-20', 'suspensionWithoutPay')]);
    const report = await erFunnelReport(options);
    expect(report.stages.find((s) => s.stage === 'discipline')).toEqual({ stage: 'discipline', cases: 1, shareOfReceived: 1, medianDaysFromPreviousStage: 7 });
  });

  it('given the ECPS log, when it is projected, then no handler reads a row back (each fact is written by key)', async () => {
    expect(await rowReadsOverEcps(erFunnelProjection)).toEqual({});
  });

  it('with no case at all, the rates are null, not zero', async () => {
    const { options } = await projectEcps(erFunnelProjection, []);
    const report = await erFunnelReport(options);
    expect(report.anonymity).toEqual({ received: 0, anonymous: 0, rate: null });
    expect(report.stages.every((s) => s.cases === 0 && s.shareOfReceived === null)).toBe(true);
  });

  it('any batch split and any replayed prefix of the ECPS log give the same model', async () => {
    const log = fc.constant([...ecpsLog(), ...hotlineCase]);
    await fc.assert(anyBatchSplitGivesSameModel(erFunnelProjection, registry, log), { numRuns: 15 });
    await fc.assert(prefixReplayChangesNothing(erFunnelProjection, registry, log), { numRuns: 15 });
  });
});
