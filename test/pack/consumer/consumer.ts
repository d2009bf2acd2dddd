/**
 * A TypeScript user of the published packages. test/pack/packInstall.test.ts type-checks it in a scratch project
 * that installed the packed tarballs (strict, module NodeNext, skipLibCheck false), beside a generated file
 * importing every entry point; the workspace's own type check reads it too. It is never run.
 */
import { after, before, describe, it } from 'node:test';
import { verifyStream, type Actor, type DomainError, type EventStore, type StoredEvent, type StreamVerification } from '@laborcase/core';
import { deciderSpec } from '@laborcase/core/testkit';
import { describeEventStoreContract, type ContractTestApi } from '@laborcase/core/adapter-kit';
import { createAgreementService, createCalendarService, createDomainRegistry, createGrievanceService, type GrievanceService } from '@laborcase/domain';
import { grievanceDecider, grievanceStreamId, type GrievanceState } from '@laborcase/domain/grievance';
import { eceaEdition2024_2027Document, ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';
import {
  createInMemoryEventStore,
  createPGliteEventStore,
  openEventStore,
  systemClock,
  uuidV7,
  type OpenedEventStore,
  type PostgresEventStoreOptions,
} from '@laborcase/adapters';
import { createPGliteClient, openSqlStore, type SqlStoreHooks } from '@laborcase/adapters/sql';

export const fileGrievance = async (store: EventStore): Promise<{ state: GrievanceState; verification: StreamVerification }> => {
  const clerk: Actor = { actorId: 'ecps.labor-relations', role: 'labor-relations' };
  await createCalendarService({ store, newId: uuidV7 }).importCalendar(ecpsCalendar2025_26Document, clerk);
  await createAgreementService({ store, newId: uuidV7 }).importEdition(eceaEdition2024_2027Document, clerk);
  const grievances: GrievanceService = createGrievanceService({ store, newId: uuidV7, districtId: 'ecps' });
  const result = await grievances.file(
    'G-25-001',
    {
      grievant: { kind: 'individual', employeeIds: ['E-10233'] },
      agreement: { unitId: 'ecea', editionId: '2024-2027' },
      articleKeys: ['planning-time'],
      occurredOn: '2025-10-06',
      filedOn: '2025-10-21',
      remedySought: 'Restore the contractual daily planning period',
    },
    { actorId: 'ecea.grievance-chair', role: 'association-rep' },
  );
  if (result._tag === 'Left') {
    const error: DomainError = result.left;
    throw new Error(`${error.code}: ${error.message}`);
  }
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(grievanceStreamId('G-25-001'))) events.push(event);
  return { state: result.right.state, verification: verifyStream(events) };
};

export const stores = async (dataDir: string): Promise<EventStore[]> => {
  const registry = createDomainRegistry();
  const opened: OpenedEventStore = await openEventStore({ registry, clock: systemClock, dataDir });
  const hooks: SqlStoreHooks = { beforeCommit: async () => undefined };
  return [
    createInMemoryEventStore({ registry, clock: systemClock }),
    await createPGliteEventStore({ registry, clock: systemClock, dataDir }),
    opened.store,
    await openSqlStore(await createPGliteClient({}), { registry, clock: systemClock, hooks }),
  ];
};

/** The contract suite takes any runner whose functions fit structurally: here Node's own. */
export const nodeTestApi: ContractTestApi = { describe, it, beforeAll: before, afterAll: after };
export const runContract = (): void =>
  describeEventStoreContract('in-memory', async ({ registry, clock }) => createInMemoryEventStore({ registry, clock }), nodeTestApi);

export const grievanceSpec = () => deciderSpec(grievanceDecider).given([]);

// The declarations are real types, not `any`: each line below must be a type error.
export const missingRegistry = (): EventStore =>
  // @ts-expect-error: a store needs a codec registry
  createInMemoryEventStore({ clock: systemClock });
export const badPool: Partial<PostgresEventStoreOptions> = {
  // @ts-expect-error: `pool` is a node-postgres Pool (typed by @types/pg), not a URL
  pool: 'postgres://localhost/laborcase',
};
