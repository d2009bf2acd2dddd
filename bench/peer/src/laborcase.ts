/**
 * laborcase's side, through its public API only: the store factories of `@laborcase/adapters`, `commandHandler`
 * and `loadStream` of `@laborcase/core`. Every guarantee stays on (validation on append, hash chain, expected
 * versions), so improvements to the library show up here unchanged. Two contenders: the default handler, and the
 * same with its optional state cache.
 */
import * as t from 'io-ts';
import { isLeft, left, right } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import {
  IsoDate,
  NO_STREAM,
  NonEmptyString,
  commandHandler,
  createCodecRegistry,
  defineEventType,
  domainError,
  loadStream,
  type CommandHandlerOptions,
  type Decider,
  type EventStore,
  type NewEvent,
} from '@laborcase/core';
import { createInMemoryEventStore, createPGliteEventStore, createPostgresEventStore } from '@laborcase/adapters';
import { RejectedCommand, type Contender, type OpenContender, type StoreKind, type StoreLocation } from './contender.js';
import { decide, eventContext, evolve, initialState, type GrievanceCommand, type GrievanceEvent, type GrievanceState } from './grievance.js';

const Actor = t.type({ actorId: NonEmptyString, role: NonEmptyString });

/** The workload's event types as laborcase codecs (exported for the tests). */
export const registry = createCodecRegistry([
  defineEventType(
    'GrievanceFiled',
    1,
    t.type({
      grievanceId: NonEmptyString,
      grievant: t.type({ kind: t.literal('individual'), employeeIds: t.array(NonEmptyString) }),
      unitId: NonEmptyString,
      editionId: NonEmptyString,
      articleKeys: t.array(NonEmptyString),
      occurredOn: IsoDate,
      filedOn: IsoDate,
      remedySought: NonEmptyString,
    }),
  ),
  defineEventType(
    'StepAnswered',
    1,
    t.type({
      grievanceId: NonEmptyString,
      step: t.number,
      disposition: t.union([t.literal('granted'), t.literal('denied')]),
      heardOn: IsoDate,
      answeredOn: IsoDate,
      answeredBy: Actor,
      reason: NonEmptyString,
    }),
  ),
  defineEventType(
    'GrievanceAppealed',
    1,
    t.type({ grievanceId: NonEmptyString, fromStep: t.number, toStep: t.number, appealedOn: IsoDate, appealedBy: Actor, reason: NonEmptyString }),
  ),
]);

const decider: Decider<GrievanceCommand, GrievanceState, GrievanceEvent> = {
  decide: (command, state) => {
    const decision = decide(command, state);
    return decision.ok ? right(decision.events) : left(domainError(decision.code, decision.message));
  },
  evolve,
  initialState,
};

type HandlerExtras = Partial<CommandHandlerOptions<GrievanceCommand, GrievanceState, GrievanceEvent>>;

/**
 * The `laborcase-cached` contender's state cache: room for every stream a run drives (2,000 by default), so each
 * command after a stream's first decides on the cached state and appends with its version (one store call), as an
 * application sized for its working set would. Smaller than the streams in a run, LRU would get no hits at all:
 * the workload visits every stream before it comes back to the first.
 */
const CACHED: HandlerExtras = { cache: { maxEntries: 10_000 } };

const metadata = {
  provenance: eventContext.actor,
  correlationId: eventContext.correlationId,
  causationId: eventContext.causationId,
  effectiveOn: eventContext.effectiveOn,
};
const context = { provenance: eventContext.actor, effectiveOn: eventContext.effectiveOn, correlationId: eventContext.correlationId };

/** laborcase over `store`, with (`cached`) or without the state cache; exported for the test that tells them apart. */
export const laborcaseOver = (store: EventStore, cached: boolean): Contender => {
  const handler = commandHandler({ store, registry, decider, newId: uuid, ...(cached ? CACHED : {}) });
  return {
    handle: async (streamId, command) => {
      const result = await handler(streamId, command, context);
      if (isLeft(result)) throw new RejectedCommand(streamId, result.left.code, result.left.message);
    },
    append: async (streamId, events, existing) => {
      const newEvents: NewEvent[] = events.map((event) => ({ eventId: uuid(), type: event.type, data: event.data, metadata }));
      await store.append(streamId, newEvents, { expectedVersion: existing === 0 ? NO_STREAM : existing - 1 });
    },
    rehydrate: async (streamId) => (await loadStream(store, registry, streamId, evolve, initialState)).state,
    close: () => store.close(),
  };
};

const openStore = async (kind: StoreKind, location: StoreLocation): Promise<EventStore> => {
  switch (kind) {
    case 'memory':
      return createInMemoryEventStore({ registry });
    case 'postgres':
      if (location.pgUrl === undefined || location.schema === undefined) throw new Error('postgres needs a URL and a schema');
      return createPostgresEventStore({ connectionString: location.pgUrl, schema: location.schema, registry });
    case 'pglite':
      if (location.dataDir === undefined) throw new Error('pglite needs a data folder');
      return createPGliteEventStore({ dataDir: location.dataDir, registry });
  }
};

/** laborcase as it is configured by default: every command reads its stream. */
export const openLaborcase: OpenContender = async (kind, location) => laborcaseOver(await openStore(kind, location), false);

/** The same with the command handler's state cache on (`CACHED`). */
export const openLaborcaseCached: OpenContender = async (kind, location) => laborcaseOver(await openStore(kind, location), true);
