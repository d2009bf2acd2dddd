/**
 * Projections on EventStoreDB (issue 15, item 6): the async runner follows $all through the adapter's readAll and
 * waitForEvents on the protocol double, with its checkpoint kept in the read-model store (SQL tables on PGlite, as
 * a deployment would keep read models on PostgreSQL while events move to an EventStoreDB cluster).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore } from '@laborcase/core';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { createPGliteClient } from '@laborcase/adapters/sql';
import { createProjectionRunner, createSqlReadModelStore, targetOf, type ReadModelStore } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';
import { append } from '../projections/support.js';
import { EventStoreDbDouble } from './double.js';

describe('the projection runner on EventStoreDB (protocol double)', () => {
  const double = new EventStoreDbDouble({ advertiseBatchAppend: true, systemEventEvery: 2 });
  const registry = caseRegistry();
  const projection = caseBoard();
  const target = targetOf(projection);
  let client: EventStoreDBClient;
  let eventStore: EventStore;
  let sql: Awaited<ReturnType<typeof createPGliteClient>>;
  let store: ReadModelStore;

  beforeAll(async () => {
    client = EventStoreDBClient.connectionString(await double.start());
    eventStore = createEventStoreDbEventStore({ client, registry, pageSize: 3 });
    sql = await createPGliteClient({});
    store = await createSqlReadModelStore({ client: sql, schema: 'read_models' });
  });
  afterAll(async () => {
    await eventStore.close();
    await client.dispose();
    await double.stop();
    await sql.close();
  });

  it('projects $all (without system events) in batches, resumes from the checkpoint, and follows new events live', async () => {
    for (let i = 0; i < 5; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, `art-${i % 2}`), caseEvents.moved(`${i}`, `art-${(i + 1) % 2}`));
    const first = createProjectionRunner({ eventStore, registry, store, projection, batchSize: 4 });
    await first.start();
    const reached = await first.whenCaughtUp();
    await first.stop();
    expect(await store.checkpoint(target)).toBe(reached);
    expect(await store.rows(target, 'cases')).toHaveLength(5);

    await append(eventStore, 'case-1', caseEvents.closed('1'));
    const second = createProjectionRunner({ eventStore, registry, store, projection, batchSize: 4 });
    await second.start();
    try {
      await second.whenCaughtUp();
      await append(eventStore, 'case-live', caseEvents.opened('live', 'art-9'));
      await second.whenCaughtUp(await eventStore.headPosition());
      const cases = await store.rows(target, 'cases');
      expect(cases).toHaveLength(6);
      expect(cases.find((r) => r['case_id'] === '1')).toMatchObject({ status: 'closed' });
      const applied = await store.rows(target, 'applied');
      expect(applied).toHaveLength(12);
      expect(applied.every((r) => r['times'] === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
