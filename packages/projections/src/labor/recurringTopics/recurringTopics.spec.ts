/**
 * Read model 6, recurring topics, on the ECPS history (domain.md §7): all seven grievances were filed in school
 * year 2025-26 (G-25-001 on 10/21/2025 and S-25-003 on 12/10/2025 included: the school year starts July 1), one
 * per article, so each topic shows 1 filing and no change. A second year is then added by hand: in 2026-27,
 * after the FY27 reopener renumbered Planning Time to Art. 13, two more planning-time grievances and one on
 * evaluations: planning-time 1 → 2 (+1, +100%, shown as Art. 13), evaluations 1 → 1 (0, 0%), schedules-workload
 * 1 → 0 (−1, −100%, still shown as Art. 17, its last citation).
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createInMemoryEventStore } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import type { LogEvent } from '../../testkit/log.js';
import { projectInBatches, toStoredEvents } from '../../testkit/log.js';
import { rebuildEqualsIncremental } from '../../testkit/properties.js';
import { ecpsLogs } from '../testing/ecpsArbitraries.js';
import { ecpsLog, recordedEcpsStore } from '../testing/ecpsLog.js';
import { asOfLastDateEqualsLive } from '../testing/reportChecks.js';
import { recurringTopicsProjection } from './projection.js';
import { recurringTopicsReport, summariseRecurringTopics } from './report.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');
const ecpsStore = (): Promise<EventStore> => recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));

const filing = (grievanceId: string, key: string, number: string, title: string, filedOn: string): LogEvent => {
  const template = ecpsLog().find((e) => e.type === 'GrievanceFiled' && e.streamId === 'grievance-G-25-001') as LogEvent;
  return {
    streamId: `grievance-${grievanceId}`,
    type: 'GrievanceFiled',
    effectiveOn: filedOn,
    data: { ...(template.data as object), grievanceId, articles: [{ key, number, title }], occurredOn: filedOn, filedOn },
  };
};

const filingsOf = async (events: readonly LogEvent[]) => (await projectInBatches(recurringTopicsProjection, registry, toStoredEvents(registry, events))).tables['filings'] ?? [];

describe('recurring topics (read model 6)', () => {
  it('ECPS: seven topics, one grievance each, in school year 2025-26', async () => {
    const report = await recurringTopicsReport({ eventStore: await ecpsStore(), registry, clock });
    expect(report.schoolYears).toEqual(['2025-26']);
    expect(report.rows.map((r) => [r.unitId, r.articleKey, r.articleNumber, r.schoolYear, r.filed, r.change, r.changePercent])).toEqual([
      ['ecap', 'discipline', '8', '2025-26', 1, null, null],
      ['ecea', 'assignments-transfers', '19', '2025-26', 1, null, null],
      ['ecea', 'evaluations', '16', '2025-26', 1, null, null],
      ['ecea', 'planning-time', '12', '2025-26', 1, null, null],
      ['ecea', 'schedules-workload', '17', '2025-26', 1, null, null],
      ['ecssu', 'hours-of-work', '7', '2025-26', 1, null, null],
      ['ecssu', 'overtime', '8', '2025-26', 1, null, null],
    ]);
  });

  it('given the ECPS year, when 2026-27 brings two planning-time grievances (Art. 13 now) and one on evaluations, then the year-over-year change', async () => {
    const secondYear = [
      filing('G-27-002', 'planning-time', '13', 'Planning Time', '2026-09-15'),
      filing('G-27-003', 'evaluations', '16', 'Evaluations', '2026-09-20'),
      filing('G-27-004', 'planning-time', '13', 'Planning Time', '2026-10-01'),
    ];
    const { schoolYears, rows } = summariseRecurringTopics(await filingsOf([...ecpsLog(), ...secondYear]));
    expect(schoolYears).toEqual(['2025-26', '2026-27']);
    const ecea = rows.filter((r) => r.unitId === 'ecea' && r.schoolYear === '2026-27');
    expect(ecea.map((r) => [r.articleKey, r.articleNumber, r.filed, r.change, r.changePercent])).toEqual([
      ['assignments-transfers', '19', 0, -1, -100],
      ['evaluations', '16', 1, 0, 0],
      ['planning-time', '13', 2, 1, 100],
      ['schedules-workload', '17', 0, -1, -100],
    ]);
  });

  it('property: per school year, the filings over all topics equal the grievances filed that year; a topic’s changes add up', async () => {
    await fc.assert(
      fc.asyncProperty(ecpsLogs(), async (events) => {
        const filings = await filingsOf(events);
        const { schoolYears, rows } = summariseRecurringTopics(filings);
        for (const year of schoolYears) {
          expect(rows.filter((r) => r.schoolYear === year).reduce((sum, r) => sum + r.filed, 0)).toBe(filings.filter((f) => f['filed_school_year'] === year).length);
        }
        for (const topic of new Set(rows.map((r) => `${r.unitId}/${r.articleKey}`))) {
          const series = rows.filter((r) => `${r.unitId}/${r.articleKey}` === topic);
          expect(series.reduce((sum, r) => sum + (r.change ?? 0), 0)).toBe(series.at(-1)!.filed - series[0]!.filed);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('as of a date before the last filing counts only what was filed by then', async () => {
    const report = await recurringTopicsReport({ eventStore: await ecpsStore(), registry, clock, asOf: { effectiveOn: '2025-12-31' } });
    expect(report.rows.map((r) => [r.articleKey, r.filed])).toEqual([
      ['planning-time', 1],
      ['overtime', 1],
    ]);
  });

  it('as of the last event’s date equals the live model', async () => {
    await asOfLastDateEqualsLive(await ecpsStore(), registry, recurringTopicsProjection, recurringTopicsReport);
  });

  it('property: built incrementally equals rebuilt', async () => {
    await fc.assert(rebuildEqualsIncremental(recurringTopicsProjection, registry, ecpsLogs()), { numRuns: 25 });
  });
});
