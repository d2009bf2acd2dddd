/**
 * Inline projections on the SQL event stores: the read model is written inside the append's transaction. It is
 * there as soon as the append returns, sees corrections applied, rolls the append back when it fails, keeps
 * its checkpoint in step under concurrent appends, and hands over to the async runner from that checkpoint.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createPGliteClient, createPgClient, openSqlStore, type SqlClient } from '@laborcase/adapters/sql';
import { NO_STREAM, StoreFailure, type EventStore, type StoredEvent } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInlineProjection, createProjectionRunner, defineProjection, InlineProjectionFailed, InvalidProjection, type InlineProjection, type Row } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry, projectInBatches, type CaseEvent } from '@laborcase/projections/testkit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';
import { append } from './support.js';

const registry = caseRegistry();

interface InlineStores {
  readonly client: SqlClient;
  readonly eventStore: EventStore;
  readonly inline: InlineProjection;
  /** A second store on the same tables without the hook: a writer that no longer projects inline. */
  readonly plain: EventStore;
}

type ClientFactory = () => Promise<{ client: SqlClient; eventSchema: string; readSchema: string }>;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const openInline = async (factory: ClientFactory, projection = caseBoard()): Promise<InlineStores> => {
  const { client, eventSchema, readSchema } = await factory();
  const inline = await createInlineProjection({ client, schema: readSchema, registry, projection });
  const eventStore = await openSqlStore(client, { registry, schema: eventSchema, hooks: inline.hooks });
  const plain = await openSqlStore(client, { registry, schema: eventSchema });
  cleanups.push(async () => {
    // Both stores close the shared client: the second close only stops its own listener.
    await plain.close();
    await eventStore.close().catch(() => undefined);
  });
  return { client, eventStore, inline, plain };
};

const tablesOf = async ({ inline }: InlineStores): Promise<Record<string, readonly Row[]>> => {
  const tables: Record<string, readonly Row[]> = {};
  for (const table of inline.target.tables) tables[table.name] = await inline.store.rows(inline.target, table.name);
  return tables;
};

/** What a clean rebuild over the whole log gives. */
const rebuilt = async (eventStore: EventStore) => (await projectInBatches(caseBoard(), registry, await collect(eventStore.readAll()))).tables;

