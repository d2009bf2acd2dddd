/**
 * LABOR_READ_MODELS: the eight read models in the order, each report taking the same options; over the
 * ECPS log every one, as of the log's last business date, equals its live model (rebuilt into memory).
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHOOL_DAYS, LABOR_READ_MODELS, type LaborReadModel } from './readModels.js';
import { upcomingDeadlinesReport } from './upcomingDeadlines/report.js';
import { asOfLastDateEqualsLive } from './testing/reportChecks.js';
import { ecpsReportOptions, logEventStore, storedEcps } from './testing/ecpsLog.js';

describe('LABOR_READ_MODELS', () => {
  it('lists the eight read models once each, in the issue order, each with its own projection', () => {
    expect(LABOR_READ_MODELS.map((m) => [m.number, m.name])).toEqual([
      [1, 'openCases'],
      [2, 'timeToResolution'],
      [3, 'deadlineCompliance'],
      [4, 'upcomingDeadlines'],
      [5, 'arbitration'],
      [6, 'recurringTopics'],
      [7, 'bargainingBoard'],
      [8, 'erFunnel'],
    ]);
    expect(new Set(LABOR_READ_MODELS.map((m) => m.projection.name)).size).toBe(8);
  });

  it.each(LABOR_READ_MODELS.map((m): [string, LaborReadModel] => [m.name, m]))('%s: as of the last business date of the ECPS log equals the live model', async (_name, model) => {
    const { registry, log } = storedEcps();
    await asOfLastDateEqualsLive(logEventStore(log), registry, model.projection, model.report);
  });

  it('upcoming deadlines default to the as-of date and two school weeks', async () => {
    const options = { ...ecpsReportOptions(), asOf: { effectiveOn: '2026-06-12' } };
    const listed = await LABOR_READ_MODELS[3].report(options);
    expect(listed).toEqual(await upcomingDeadlinesReport({ ...options, today: '2026-06-12', schoolDays: DEFAULT_SCHOOL_DAYS }));
  });

  it('a report from the list rejects malformed options naming the field', async () => {
    for (const model of LABOR_READ_MODELS) {
      await expect(model.report(undefined as never)).rejects.toMatchObject({ field: 'options' });
      await expect(model.report({ ...ecpsReportOptions(), clock: () => new Date(Number.NaN) })).rejects.toMatchObject({ field: 'clock' });
    }
    await expect(LABOR_READ_MODELS[3].report({ ...ecpsReportOptions(), today: '2026-06-31' })).rejects.toMatchObject({ field: 'today' });
  });
});
