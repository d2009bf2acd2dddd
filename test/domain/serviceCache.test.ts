/** Issue 14: every domain service factory takes the command handlers' state cache as its `cache` option. */
import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, uuidV7 } from '@laborcase/adapters';
import { InvalidArgument, createStateCache, type EventStore, type ReadStreamOptions } from '@laborcase/core';
import {
  createAgreementService,
  createBargainingService,
  createCalendarService,
  createDomainRegistry,
  createEmployeeRelationsService,
  createGrievanceService,
} from '@laborcase/domain';
import { adoptEcps2025_26, snowDay2026_01_27 } from '@laborcase/domain/fixtures/ecps';

const registry = createDomainRegistry();
const factories: readonly (readonly [string, (store: EventStore, cache: unknown) => unknown])[] = [
  ['grievance', (store, cache) => createGrievanceService({ store, registry, newId: uuidV7, districtId: 'ecps', cache: cache as never })],
  ['agreement', (store, cache) => createAgreementService({ store, registry, newId: uuidV7, cache: cache as never })],
  ['bargaining', (store, cache) => createBargainingService({ store, registry, newId: uuidV7, cache: cache as never })],
  ['calendar', (store, cache) => createCalendarService({ store, registry, newId: uuidV7, cache: cache as never })],
  ['employee relations', (store, cache) => createEmployeeRelationsService({ store, registry, newId: uuidV7, cache: cache as never })],
];

describe('domain services: the cache option', () => {
  it.each(factories)('the %s service refuses a malformed cache with InvalidArgument naming it', (_name, create) => {
    const store = createInMemoryEventStore({ registry });
    expect(() => create(store, 'big')).toThrow(InvalidArgument);
    expect(() => create(store, 'big')).toThrow(/^cache:/);
    expect(() => create(store, { maxEntries: 0 })).toThrow(/^cache\.maxEntries:/);
    expect(() => create(store, createStateCache({ maxEntries: 10 }))).not.toThrow();
    expect(() => create(store, { maxEntries: 10 })).not.toThrow();
  });

  it('a cached calendar service records the same events without reading the stream for each command', async () => {
    const run = async (cache: unknown) => {
      const inner = createInMemoryEventStore({ registry });
      let fullReads = 0;
      const store: EventStore = {
        ...inner,
        append: inner.append.bind(inner),
        readAll: inner.readAll.bind(inner),
        streamVersion: inner.streamVersion.bind(inner),
        headPosition: inner.headPosition.bind(inner),
        waitForEvents: inner.waitForEvents.bind(inner),
        close: inner.close.bind(inner),
        readStream(streamId: string, options?: ReadStreamOptions) {
          if (options?.fromVersion === undefined) fullReads += 1;
          return inner.readStream(streamId, options);
        },
      };
      const service = createCalendarService({ store, registry, newId: uuidV7, ...(cache === undefined ? {} : { cache: cache as never }) });
      const ecps = { districtId: 'ecps', schoolYear: '2025-26' };
      const { type: _adopt, districtId: _district, schoolYear: _year, ...adoptInput } = adoptEcps2025_26;
      const { type: _declare, ...snowInput } = snowDay2026_01_27;
      const results = [
        await service.adopt(ecps, adoptInput, { actorId: 'ecps-board', role: 'board' }),
        await service.declareEmergencyClosure(ecps, snowInput, { actorId: 'ecps-superintendent', role: 'superintendent' }),
        await service.declareEmergencyClosure(ecps, snowInput, { actorId: 'ecps-superintendent', role: 'superintendent' }),
      ];
      const events: unknown[] = [];
      for await (const event of inner.readAll()) events.push([event.streamId, event.streamVersion, event.type, event.data]);
      return { answers: results.map((r) => (isRight(r) ? { version: r.right.version, state: r.right.state } : r.left.code)), events, fullReads };
    };
    const uncached = await run(undefined);
    const cached = await run({ maxEntries: 10 });
    expect(cached.answers).toEqual(uncached.answers);
    expect(cached.events).toEqual(uncached.events);
    expect(cached.fullReads).toBeLessThan(uncached.fullReads);
  });
});
