import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeCommand } from '../codecs/commandCodec.js';
import { CoreErrors } from '../kernel/checks.js';
import type { CodecRegistry } from '../codecs/registry.js';
import type { Decider, DomainEvent } from '../kernel/decider.js';
import type { DomainError } from '../kernel/domainError.js';
import type { NewEvent, Provenance, StoredEvent } from '../eventstore/envelope.js';
import { WrongExpectedVersion } from '../eventstore/errors.js';
import type { StreamVersion } from '../eventstore/expectedVersion.js';
import type { EventStore } from '../eventstore/port.js';
import { corruptedStream, loadRecords, loadStream, unreadableStream, type ChainBreakOnLoad } from './loadStream.js';
import type { QuarantinedRecord } from '../codecs/registry.js';
import type { CorrectionCommand } from '../corrections/commands.js';
import type { CorrectableDecider } from '../corrections/decide.js';
import type { StreamRecord } from '../corrections/effectiveEvents.js';

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

/** What every handler is built from; `decider` is a plain or a `correctable(...)` decider. */
export interface HandlerOptions<D> {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly decider: D;
  /** Injected id generator (event ids, default command ids). */
  readonly newId: () => string;
  readonly retry?: RetryPolicy;
}

export interface CommandHandlerOptions<Command, State, Event extends DomainEvent> extends HandlerOptions<Decider<Command, State, Event>> {
  /** When given, every command is validated first: a malformed one is `Left InvalidCommand` and nothing is read or written. */
  readonly commandCodec?: t.Decoder<unknown, Command>;
}

export interface CommandResult<State> {
  readonly state: State;
  /** The stream version after the command (unchanged if the decider produced no events). */
  readonly version: StreamVersion;
  readonly events: readonly StoredEvent[];
  readonly attempts: number;
}

/** Rejection raised by the handler itself (not the decider): the stream holds events it cannot read. */
export const STREAM_HAS_QUARANTINED_EVENTS = CoreErrors.streamHasQuarantinedEvents;

export type CommandHandler<Command, State> = (
  streamId: string,
  command: Command,
  context: CommandContext,
) => Promise<Either<DomainError, CommandResult<State>>>;

interface Loaded<State> {
  readonly state: State;
  readonly version: StreamVersion;
  readonly quarantined: readonly QuarantinedRecord[];
  readonly broken?: ChainBreakOnLoad;
}

interface Execution<State> {
  readonly store: EventStore;
  readonly newId: () => string;
  readonly maxAttempts: number;
  readonly load: () => Promise<Loaded<State>>;
  readonly decide: (state: State) => Either<DomainError, readonly DomainEvent[]>;
  readonly apply: (state: State, produced: readonly DomainEvent[], stored: readonly StoredEvent[]) => State;
}

const maxAttemptsOf = (retry: RetryPolicy | undefined): number => Math.max(1, Math.floor(retry?.maxAttempts ?? 1));

/** The load → decide → append loop shared by every handler, with the retry policy on conflicts. */
const execute = async <State>(streamId: string, context: CommandContext, run: Execution<State>): Promise<Either<DomainError, CommandResult<State>>> => {
  const commandId = context.commandId ?? run.newId();
  const metadata = {
    provenance: context.provenance,
    correlationId: context.correlationId ?? commandId,
    causationId: commandId,
    effectiveOn: context.effectiveOn,
  };
  for (let attempt = 1; ; attempt++) {
    const loaded = await run.load();
    if (loaded.broken !== undefined) return left(corruptedStream(streamId, loaded.broken));
    if (loaded.quarantined.length > 0) return left(unreadableStream(streamId, loaded.quarantined));
    const decision = run.decide(loaded.state);
    if (isLeft(decision)) return decision;
    const produced = decision.right;
    if (produced.length === 0) return right({ state: loaded.state, version: loaded.version, events: [], attempts: attempt });
    const newEvents: NewEvent[] = produced.map((event) => ({ eventId: run.newId(), type: event.type, data: event.data, metadata }));
    try {
      const appended = await run.store.append(streamId, newEvents, { expectedVersion: loaded.version });
      const state = run.apply(loaded.state, produced, appended.events);
      return right({ state, version: appended.nextExpectedVersion, events: appended.events, attempts: attempt });
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < run.maxAttempts) continue;
      throw error;
    }
  }
};

/**
 * Load → decide → append with the loaded version as the expected version. Domain rejections come back as
 * `Left`; store failures (including a conflict that outlives the retry policy) are thrown as typed errors.
 */
export const commandHandler = <Command, State, Event extends DomainEvent>(
  options: CommandHandlerOptions<Command, State, Event>,
): CommandHandler<Command, State> => {
  const { store, registry, decider, newId, commandCodec } = options;
  const maxAttempts = maxAttemptsOf(options.retry);
  return async (streamId, input, context) => {
    const decoded = commandCodec === undefined ? right(input) : decodeCommand(commandCodec, input);
    if (isLeft(decoded)) return decoded;
    const command = decoded.right;
    return execute(streamId, context, {
      store,
      newId,
      maxAttempts,
      load: () => loadStream(store, registry, streamId, decider.evolve, decider.initialState),
      decide: (state) => decider.decide(command, state),
      apply: (state, produced) => (produced as readonly Event[]).reduce(decider.evolve, state),
    });
  };
};

export type CorrectableCommandHandlerOptions<Command, State, Event extends DomainEvent> = HandlerOptions<CorrectableDecider<Command, State, Event>>;

/**
 * The handler for an aggregate wrapped with `correctable(...)`: its decisions see the stream's records with
 * their event ids, so `CorrectEvent` / `RetractEvent` can name the event they correct. The result's state is
 * the aggregate state with every correction applied.
 */
export const correctableCommandHandler = <Command, State, Event extends DomainEvent>(
  options: CorrectableCommandHandlerOptions<Command, State, Event>,
): CommandHandler<Command | CorrectionCommand, State> => {
  const { store, registry, decider, newId } = options;
  const maxAttempts = maxAttemptsOf(options.retry);
  return async (streamId, command, context) => {
    const result = await execute<readonly StreamRecord[]>(streamId, context, {
      store,
      newId,
      maxAttempts,
      load: () => loadRecords(store, registry, streamId),
      decide: (records) => decider.decide(command, records),
      apply: (records, _produced, stored) => [...records, ...stored.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data }))],
    });
    return isLeft(result) ? result : right({ ...result.right, state: decider.load(result.right.state).state });
  };
};
