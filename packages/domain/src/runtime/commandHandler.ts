import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type { CodecRegistry } from '../codecs/registry.js';
import type { Decider, DomainEvent } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import type { NewEvent, Provenance, StoredEvent } from '../eventstore/envelope.js';
import { WrongExpectedVersion } from '../eventstore/errors.js';
import { NO_STREAM, type StreamVersion } from '../eventstore/expectedVersion.js';
import type { EventStore } from '../eventstore/port.js';
import { loadStream } from './loadStream.js';

export interface CommandContext {
  readonly provenance: Provenance;
  /** Business date (YYYY-MM-DD) the resulting events are about. */
  readonly effectiveOn: string;
  /** Identifies this command; becomes every resulting event's `causationId`. Defaults to a new id. */
  readonly commandId?: string;
  /** Ties together everything done for one request or workflow. Defaults to the command id. */
  readonly correlationId?: string;
}

export interface RetryPolicy {
  /** Total attempts including the first; on `WrongExpectedVersion` the stream is reloaded and decided again. */
  readonly maxAttempts: number;
}

export interface CommandHandlerOptions<Command, State, Event extends DomainEvent> {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly decider: Decider<Command, State, Event>;
  /** Injected id generator (event ids, default command ids). */
  readonly newId: () => string;
  readonly retry?: RetryPolicy;
}

export interface CommandResult<State> {
  readonly state: State;
  /** The stream version after the command (unchanged if the decider produced no events). */
  readonly version: StreamVersion;
  readonly events: readonly StoredEvent[];
  readonly attempts: number;
}

/** Rejection raised by the handler itself (not the decider): the stream holds events it cannot read. */
export const STREAM_HAS_QUARANTINED_EVENTS = 'StreamHasQuarantinedEvents';

export type CommandHandler<Command, State> = (
  streamId: string,
  command: Command,
  context: CommandContext,
) => Promise<Either<DomainError, CommandResult<State>>>;

/**
 * Load → decide → append with the loaded version as the expected version. Domain rejections come back as
 * `Left`; store failures (including a conflict that outlives the retry policy) are thrown as typed errors.
 */
export const commandHandler = <Command, State, Event extends DomainEvent>(
  options: CommandHandlerOptions<Command, State, Event>,
): CommandHandler<Command, State> => {
  const { store, registry, decider, newId } = options;
  const maxAttempts = Math.max(1, Math.floor(options.retry?.maxAttempts ?? 1));

  return async (streamId, command, context) => {
    const commandId = context.commandId ?? newId();
    const metadata = {
      provenance: context.provenance,
      correlationId: context.correlationId ?? commandId,
      causationId: commandId,
      effectiveOn: context.effectiveOn,
    };
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadStream(store, registry, streamId, decider.evolve, decider.initialState);
      if (loaded.quarantined.length > 0) {
        const versions = loaded.quarantined.map((q) => q.record.streamVersion);
        return left(
          domainError(STREAM_HAS_QUARANTINED_EVENTS, `stream "${streamId}" has unreadable events at versions ${versions.join(', ')}`, {
            details: { versions, reasons: loaded.quarantined.map((q) => q.reason) },
          }),
        );
      }
      const decision = decider.decide(command, loaded.state);
      if (isLeft(decision)) return decision;
      const produced = decision.right;
      if (produced.length === 0) {
        return right({ state: loaded.state, version: loaded.version, events: [], attempts: attempt });
      }
      const newEvents: NewEvent[] = produced.map((event) => ({ eventId: newId(), type: event.type, data: event.data, metadata }));
      try {
        const appended = await store.append(streamId, newEvents, {
          expectedVersion: loaded.version === NO_STREAM ? NO_STREAM : loaded.version,
        });
        const state = produced.reduce(decider.evolve, loaded.state);
        return right({ state, version: appended.nextExpectedVersion, events: appended.events, attempts: attempt });
      } catch (error) {
        if (error instanceof WrongExpectedVersion && attempt < maxAttempts) continue;
        throw error;
      }
    }
  };
};
