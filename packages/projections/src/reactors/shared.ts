/** What the packaged labor reactors share: option checks, service results, and the grievances to watch. */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { DomainError, EventStore } from '@laborcase/core';
import { grievanceStreamId } from '@laborcase/domain/grievance';
import { InvalidProjection, ReactorCommandRejected } from '../errors.js';

/** Lists the grievances a reactor looks at; see `filedGrievanceIds` for the default. */
export type GrievanceIdSource = () => Promise<readonly string[]>;

const GRIEVANCE_STREAM_PREFIX = grievanceStreamId('');

/**
 * Every grievance filed in the log (its `GrievanceFiled` events, read by type). A full scan: an application
 * with a grievance read model passes its own, cheaper source instead.
 */
export const filedGrievanceIds = (eventStore: EventStore): GrievanceIdSource => async () => {
  const ids = new Set<string>();
  for await (const event of eventStore.readAll({ eventTypes: ['GrievanceFiled'] })) {
    if (event.streamId.startsWith(GRIEVANCE_STREAM_PREFIX)) ids.add(event.streamId.slice(GRIEVANCE_STREAM_PREFIX.length));
  }
  return [...ids];
};

/** Throws `InvalidProjection` naming the field unless `options` has an object at each of `objects` and a function at each of `functions`. */
export const requireOptions = (options: unknown, objects: readonly string[], functions: readonly string[] = []): void => {
  if (typeof options !== 'object' || options === null) throw new InvalidProjection('options', 'must be an object');
  const record = options as Record<string, unknown>;
  for (const field of objects) if (typeof record[field] !== 'object' || record[field] === null) throw new InvalidProjection(field, 'is required');
  for (const field of functions) if (record[field] !== undefined && typeof record[field] !== 'function') throw new InvalidProjection(field, 'must be a function');
};

/** The service's result, or `ReactorCommandRejected` (the runner stops before recording the event, so it is redelivered). */
export const accepted = async <T>(reactor: string, commandId: string, result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new ReactorCommandRejected(reactor, commandId, outcome.left);
  return outcome.right;
};
