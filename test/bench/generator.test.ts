/**
 * The district-history generator (bench/generator): seeded and deterministic, every grievance stream it writes folds
 * and verifies, both grievance drivers write the same log, every closure outcome appears, and each school year's
 * volume stays within bounds. Small scales, in memory.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadStream, verifyStream, type EventStore, type StoredEvent } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createDomainRegistry } from '@laborcase/domain';
import { ClosureOutcome, grievanceDecider } from '@laborcase/domain/grievance';
import {
  EVENTS_PER_YEAR_AT_SCALE_1,
  createSimulatedClock,
  generateDistrictHistory,
  type DriverKind,
  type GenerateOptions,
  type GenerationReport,
} from '../../bench/generator/index.js';

const registry = createDomainRegistry();

interface Run {
  readonly store: EventStore;
  readonly report: GenerationReport;
  readonly log: readonly StoredEvent[];
}

const run = async (options: Omit<GenerateOptions, 'store' | 'clock' | 'registry'> & { readonly driver?: DriverKind }): Promise<Run> => {
  const clock = createSimulatedClock();
  const store = createInMemoryEventStore({ registry, clock: clock.now });
  const report = await generateDistrictHistory({ ...options, store, clock, registry });
  return { store, report, log: await collect(store.readAll()) };
};

const fingerprint = (log: readonly StoredEvent[]) => log.map((e) => `${e.eventId} ${e.streamId}@${e.streamVersion} ${e.metadata.recordedAt} ${e.hash}`);

const byStream = (log: readonly StoredEvent[]): Map<string, StoredEvent[]> => {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of log) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
};

describe('generateDistrictHistory: determinism', () => {
  it('the same seed writes the same log (event ids, recordedAt, hashes); another seed does not', async () => {
    const first = await run({ seed: 42, schoolYears: 1, scale: 0.2 });
    const second = await run({ seed: 42, schoolYears: 1, scale: 0.2 });
    const other = await run({ seed: 43, schoolYears: 1, scale: 0.2 });
    expect(first.log.length).toBeGreaterThan(500);
    expect(fingerprint(second.log)).toEqual(fingerprint(first.log));
    expect(fingerprint(other.log)).not.toEqual(fingerprint(first.log));
    // recordedAt follows the business dates: never decreasing along the log.
    const recorded = first.log.map((e) => e.metadata.recordedAt);
    expect([...recorded].sort()).toEqual(recorded);
  });

  it('the deciders driver writes exactly the log the grievance service writes', async () => {
    const services = await run({ seed: 7, schoolYears: 1, scale: 0.15, driver: 'services' });
    const deciders = await run({ seed: 7, schoolYears: 1, scale: 0.15, driver: 'deciders' });
    expect(services.report.grievances.filed).toBeGreaterThan(20);
    expect(fingerprint(deciders.log)).toEqual(fingerprint(services.log));
  });

  it('rejects bad options naming the field, before writing anything', async () => {
    const store = createInMemoryEventStore({ registry, clock: () => new Date() });
    await expect(generateDistrictHistory({ store, seed: 1.5, schoolYears: 1, scale: 1 })).rejects.toThrow(/seed/);
    await expect(generateDistrictHistory({ store, seed: 1, schoolYears: 0, scale: 1 })).rejects.toThrow(/schoolYears/);
    await expect(generateDistrictHistory({ store, seed: 1, schoolYears: 1, scale: -1 })).rejects.toThrow(/scale/);
    await expect(generateDistrictHistory({ store: undefined as unknown as EventStore, seed: 1, schoolYears: 1, scale: 1 })).rejects.toThrow(/store/);
    expect(await collect(store.readAll())).toEqual([]);
  });
});

describe('generateDistrictHistory: a moderate run (3 school years, scale 0.6)', () => {
  let generated: Run;
  beforeAll(async () => {
    generated = await run({ seed: 2026, schoolYears: 3, scale: 0.6 });
  }, 120_000);

  it('every grievance stream folds without unreadable events or chain breaks, and every stream verifies', async () => {
    const streams = byStream(generated.log);
    const grievanceIds = [...streams.keys()].filter((id) => id.startsWith('grievance-'));
    expect(grievanceIds.length).toBe(generated.report.grievances.filed);
    for (const streamId of grievanceIds) {
      const loaded = await loadStream(generated.store, registry, streamId, grievanceDecider.evolve, grievanceDecider.initialState);
      expect({ streamId, quarantined: loaded.quarantined.length, broken: loaded.broken, filed: loaded.state.status !== 'notFiled' }).toEqual({
        streamId,
        quarantined: 0,
        broken: undefined,
        filed: true,
      });
    }
    for (const [streamId, events] of streams) expect({ streamId, ok: verifyStream(events).ok }).toEqual({ streamId, ok: true });
  });

  it('the closures in the log cover every outcome, as the report counts them', () => {
    const closures = generated.log.filter((e) => e.type === 'GrievanceClosed').map((e) => (e.data as { outcome: string }).outcome);
    const counted: Record<string, number> = {};
    for (const outcome of closures) counted[outcome] = (counted[outcome] ?? 0) + 1;
    expect(Object.keys(counted).sort()).toEqual(Object.keys(ClosureOutcome.keys).sort());
    expect(counted).toEqual(generated.report.grievances.outcomes);
    // Every grievant kind, snow days that moved deadlines, extensions, abeyance and ER-born grievances all occur.
    const { kinds, recalculated, extended, abeyances } = generated.report.grievances;
    expect(Math.min(kinds.individual, kinds.class, kinds.association, recalculated, extended, abeyances)).toBeGreaterThan(0);
    expect(generated.report.employeeRelations.anonymous).toBeGreaterThan(0);
    expect(generated.report.employeeRelations.grievancesOverDiscipline).toBeGreaterThan(0);
    expect(generated.report.bargainingCycles).toBeGreaterThanOrEqual(3);
  });

  it('each simulated school year holds 0.5–1.5 × the expected events, and the report counts the log', () => {
    expect(generated.report.events).toBe(generated.log.length);
    const expected = EVENTS_PER_YEAR_AT_SCALE_1 * generated.report.scale;
    for (const schoolYear of generated.report.schoolYears) {
      const events = generated.report.eventsBySchoolYear[schoolYear] ?? 0;
      expect({ schoolYear, within: events >= 0.5 * expected && events <= 1.5 * expected }).toEqual({ schoolYear, within: true });
    }
  });
});
