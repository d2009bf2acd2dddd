/**
 * laborcase's side, through its public API only: the store factories of `@laborcase/adapters`, `commandHandler`
 * and `loadStream` of `@laborcase/core`. Every guarantee stays on (validation on append, hash chain, expected
 * versions), so improvements to the library show up here unchanged.
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
import { RejectedCommand, type Contender, type OpenContender } from './contender.js';
import { decide, eventContext, evolve, initialState, type GrievanceCommand, type GrievanceEvent, type GrievanceState } from './grievance.js';

const Actor = t.type({ actorId: NonEmptyString, role: NonEmptyString });

const registry = createCodecRegistry([
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

/**
 * Handler options beyond the required ones, in one place: when the command handler grows an option worth
 * measuring (a state cache, say), switch it on here and both the sequential and the concurrent runs use it.
 */
const HANDLER_EXTRAS: Partial<CommandHandlerOptions<GrievanceCommand, GrievanceState, GrievanceEvent>> = {};

const metadata = {
  provenance: eventContext.actor,
  correlationId: eventContext.correlationId,
  causationId: eventContext.causationId,
  effectiveOn: eventContext.effectiveOn,
};
const context = { provenance: eventContext.actor, effectiveOn: eventContext.effectiveOn, correlationId: eventContext.correlationId };

const contenderOver = (store: EventStore): Contender => {
  const handler = commandHandler({ store, registry, decider, newId: uuid, ...HANDLER_EXTRAS });
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

export const openLaborcase: OpenContender = async (kind, location) => {
  switch (kind) {
    case 'memory':
      return contenderOver(createInMemoryEventStore({ registry }));
    case 'postgres':
      if (location.pgUrl === undefined || location.schema === undefined) throw new Error('postgres needs a URL and a schema');
      return contenderOver(await createPostgresEventStore({ connectionString: location.pgUrl, schema: location.schema, registry }));
    case 'pglite':
      if (location.dataDir === undefined) throw new Error('pglite needs a data folder');
      return contenderOver(await createPGliteEventStore({ dataDir: location.dataDir, registry }));
  }
};