const inlineSuite = (name: string, factory: ClientFactory): void => {
  describe(`inline projection on ${name}`, () => {
    it('writes the read model in the append transaction: there when the append returns, checkpoint at its last event', async () => {
      const stores = await openInline(factory);
      const result = await append(stores.eventStore, 'case-1', caseEvents.opened('1', 'art-1'), caseEvents.moved('1', 'art-7'));
      expect(await stores.inline.store.rows(stores.inline.target, 'cases')).toEqual([expect.objectContaining({ case_id: '1', article: 'art-7', status: 'open' })]);
      expect(await stores.inline.store.checkpoint(stores.inline.target)).toBe(result.events.at(-1)?.globalPosition);
      await append(stores.eventStore, 'other-1', { ...caseEvents.opened('x', 'art-1'), type: 'CaseOpened' });
      expect(await tablesOf(stores)).toEqual(await rebuilt(stores.eventStore));
    });

    it('sees corrections applied, including a correction appended together with what it corrects', async () => {
      const stores = await openInline(factory);
      const opened = caseEvents.opened('1', 'art-1');
      await append(stores.eventStore, 'case-1', opened);
      await append(stores.eventStore, 'case-1', caseEvents.corrected(opened.eventId, { type: 'CaseOpened', data: { caseId: '1', article: 'art-9' } }));
      const moved = caseEvents.moved('2', 'art-4');
      await append(stores.eventStore, 'case-2', caseEvents.opened('2', 'art-2'), moved, caseEvents.retracted(moved.eventId));
      const cases = await stores.inline.store.rows(stores.inline.target, 'cases');
      expect(cases.map((r) => [r['case_id'], r['article']])).toEqual([
        ['1', 'art-9'],
        ['2', 'art-2'],
      ]);
      expect(await tablesOf(stores)).toEqual(await rebuilt(stores.eventStore));
    });

    it('a failing projection rolls the append back: the log, the stream and the read model are unchanged', async () => {
      const failing = defineProjection<CaseEvent, 'cases'>({
        name: 'fragile_board',
        version: 1,
        tables: [{ name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text' }, primaryKey: ['case_id'] }],
        streamColumn: { cases: 'stream_id' },
        handlers: {
          async CaseOpened(event, rows) {
            if (event.data.article === 'poison') throw new Error('cannot project art. poison');
            await rows.upsert('cases', { case_id: event.data.caseId, stream_id: event.streamId, article: event.data.article });
          },
        },
      });
      const stores = await openInline(factory, failing);
      await append(stores.eventStore, 'case-1', caseEvents.opened('1', 'art-1'));
      const before = { head: await stores.eventStore.headPosition(), checkpoint: await stores.inline.store.checkpoint(stores.inline.target) };

      const attempt = append(stores.eventStore, 'case-2', caseEvents.opened('2', 'art-2'), caseEvents.opened('3', 'poison'));
      await expect(attempt).rejects.toBeInstanceOf(StoreFailure);
      const cause = await attempt.catch((error: unknown) => (error as Error).cause);
      expect(cause).toBeInstanceOf(InlineProjectionFailed);
      expect(cause).toMatchObject({ projection: 'fragile_board' });

      expect(await stores.eventStore.streamVersion('case-2')).toBe(NO_STREAM);
      expect(await stores.eventStore.headPosition()).toBe(before.head);
      expect((await collect(stores.eventStore.readAll())).map((e: StoredEvent) => e.streamId)).toEqual(['case-1']);
      expect(await stores.inline.store.rows(stores.inline.target, 'cases')).toEqual([{ case_id: '1', stream_id: 'case-1', article: 'art-1' }]);
      expect(await stores.inline.store.checkpoint(stores.inline.target)).toBe(before.checkpoint);
      expect(await stores.inline.store.deadLetters(stores.inline.target)).toEqual([]);
    });

    it('concurrent appends each project once and the checkpoint ends at the latest of them', async () => {
      const stores = await openInline(factory);
      await Promise.all(Array.from({ length: 16 }, (_, i) => append(stores.eventStore, `case-${i}`, caseEvents.opened(`${i}`, `art-${i % 3}`), caseEvents.moved(`${i}`, `art-${(i + 1) % 3}`))));
      const applied = await stores.inline.store.rows(stores.inline.target, 'applied');
      expect(applied).toHaveLength(32);
      expect(applied.every((r) => r['times'] === 1)).toBe(true);
      expect(await stores.inline.store.checkpoint(stores.inline.target)).toBe(await stores.eventStore.headPosition());
      expect(await tablesOf(stores)).toEqual(await rebuilt(stores.eventStore));
    });

    it('refuses an append while an async runner holds the version, so no event is applied by both', async () => {
      const stores = await openInline(factory);
      await append(stores.eventStore, 'case-1', caseEvents.opened('1', 'art-1'));
      const runner = createProjectionRunner({ eventStore: stores.plain, registry, store: stores.inline.store, projection: caseBoard(), owner: 'async-runner' });
      await runner.start();
      const attempt = append(stores.eventStore, 'case-2', caseEvents.opened('2', 'art-2'));
      await expect(attempt).rejects.toBeInstanceOf(StoreFailure);
      expect(await attempt.catch((error: unknown) => (error as Error).cause)).toMatchObject({ code: 'ProjectionLocked', holder: 'async-runner' });
      expect(await stores.eventStore.streamVersion('case-2')).toBe(NO_STREAM);
      await runner.stop();
      await append(stores.eventStore, 'case-2', caseEvents.opened('2', 'art-2'));
      const applied = await stores.inline.store.rows(stores.inline.target, 'applied');
      expect(applied.map((r) => r['times'])).toEqual([1, 1]);
    });

    it('refuses an append during a runner batch that outlasts the lease: the batch holds it until its commit', async () => {
      const stores = await openInline(factory);
      for (let i = 0; i < 100; i++) await append(stores.plain, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'));
      // The same version, 3 ms per event: one batch of 100 events outlasts the 200 ms lease.
      const board = caseBoard();
      const slowOpened = board.handlers.CaseOpened as NonNullable<typeof board.handlers.CaseOpened>;
      const slow: typeof board = {
        ...board,
        handlers: {
          ...board.handlers,
          async CaseOpened(event, rows) {
            await new Promise((resolve) => setTimeout(resolve, 3));
            await slowOpened(event, rows);
          },
        },
      };
      const runner = createProjectionRunner({ eventStore: stores.plain, registry, store: stores.inline.store, projection: slow, owner: 'async-runner', leaseTtlMs: 200 });
      cleanups.push(() => runner.stop());
      await runner.start();
      await new Promise((resolve) => setTimeout(resolve, 250));
      const attempt = append(stores.eventStore, 'case-x', caseEvents.opened('x', 'art-2'));
      expect(await attempt.catch((error: unknown) => (error as Error).cause)).toMatchObject({ code: 'ProjectionLocked', holder: 'async-runner' });
      await runner.whenCaughtUp(undefined, { timeoutMs: 20_000 });
      await runner.stop();
      const applied = await stores.inline.store.rows(stores.inline.target, 'applied');
      expect(applied).toHaveLength(100);
      expect(applied.every((r) => r['times'] === 1)).toBe(true);
    });

    it('hands over to the async runner: it continues after the inline checkpoint, applying nothing twice', async () => {
      const stores = await openInline(factory);
      for (let i = 0; i < 5; i++) await append(stores.eventStore, `case-${i}`, caseEvents.opened(`${i}`, 'art-1'));
      // The writers drop the hook; what they append from now on is the runner's.
      await append(stores.plain, 'case-1', caseEvents.closed('1'));
      await append(stores.plain, 'case-9', caseEvents.opened('9', 'art-3'));
      const runner = createProjectionRunner({ eventStore: stores.plain, registry, store: stores.inline.store, projection: caseBoard() });
      await runner.start();
      await runner.whenCaughtUp(undefined, { timeoutMs: 20_000 });
      await runner.stop();
      const applied = await stores.inline.store.rows(stores.inline.target, 'applied');
      expect(applied).toHaveLength(7);
      expect(applied.every((r) => r['times'] === 1)).toBe(true);
      expect(await tablesOf(stores)).toEqual(await rebuilt(stores.eventStore));
    });
  });
};

inlineSuite('PGlite', async () => ({ client: await createPGliteClient({}), eventSchema: 'events', readSchema: 'read_models' }));

describeWithPostgres('inline projections on PostgreSQL', (schemaFor) => {
  inlineSuite('PostgreSQL', async () => {
    const schema = schemaFor('inline');
    return { client: createPgClient({ connectionString: PG_URL as string, poolSize: 8 }), eventSchema: `${schema}_ev`, readSchema: `${schema}_rm` };
  });
});

describe('createInlineProjection', () => {
  it('refuses malformed options before touching the database, naming the field', async () => {
    await expect(createInlineProjection(undefined as never)).rejects.toThrow(/^options: /);
    await expect(createInlineProjection({ registry, projection: caseBoard() } as never)).rejects.toThrow(/^client: is required/);
    await expect(createInlineProjection({ client: {} as SqlClient, registry } as never)).rejects.toThrow(InvalidProjection);
  });
});
