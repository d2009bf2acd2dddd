/**
 * Read model 1, open cases, on the ECPS history (domain.md §7), figures worked by hand from the fixture dates:
 *
 * - 2025-12-15: G-25-001 (ECEA Art. 12 Planning Time, Northwood ES) was appealed to Step 2 on 11/24 and waits on
 *   the superintendent's designee; S-25-003 (ECSSU Art. 8 Overtime) was filed at Step 1 on 12/10. 2 open.
 * - 2026-01-31: G-25-001 closed 1/9 (granted at Step 2), S-25-003 settled 12/18; open are G-26-004 (ECEA Art. 17,
 *   class of 41 at Step 2, three high schools) and G-26-007 (ECEA Art. 16, individual at Step 1, no school). 2 open.
 * - 2026-03-20: G-26-007 was deemed settled 2/19, S-26-002 withdrawn 3/10; open are G-26-004 (at arbitration since
 *   2/20) and A-26-001 (ECAP Art. 8 Discipline, Step I since 3/16). 2 open.
 * - the whole log: only G-26-011 (ECEA Art. 19, Step 1 denied 6/10, appeal due 6/25 and not yet lapsed). 1 open.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { ANY, type EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { evolveGrievance, initialGrievanceState, type GrievanceEvent, type GrievanceState } from '@laborcase/domain/grievance';
import { projectionSpec } from '../../testkit/spec.js';
import { rebuildEqualsIncremental } from '../../testkit/properties.js';
import { ecpsLogs } from '../testing/ecpsArbitraries.js';
import { ecpsHistory, ecpsLog, recordedEcpsStore } from '../testing/ecpsLog.js';
import { asOfLastDateEqualsLive } from '../testing/reportChecks.js';
import { openCasesProjection } from './projection.js';
import { openCasesReport, summariseOpenCases } from './report.js';
import { openCaseRows, type OpenCasesTables } from './rows.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');

const ecpsStore = (): Promise<EventStore> => recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));

const asOf = async (eventStore: EventStore, effectiveOn?: string) =>
  openCasesReport({ eventStore, registry, clock, ...(effectiveOn === undefined ? {} : { asOf: { effectiveOn } }) });

describe('open cases (read model 1)', () => {
  it('given G-26-004 filed at Step 2, when arbitration is demanded, then the case sits at arbitration before the arbitrator', async () => {
    const g26004 = ecpsLog().filter((e) => e.streamId === 'grievance-G-26-004');
    const demand = g26004.findIndex((e) => e.type === 'ArbitrationDemanded');
    const model = await projectionSpec(openCasesProjection, registry)
      .given(g26004.slice(0, demand))
      .when(g26004.slice(demand, demand + 1))
      .model();
    const { cases, schools } = openCaseRows(model.tables as OpenCasesTables);
    expect(cases).toEqual([
      expect.objectContaining({ grievance_id: 'G-26-004', status: 'open', stage: 'arbitration', step_id: 'arbitration', step_level: 99, hearer: 'arbitrator', grievant_kind: 'class' }),
    ]);
    expect(schools).toEqual(['eastfield-hs', 'river-hs', 'summit-hs'].map((school_id) => ({ grievance_id: 'G-26-004', school_id, stream_id: 'grievance-G-26-004' })));
  });

  it('given the ECPS log, when it is projected, then no grievance event reads a row back (each fact is written by key)', async () => {
    // Only the FY27 reopener's renumbering reads: the edition's registration, for its unit.
    expect(await rowReadsOverEcps(openCasesProjection)).toEqual({ ArticleRenumbered: 2 });
  });

  it('given a filed grievance, when it closes, then its rows are gone', async () => {
    const g25001 = ecpsLog().filter((e) => e.streamId === 'grievance-G-25-001');
    await projectionSpec(openCasesProjection, registry).given(g25001.slice(0, -1)).when(g25001.slice(-1)).then({ cases: [], positions: [], abeyances: [] });
  });

  it('given the ECEA edition and its FY27 renumbering, G-25-001 open at Step 2: Art. 12 Planning Time until 2026-06-30, Art. 13 from 2026-07-01', async () => {
    const events = ecpsLog();
    const g25001 = events.filter((e) => e.streamId === 'grievance-G-25-001');
    const agreement = events.filter((e) => e.streamId === 'agreement-ecea-2024-2027');
    const model = await projectionSpec(openCasesProjection, registry).given(agreement).when(g25001.slice(0, -1)).model();
    const tables = model.tables as OpenCasesTables;
    expect(tables.articles.filter((r) => r['article_key'] === 'planning-time').map((r) => [r['effective_from'], r['number'], r['title']])).toEqual([
      ['2024-07-01', '12', 'Planning Time'],
      ['2026-07-01', '13', null],
    ]);
    const { cases, schools } = openCaseRows(tables);
    const numberOn = (date: string | null) => summariseOpenCases(cases, schools, tables.articles, date).byArticle.map((r) => [r.articleNumber, r.articleTitle]);
    expect(numberOn('2026-06-30')).toEqual([['12', 'Planning Time']]);
    expect(numberOn('2026-07-01')).toEqual([['13', 'Planning Time']]);
    expect(numberOn(null)).toEqual([['12', 'Planning Time']]);
  });

  it('ECPS on 2025-12-15: G-25-001 at Step 2 (ECEA Art. 12) and S-25-003 at Step 1 (ECSSU Art. 8)', async () => {
    const report = await asOf(await ecpsStore(), '2025-12-15');
    expect(report.openGrievances).toBe(2);
    expect(report.byArticle).toEqual([
      { unitId: 'ecea', editionId: '2024-2027', articleKey: 'planning-time', articleNumber: '12', articleTitle: 'Planning Time', open: 1, inAbeyance: 0 },
      { unitId: 'ecssu', editionId: '2025-2028', articleKey: 'overtime', articleNumber: '8', articleTitle: 'Overtime', open: 1, inAbeyance: 0 },
    ]);
    expect(report.byStep.map((r) => [r.unitId, r.stepId, r.open])).toEqual([
      ['ecea', 'step-2', 1],
      ['ecssu', 'step-1', 1],
    ]);
    expect(report.bySchool).toEqual([
      { schoolId: 'northwood-es', open: 1 },
      { schoolId: null, open: 1 },
    ]);
  });

  it('ECPS on 2026-01-31: the class grievance G-26-004 at Step 2 in three schools and G-26-007 at Step 1', async () => {
    const report = await asOf(await ecpsStore(), '2026-01-31');
    expect(report.openGrievances).toBe(2);
    expect(report.byArticle.map((r) => [r.articleKey, r.articleNumber, r.articleTitle, r.open])).toEqual([
      ['evaluations', '16', 'Evaluations', 1],
      ['schedules-workload', '17', 'Schedules & Workload', 1],
    ]);
    expect(report.byUnit).toEqual([{ unitId: 'ecea', open: 2, inAbeyance: 0 }]);
    expect(report.byGrievantKind).toEqual([
      { grievantKind: 'class', open: 1 },
      { grievantKind: 'individual', open: 1 },
    ]);
    expect(report.bySchool).toEqual([
      { schoolId: 'eastfield-hs', open: 1 },
      { schoolId: 'river-hs', open: 1 },
      { schoolId: 'summit-hs', open: 1 },
      { schoolId: null, open: 1 },
    ]);
    expect(report.byStep).toEqual([
      { unitId: 'ecea', stepId: 'step-1', level: 1, hearer: 'principal', open: 1 },
      { unitId: 'ecea', stepId: 'step-2', level: 2, hearer: "superintendent's designee", open: 1 },
    ]);
  });

  it('ECPS on 2026-03-20: G-26-004 at arbitration, A-26-001 at ECAP Step I', async () => {
    const report = await asOf(await ecpsStore(), '2026-03-20');
    expect(report.cases.map((c) => [c.grievanceId, c.stepId, c.hearer])).toEqual([
      ['A-26-001', 'step-i', 'immediate supervisor'],
      ['G-26-004', 'arbitration', 'arbitrator'],
    ]);
    expect(report.byArticle.map((r) => [r.unitId, r.articleKey, r.articleNumber, r.open])).toEqual([
      ['ecap', 'discipline', '8', 1],
      ['ecea', 'schedules-workload', '17', 1],
    ]);
  });

  it('ECPS, the whole log: only G-26-011 is open, stamped with the last event of the log', async () => {
    const eventStore = await ecpsStore();
    const report = await asOf(eventStore);
    expect(report.cases.map((c) => [c.grievanceId, c.articleNumber, c.articleTitle, c.stepId])).toEqual([['G-26-011', '19', 'Assignments/Transfers', 'step-1']]);
    const events = [];
    for await (const e of eventStore.readAll()) events.push(e);
    expect(report.stamp).toEqual({ position: events.at(-1)?.globalPosition, headHash: events.at(-1)?.hash, asEffectiveOn: null, asKnownAt: null, generatedAt: '2026-07-01T08:00:00.000Z' });
  });

  it('both axes: a correction recorded on 7/1 moves G-26-011 to Art. 18 Staffing for reports known after it, whatever their business date', async () => {
    let correctionRecordedAt: Date | undefined;
    const eventStore = await recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: () => correctionRecordedAt ?? storeClock() }));
    const filed = ecpsHistory().find((e) => e.streamId === 'grievance-G-26-011' && e.event.type === 'GrievanceFiled')!.event;
    correctionRecordedAt = new Date('2026-07-01T15:00:00.000Z');
    await eventStore.append(
      'grievance-G-26-011',
      [
        {
          eventId: '00000000-0000-4000-8000-00000000c0de',
          type: 'EventCorrected',
          data: { correctedEventId: filed.eventId, reason: 'The transfer grievance cites the staffing article', replacement: { type: 'GrievanceFiled', data: { ...(filed.data as object), articles: [{ key: 'staffing', number: '18', title: 'Staffing' }] } } },
          metadata: { provenance: { actorId: 'ecps.labor-relations', role: 'labor-relations' }, correlationId: 'fix', causationId: 'fix', effectiveOn: '2026-07-01' },
        },
      ],
      { expectedVersion: ANY },
    );
    const articleOf = async (asOf: { effectiveOn?: string; knownAt?: string }) => (await openCasesReport({ eventStore, registry, clock, asOf })).byArticle.map((r) => [r.articleKey, r.articleNumber, r.articleTitle]);
    expect(await articleOf({ knownAt: '2026-06-30T23:59:59.999Z' })).toEqual([['assignments-transfers', '19', 'Assignments/Transfers']]);
    expect(await articleOf({ knownAt: '2026-07-01T15:00:00.000Z' })).toEqual([['staffing', '18', 'Staffing']]);
    expect(await articleOf({ effectiveOn: '2026-06-30' })).toEqual([['staffing', '18', 'Staffing']]);
    const both = await openCasesReport({ eventStore, registry, clock, asOf: { effectiveOn: '2026-06-30', knownAt: '2026-06-30T23:59:59.999Z' } });
    expect(both.byArticle.map((r) => r.articleKey)).toEqual(['assignments-transfers']);
    expect(both.stamp).toMatchObject({ asEffectiveOn: '2026-06-30', asKnownAt: '2026-06-30T23:59:59.999Z' });
  });

  it('as of the last event’s date equals the live model', async () => {
    const lastDate = ecpsHistory().at(-1)!.event.metadata.effectiveOn;
    // The live report is given the same date for its article numbers (as of a date, that date is used).
    await asOfLastDateEqualsLive(await ecpsStore(), registry, openCasesProjection, (options) => openCasesReport({ ...options, today: lastDate }));
  });

  it('property: built incrementally equals rebuilt', async () => {
    await fc.assert(rebuildEqualsIncremental(openCasesProjection, registry, ecpsLogs()), { numRuns: 25 });
  });

  it('property: on any date, the open cases summed over articles equal the grievances not closed that day', async () => {
    const eventStore = await ecpsStore();
    const log = ecpsHistory();
    const dates = fc.constantFrom(...new Set(log.map((e) => e.event.metadata.effectiveOn)));
    await fc.assert(
      fc.asyncProperty(dates, async (date) => {
        const states = new Map<string, GrievanceState>();
        for (const { streamId, event } of log) {
          if (!streamId.startsWith('grievance-') || event.metadata.effectiveOn > date) continue;
          states.set(streamId, evolveGrievance(states.get(streamId) ?? initialGrievanceState, { type: event.type, data: event.data } as GrievanceEvent));
        }
        const open = [...states.values()].filter((s) => s.status === 'open' || s.status === 'inAbeyance').length;
        const report = await asOf(eventStore, date);
        expect(report.byArticle.reduce((sum, r) => sum + r.open, 0)).toBe(open);
        expect(report.openGrievances).toBe(open);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses a malformed request, naming the field', async () => {
    const eventStore = await ecpsStore();
    await expect(openCasesReport({ eventStore, registry, clock, asOf: { effectiveOn: '2026-02-30' } })).rejects.toMatchObject({ field: 'effectiveOn' });
    await expect(openCasesReport({ eventStore, registry } as never)).rejects.toMatchObject({ field: 'clock' });
  });
});
