/**
 * The board report from the real reports over the ECPS log (figures worked by hand in the read models' specs):
 * - open cases at the end of the log: G-26-011 alone, ECEA Art. 19 Assignments/Transfers;
 * - time to resolution by school year of filing: the six resolved grievances were all filed in SY2025-26,
 *   median (38 + 53) / 2 = 45.5 calendar days and 28 contract days;
 * - deadline compliance by party: met 1 / 1 / 11 / 15 (arbitrator, association, grievant, management), one
 *   grievant deadline missed (G-26-007's appeal) and one management answer missed;
 * - on 2026-01-31, open: G-26-007 (ECEA Art. 16 Evaluations) and G-26-004 (ECEA Art. 17 Schedules & Workload).
 */
import { describe, expect, it } from '@jest/globals';
import { createInMemoryReadModelStore } from '../memoryStore.js';
import { rebuildProjection } from '../rebuild.js';
import { boardReport } from './boardReport.js';
import { LABOR_READ_MODELS } from './readModels.js';
import { ECPS_BOARD_REPORT_TITLE, ecpsBoardReport } from './testing/boardReportSample.js';
import { ecpsReportOptions, logEventStore, specStamp, storedEcps } from './testing/ecpsLog.js';

describe('boardReport', () => {
  it('given the whole ECPS log, then every chart and table holds the figures of the real reports, stamped with the last event', async () => {
    const { stamp, input, html } = await ecpsBoardReport();
    expect(stamp).toEqual(specStamp(storedEcps().log));
    expect(input.title).toBe(ECPS_BOARD_REPORT_TITLE);
    expect(input.openCasesByArticle).toEqual([{ articleLabel: 'ECEA Art. 19 Assignments/Transfers', count: 1 }]);
    expect(input.resolutionTrend).toEqual([{ period: 'SY2025-26', medianCalendarDays: 45.5, medianContractDays: 28 }]);
    expect(input.complianceByParty).toEqual([
      { party: 'arbitrator', met: 1, missed: 0, extended: 0, tolled: 0 },
      { party: 'association', met: 1, missed: 0, extended: 0, tolled: 0 },
      { party: 'grievant', met: 11, missed: 1, extended: 0, tolled: 0 },
      { party: 'management', met: 15, missed: 1, extended: 0, tolled: 0 },
    ]);
    expect(input.bargaining.map((cycle) => [cycle.unitId, cycle.cycleId])).toEqual([
      ['ecea', 'fy27-reopener'],
      ['ecssu', 'fy27-successor'],
    ]);
    expect(input.arbitration?.at(-1)).toMatchObject({ unitId: null, filed: 7, arbitrable: 6, demanded: 1, medianDaysDemandToAward: 97 });
    expect(input.erFunnel?.map((s) => s.medianDaysFromPreviousStage)).toEqual([null, 2, 4, 36, 7, 6]);
    expect(html).toContain('ECEA Art. 19 Assignments/Transfers');
    expect(html).toContain('SY2025-26');
    expect(html).toContain(`<code>${stamp.position}</code>`);
  });

  it('given an as-of date, then every figure and the stamp are as of it', async () => {
    const { stamp, input } = await boardReport({ ...ecpsReportOptions(), asOf: { effectiveOn: '2026-01-31' }, title: 'January 2026' });
    expect(stamp.asEffectiveOn).toBe('2026-01-31');
    expect(input.openCasesByArticle).toEqual([
      { articleLabel: 'ECEA Art. 16 Evaluations', count: 1 },
      { articleLabel: 'ECEA Art. 17 Schedules & Workload', count: 1 },
    ]);
    expect(input.arbitration?.at(-1)).toMatchObject({ demanded: 0 });
  });

  it('given live read models at one position, then the report equals the one built from the log', async () => {
    const { registry, log } = storedEcps();
    const eventStore = logEventStore(log);
    const store = createInMemoryReadModelStore();
    for (const { projection } of LABOR_READ_MODELS) await rebuildProjection({ eventStore, registry, store, projection });
    const live = await boardReport({ ...ecpsReportOptions(), store, title: ECPS_BOARD_REPORT_TITLE });
    expect(live.html).toBe((await ecpsBoardReport()).html);
  });

  it('given live read models at different positions, then it refuses (field store) rather than mix two prefixes of the log', async () => {
    const { registry, log } = storedEcps();
    const store = createInMemoryReadModelStore();
    for (const [index, { projection }] of LABOR_READ_MODELS.entries()) {
      await rebuildProjection({ eventStore: logEventStore(index === 0 ? log.slice(0, -3) : log), registry, store, projection });
    }
    await expect(boardReport({ ...ecpsReportOptions(), store, title: 'Lagging' })).rejects.toMatchObject({ field: 'store' });
  });

  it('rejects malformed options naming the field', async () => {
    await expect(boardReport(undefined as never)).rejects.toMatchObject({ field: 'options' });
    await expect(boardReport({ ...ecpsReportOptions(), title: ' ' })).rejects.toMatchObject({ field: 'title' });
    await expect(boardReport({ ...ecpsReportOptions(), title: 'x', today: '2026-13-01' })).rejects.toMatchObject({ field: 'today' });
    await expect(boardReport({ ...ecpsReportOptions(), title: 'x', asOf: { effectiveOn: 'June' } })).rejects.toMatchObject({ field: 'effectiveOn' });
  });
});
