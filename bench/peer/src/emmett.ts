/**
 * Emmett's side, through its public API only: `getInMemoryEventStore` / `getPostgreSQLEventStore`, its
 * `CommandHandler` (which reads, folds and appends with the version it read), `appendToStream` and
 * `aggregateStream`. Its events carry the same metadata ours do, so both stores hold the same information.
 */
import { CommandHandler, STREAM_DOES_NOT_EXIST, getInMemoryEventStore, type EventStore } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { RejectedCommand, type Contender, type OpenContender } from './contender.js';
import { decide, eventContext, evolve, initialState, type GrievanceEvent, type GrievanceState } from './grievance.js';

type EventMetadata = {
  readonly actorId: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly effectiveOn: string;
};

/** The shared events as Emmett's event type (mutable data records, metadata attached). */
type EmmettGrievanceEvent = { readonly type: GrievanceEvent['type']; readonly data: Record<string, unknown>; readonly metadata: EventMetadata };

const metadata: EventMetadata = { ...eventContext.actor, correlationId: eventContext.correlationId, causationId: eventContext.causationId, effectiveOn: eventContext.effectiveOn };

const toEmmett = (event: GrievanceEvent): EmmettGrievanceEvent => ({ type: event.type, data: event.data, metadata });
const fromEmmett = (event: { type: string; data: unknown }): GrievanceEvent => ({ type: event.type, data: event.data }) as GrievanceEvent;

const foldEvent = (state: GrievanceState, event: EmmettGrievanceEvent): GrievanceState => evolve(state, fromEmmett(event));

const handleCommand = CommandHandler<GrievanceState, EmmettGrievanceEvent>({ evolve: foldEvent, initialState: () => initialState });

/** In Emmett a stream's version is the number of events it holds. */
const expectedVersionFor = (existing: number) => (existing === 0 ? STREAM_DOES_NOT_EXIST : BigInt(existing));

const contenderOver = (store: EventStore, close: () => Promise<void>): Contender => ({
  handle: async (streamId, command) => {
    await handleCommand(store, streamId, (state) => {
      const decision = decide(command, state);
      if (!decision.ok) throw new RejectedCommand(streamId, decision.code, decision.message);
      return decision.events.map(toEmmett);
    });
  },
  append: async (streamId, events, existing) => {
    await store.appendToStream<EmmettGrievanceEvent>(streamId, events.map(toEmmett), { expectedStreamVersion: expectedVersionFor(existing) });
  },
  rehydrate: async (streamId) => (await store.aggregateStream<GrievanceState, EmmettGrievanceEvent>(streamId, { evolve: foldEvent, initialState: () => initialState })).state,
  close,
});

/** Emmett writes unqualified table names, so its schema is chosen with the connection's `search_path`. */
const withSearchPath = (url: string, schema: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
};

export const openEmmett: OpenContender = async (kind, location) => {
  switch (kind) {
    case 'memory':
      return contenderOver(getInMemoryEventStore(), async () => {});
    case 'postgres': {
      if (location.pgUrl === undefined || location.schema === undefined) throw new Error('postgres needs a URL and a schema');
      const store = getPostgreSQLEventStore(withSearchPath(location.pgUrl, location.schema));
      await store.schema.migrate();
      return contenderOver(store, () => store.close());
    }
    case 'pglite':
      throw new Error('Emmett has no PGlite store');
  }
};
