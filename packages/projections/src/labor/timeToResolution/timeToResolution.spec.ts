/**
 * Read model 2, time to resolution, on the ECPS history (domain.md §7), counted by hand on the SY2025-26 calendar
 * (v2, with the 1/27 snow day). Calendar days run from the filing date to the closing date; contract days are the
 * days the procedure counts after the filing date through the closing date (ECEA and ECAP: school days; ECSSU:
 * working days, which breaks do not interrupt but holidays do).
 *
 * - G-25-001 (ECEA Art. 12) filed Tue 10/21/2025, granted at Step 2 Fri 1/9/2026: 80 calendar days
 *   (10 + 30 + 31 + 9); 45 school days: Oct 22–31 8, Nov 20 weekdays − 11/11, 11/27, 11/28 = 17,
 *   Dec 23 weekdays − 8 of winter break = 15, Jan 1–9: 5 (1/1–1/2 break).
 * - G-26-004 (ECEA Art. 17) filed Tue 1/13, award sustained in part Thu 5/28 (arbitration): 135 calendar days
 *   (18 + 28 + 31 + 30 + 28); 85 school days: Jan 14–30 13 − 1/19, 1/23, 1/27 = 10, Feb 20 − 2/16–17 = 18,
 *   Mar 22 − 3/20, 3/30, 3/31 = 19, Apr 22 − 4/1–4/3 = 19, May 1–28 20 − 5/25 = 19.
 * - G-26-007 (ECEA Art. 16) filed Mon 1/12, deemed settled on the Step 1 answer Thu 2/19: 38 calendar days;
 *   23 school days: Jan 13–30 14 − 1/19, 1/23, 1/27 = 11, Feb 1–19 14 − 2/16–17 = 12.
 * - S-25-003 (ECSSU Art. 8) filed Wed 12/10, settled at Step 1 Thu 12/18: 8 calendar days, 6 working days.
 * - S-26-002 (ECSSU Art. 7) filed Thu 2/12, withdrawn at Step 2 Tue 3/10: 26 calendar days; 16 working days
 *   (18 weekdays Feb 13–Mar 10 − the 2/16 and 2/17 holidays).
 * - A-26-001 (ECAP Art. 8) filed Mon 3/16, denied at Step III Fri 5/8: 53 calendar days; 33 school days:
 *   Mar 17–31 11 − 3/20, 3/30, 3/31 = 8, Apr 19, May 1–8 6.
 * - G-26-011 is still open: not counted.
 *
 * By unit: ECEA 80, 135, 38 calendar days → median 80, p90 135; 45, 85, 23 school days → median 45, p90 85.
 * ECSSU 8, 26 → median 17, p90 26; 6, 16 → median 11, p90 16. ECAP 53 / 33. All six: calendar days 8, 26, 38, 53,
 * 80, 135 → median (38 + 53) / 2 = 45.5, p90 (rank ⌈5.4⌉ = 6) 135.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { projectionSpec } from '../../testkit/spec.js';
import { rebuildEqualsIncremental } from '../../testkit/properties.js';
import { ecpsLogs } from '../testing/ecpsArbitraries.js';
import { ecpsLog, recordedEcpsStore } from '../testing/ecpsLog.js';
import { asOfLastDateEqualsLive } from '../testing/reportChecks.js';
import { timeToResolutionProjection } from './projection.js';
import { timeToResolutionReport } from './report.js';
import { resolutionRows, type ResolutionTables } from './rows.js';
import { rowReadsOverEcps } from '../testing/rowReads.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');
const ecpsStore = (): Promise<EventStore> => recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));

describe('time to resolution (read model 2)', () => {
  it('given S-25-003 filed, when it is settled and closed, then its row holds the closure and 8 calendar days', async () => {
    const s25003 = ecpsLog().filter((e) => e.streamId === 'grievance-S-25-003');
    const model = await projectionSpec(timeToResolutionProjection, registry).given(s25003.slice(0, -1)).when(s25003.slice(-1)).model();
    expect(resolutionRows(model.tables as ResolutionTables)).toEqual([
      expect.objectContaining({
        grievance_id: 'S-25-003',
        filed_school_year: '2025-26',
        day_type: 'working',
        summer_day_type: null,
        calendar_id: 'calendar-ecps-2025-26',
        closed_on: '2025-12-18',
        outcome: 'settled',
        resolved_at: 'step-1',
        resolved_level: 1,
        calendar_days: 8,
      }),
    ]);
  });

  it('given the ECPS log, when it is projected, then no grievance event reads a row back (each fact is written by key)', async () => {
    // Only a snow day reads: the calendar's current version, to fold the change into it.
    expect(await rowReadsOverEcps(timeToResolutionProjection)).toEqual({ EmergencyClosureDeclared: 1 });
  });

  it('ECPS: each resolved case in calendar days and contract days', async () => {
    const report = await timeToResolutionReport({ eventStore: await ecpsStore(), registry, clock });
    expect(report.cases.map((c) => [c.grievanceId, c.resolvedAt, c.outcome, c.calendarDays, c.contractDays, c.contractDayType])).toEqual([
      ['S-25-003', 'step-1', 'settled', 8, 6, 'working'],
      ['G-25-001', 'step-2', 'granted', 80, 45, 'school/working'],
      ['G-26-007', 'step-1', 'settledOnLastAnswer', 38, 23, 'school/working'],
      ['S-26-002', 'step-2', 'withdrawn', 26, 16, 'working'],
      ['A-26-001', 'step-iii', 'denied', 53, 33, 'school/working'],
      ['G-26-004', 'arbitration', 'awardSustainedInPart', 135, 85, 'school/working'],
    ]);
  });

  it('ECPS: median and p90 by unit, by year of filing and overall; step at resolution; outcome mix', async () => {
    const report = await timeToResolutionReport({ eventStore: await ecpsStore(), registry, clock });
    expect(report.byUnit).toEqual([
      { unitId: 'ecap', count: 1, medianCalendarDays: 53, p90CalendarDays: 53, medianContractDays: 33, p90ContractDays: 33 },
      { unitId: 'ecea', count: 3, medianCalendarDays: 80, p90CalendarDays: 135, medianContractDays: 45, p90ContractDays: 85 },
      { unitId: 'ecssu', count: 2, medianCalendarDays: 17, p90CalendarDays: 26, medianContractDays: 11, p90ContractDays: 16 },
    ]);
    expect(report.overall).toEqual({ count: 6, medianCalendarDays: 45.5, p90CalendarDays: 135, medianContractDays: 28, p90ContractDays: 85 });
    expect(report.byYear).toEqual([{ filedSchoolYear: '2025-26', ...report.overall }]);
    expect(report.byArticle.map((r) => [r.unitId, r.articleKey, r.articleNumber, r.count, r.medianCalendarDays])).toEqual([
      ['ecap', 'discipline', '8', 1, 53],
      ['ecea', 'evaluations', '16', 1, 38],
      ['ecea', 'planning-time', '12', 1, 80],
      ['ecea', 'schedules-workload', '17', 1, 135],
      ['ecssu', 'hours-of-work', '7', 1, 26],
      ['ecssu', 'overtime', '8', 1, 8],
    ]);
    expect(report.byStep).toEqual([
      { unitId: 'ecap', resolvedAt: 'step-iii', resolvedLevel: 3, count: 1 },
      { unitId: 'ecea', resolvedAt: 'step-1', resolvedLevel: 1, count: 1 },
      { unitId: 'ecea', resolvedAt: 'step-2', resolvedLevel: 2, count: 1 },
      { unitId: 'ecea', resolvedAt: 'arbitration', resolvedLevel: 99, count: 1 },
      { unitId: 'ecssu', resolvedAt: 'step-1', resolvedLevel: 1, count: 1 },
      { unitId: 'ecssu', resolvedAt: 'step-2', resolvedLevel: 2, count: 1 },
    ]);
    expect(report.outcomeMix).toEqual([
      { outcome: 'awardSustainedInPart', count: 1, share: 0.1667 },
      { outcome: 'denied', count: 1, share: 0.1667 },
      { outcome: 'granted', count: 1, share: 0.1667 },
      { outcome: 'settled', count: 1, share: 0.1667 },
      { outcome: 'settledOnLastAnswer', count: 1, share: 0.1667 },
      { outcome: 'withdrawn', count: 1, share: 0.1667 },
    ]);
  });

  it('ECPS as of 2026-01-20: only S-25-003 and G-25-001 are resolved, and G-26-004 is not yet counted', async () => {
    const report = await timeToResolutionReport({ eventStore: await ecpsStore(), registry, clock, asOf: { effectiveOn: '2026-01-20' } });
    expect(report.cases.map((c) => c.grievanceId)).toEqual(['S-25-003', 'G-25-001']);
    expect(report.overall).toEqual({ count: 2, medianCalendarDays: 44, p90CalendarDays: 80, medianContractDays: 25.5, p90ContractDays: 45 });
  });

  it('as of the last event’s date equals the live model', async () => {
    await asOfLastDateEqualsLive(await ecpsStore(), registry, timeToResolutionProjection, timeToResolutionReport);
  });

  it('property: built incrementally equals rebuilt', async () => {
    await fc.assert(rebuildEqualsIncremental(timeToResolutionProjection, registry, ecpsLogs()), { numRuns: 25 });
  });
});
