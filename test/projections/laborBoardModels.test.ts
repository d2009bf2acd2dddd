/**
 * The labor read models of @laborcase/projections/labor on real stores, over the ECPS fixture appended as a log:
 * built incrementally by the runner (small batches, SQL read models) they equal a rebuild and an as-of build on
 * the last event's business date; their reports give the hand-worked ECPS figures; the stamp names the last event
 * included on each axis.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ANY, type EventStore, type StoredEvent } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { buildAsOf, createInMemoryReadModelStore, createProjectionRunner, rebuildProjection, targetOf, type AnyProjection, type ReadModelStore } from '@laborcase/projections';
import { arbitrationProjection, arbitrationReport, bargainingBoardProjection, bargainingBoardReport, erFunnelProjection, erFunnelReport, stampFromLog } from '@laborcase/projections/labor';
import { ecpsHistory } from '../../packages/projections/src/labor/testing/ecpsLog.js';
import { memoryStores, pgliteStores, postgresStores, type StoresFactory } from './support.js';

const registry = createDomainRegistry();
const projections = [arbitrationProjection, bargainingBoardProjection, erFunnelProjection] as unknown as AnyProjection[];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const appendEcps = async (eventStore: EventStore): Promise<StoredEvent[]> => {
  const stored: StoredEvent[] = [];
  for (const { streamId, event } of ecpsHistory()) {
    const result = await eventStore.append(streamId, [event], { expectedVersion: ANY });
    stored.push(...result.events);
  }
  return stored;
};

const tables = async (store: ReadModelStore, projection: AnyProjection, target = targetOf(projection)) =>
  Object.fromEntries(await Promise.all(projection.tables.map(async (t) => [t.name, await store.rows(target, t.name)] as const)));

const factories: [string, StoresFactory][] = [
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
];
if (process.env['PG_URL'] !== undefined) factories.push(['PostgreSQL', postgresStores(process.env['PG_URL'], `labor_rm_${process.pid}`)]);
else console.warn('[skip] PG_URL is not set: the labor read models run on memory and PGlite only');

describe.each(factories)('labor read models on %s', (_name, factory) => {
  it('incremental (runner, batches of 7) = rebuild = as-of on the last business date; reports give the ECPS figures', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const log = await appendEcps(stores.eventStore);
    const lastDate = log.map((e) => e.metadata.effectiveOn).sort().at(-1) as string;

    for (const projection of projections) {
      const runner = createProjectionRunner({ eventStore: stores.eventStore, registry, store: stores.store, projection, batchSize: 7 });
      await runner.start();
      await runner.whenCaughtUp();
      await runner.stop();
      expect(await stores.store.deadLetters(targetOf(projection))).toEqual([]);
      const live = await tables(stores.store, projection);

      const rebuilt = createInMemoryReadModelStore();
      await rebuildProjection({ eventStore: stores.eventStore, registry, store: rebuilt, projection });
      expect(await tables(rebuilt, projection)).toEqual(live);

      const asOf = await buildAsOf({ eventStore: stores.eventStore, registry, projection, effectiveOn: lastDate });
      expect(asOf.problems).toEqual([]);
      expect(await tables(asOf.store, projection, asOf.target)).toEqual(live);
    }

    const stamp = await stampFromLog(stores.eventStore, { generatedAt: '2026-07-01T12:00:00.000Z' });
    expect(stamp).toEqual({ position: await stores.eventStore.headPosition(), headHash: log.at(-1)?.hash, asEffectiveOn: null, asKnownAt: null, generatedAt: '2026-07-01T12:00:00.000Z' });
    const options = { eventStore: stores.eventStore, registry, store: stores.store, clock: () => new Date('2026-07-01T12:00:00.000Z') };
    expect((await arbitrationReport(options)).stamp).toEqual(stamp);
    expect((await arbitrationReport(options)).total).toMatchObject({ filed: 7, arbitrable: 6, demanded: 1, medianDaysDemandToAward: 97 });
    const ecea = (await bargainingBoardReport(options)).cycles[0];
    expect(ecea?.packageTotals).toEqual({ unionDeltaCents: 4_865_500_000, boardDeltaCents: 2_987_750_000, tentativelyAgreedDeltaCents: 2_987_750_000 });
    expect((await erFunnelReport(options)).stages.map((s) => s.medianDaysFromPreviousStage)).toEqual([null, 2, 4, 36, 7, 6]);
  }, 180_000);

  it('stamps a report on both axes with the last event they include', async () => {
    const stores = await factory(registry);
    cleanups.push(stores.close);
    const log = await appendEcps(stores.eventStore);
    const byMarch = log.filter((e) => e.metadata.effectiveOn <= '2026-03-31').at(-1);
    expect(await stampFromLog(stores.eventStore, { asEffectiveOn: '2026-03-31', generatedAt: '2026-04-01T08:00:00.000Z' })).toMatchObject({
      position: byMarch?.globalPosition,
      headHash: byMarch?.hash,
      asEffectiveOn: '2026-03-31',
    });
    const tenth = log[9] as StoredEvent;
    expect(await stampFromLog(stores.eventStore, { asKnownAt: tenth.metadata.recordedAt, upTo: tenth.globalPosition, generatedAt: '2026-04-01T08:00:00.000Z' })).toMatchObject({
      position: tenth.globalPosition,
      headHash: tenth.hash,
    });
    await expect(stampFromLog(stores.eventStore, { asEffectiveOn: '31/03/2026', generatedAt: '2026-04-01T08:00:00.000Z' })).rejects.toMatchObject({ field: 'stamp.asEffectiveOn' });
  }, 180_000);
});
