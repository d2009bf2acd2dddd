import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeCommand } from '../codecs/commandCodec.js';
import { CoreErrors } from '../kernel/checks.js';
import type { CodecRegistry } from '../codecs/registry.js';
import type { Decider, DomainEvent } from '../kernel/decider.js';
import type { DomainError } from '../kernel/domainError.js';
import type { NewEvent, Provenance, StoredEvent } from '../eventstore/envelope.js';
import { NO_STREAM } from '../eventstore/expectedVersion.js';
import { WrongExpectedVersion } from '../eventstore/errors.js';
import type { StreamVersion } from '../eventstore/expectedVersion.js';
import type { AppendResult, EventStore } from '../eventstore/port.js';
import {
  corruptedStream,
  foldRecords,
  loadRecords,
  loadRecordsAfter,
  loadStream,
  unreadableStream,
  type ChainBreakOnLoad,
  type ChainHead,
} from './loadStream.js';
import { resolveStateCache, type CacheOwner, type StateCache, type StateCacheOption } from './stateCache.js';
import { isCorrectionType } from '../corrections/events.js';
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
  /**
   * Keep folded states between commands: a `StateCache` (`createStateCache({ maxEntries })`, may be shared by
   * several handlers) or `{ maxEntries }` for one of this handler's own. A command then decides on the cached
   * state and appends with its version; only when that conflicts, or the decision is a rejection or a no-op, are
   * the events written since read (and chain-checked) and the command decided again. Off by default.
   */
  readonly cache?: StateCacheOption;
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

interface Loaded<State> extends ChainHead {
  readonly state: State;
  readonly quarantined: readonly QuarantinedRecord[];
  readonly broken?: ChainBreakOnLoad;
  /** False for a cached state taken without reading: a decision on it stands only once appended. */
  readonly fresh: boolean;
}

/**
 * How a handler's aggregate is read and folded. Built once per handler, like the state source and the execution
 * below: what differs per command (the stream, the command) comes as arguments, so a command allocates no
 * closures of its own.
 */
interface Folding<State> {
  /** Read and fold the whole stream. */
  readonly load: (streamId: string) => Promise<Loaded<State>>;
  /** `state` with `records` read after it folded on, or undefined when only a full load can tell (a correction). */
  readonly extend: (state: State, records: readonly StreamRecord[]) => State | undefined;
  /**
   * The state after an append when `extend` cannot give it (a correction among the stored events, or events that
   * do not continue the chain cleanly): the produced events folded on.
   */
  readonly apply: (state: State, produced: readonly DomainEvent[], stored: readonly StoredEvent[]) => State;
}

/** Where a stream's state comes from, and what is kept of it afterwards. */
interface StateSource<State> {
  readonly start: (streamId: string) => Promise<Loaded<State>>;
  /** The stream as it is now, brought up from `from`. */
  readonly refresh: (streamId: string, from: Loaded<State>) => Promise<Loaded<State>>;
  /** The state once `appended` was written on top of `from`. */
  readonly advance: (streamId: string, from: Loaded<State>, produced: readonly DomainEvent[], appended: AppendResult) => State;
  /** Drop whatever is kept of the stream: it cannot be decided on. */
  readonly forget: (streamId: string) => void;
}

interface Execution<Command, State> {
  readonly store: EventStore;
  readonly newId: () => string;
  readonly maxAttempts: number;
  readonly source: StateSource<State>;
  readonly decide: (command: Command, state: State) => Either<DomainError, readonly DomainEvent[]>;
}

const maxAttemptsOf = (retry: RetryPolicy | undefined): number => Math.max(1, Math.floor(retry?.maxAttempts ?? 1));

const uncached = <State>(registry: CodecRegistry, folding: Folding<State>): StateSource<State> => ({
  start: folding.load,
  refresh: folding.load,
  advance: (_streamId, from, produced, appended) => foldAppended(registry, folding, from, produced, appended),
  forget: () => {},
});

/**
 * `from`'s state with the stored events of `appended` folded on, as the next load folds them (the same objects,
 * so `evolve` sees one kind of event data whether it folds a load or an append); undefined when they do not
 * continue the chain cleanly or hold a correction.
 */
const extendWithStored = <State>(registry: CodecRegistry, folding: Folding<State>, from: Loaded<State>, appended: AppendResult): State | undefined => {
  const written = recordsFollowing(registry, from, appended.events);
  return written === undefined ? undefined : folding.extend(from.state, written);
};

/** The state once `appended` is written on top of `from`: the stored events folded on, else the produced ones. */
const foldAppended = <State>(registry: CodecRegistry, folding: Folding<State>, from: Loaded<State>, produced: readonly DomainEvent[], appended: AppendResult): State =>
  extendWithStored(registry, folding, from, appended) ?? folding.apply(from.state, produced, appended.events);

const isClean = <State>(loaded: Loaded<State>): boolean => loaded.broken === undefined && loaded.quarantined.length === 0;

/**
 * A state source backed by the cache. A cached state is used without reading; catching up reads only the events
 * after its version and checks them against its head (versions contiguous, first `prevHash` the cached hash), so
 * a broken or unreadable tail is refused exactly as a full load would refuse it. What is cached after an append
 * is the stored events decoded and folded, as a later load would fold them.
 */
const cachedSource = <State>(cache: StateCache, owner: CacheOwner, store: EventStore, registry: CodecRegistry, folding: Folding<State>): StateSource<State> => {
  const remember = (streamId: string, loaded: Loaded<State>): Loaded<State> => {
    if (isClean(loaded)) cache.set(owner, streamId, loaded);
    return loaded;
  };
  const load = async (streamId: string): Promise<Loaded<State>> => remember(streamId, await folding.load(streamId));
  return {
    start: async (streamId) => {
      const entry = cache.get<State>(owner, streamId);
      return entry === undefined ? load(streamId) : { ...entry, quarantined: [], fresh: false };
    },
    refresh: async (streamId, from) => {
      const tail = await loadRecordsAfter(store, registry, streamId, from);
      if (tail.broken !== undefined || tail.quarantined.length > 0) return { ...tail, state: from.state, fresh: true };
      const state = folding.extend(from.state, tail.state);
      return state === undefined ? load(streamId) : remember(streamId, { state, version: tail.version, hash: tail.hash, quarantined: [], fresh: true });
    },
    advance: (streamId, from, produced, appended) => {
      const state = extendWithStored(registry, folding, from, appended);
      const last = appended.events[appended.events.length - 1];
      if (state === undefined || last === undefined) {
        cache.delete(owner, streamId);
        return folding.apply(from.state, produced, appended.events);
      }
      return remember(streamId, { state, version: appended.nextExpectedVersion, hash: last.hash, quarantined: [], fresh: true }).state;
    },
    forget: (streamId) => cache.delete(owner, streamId),
  };
};

/** The appended events as records, if they continue the chain from `from` and decode cleanly; else undefined. */
const recordsFollowing = (registry: CodecRegistry, from: ChainHead, events: readonly StoredEvent[]): StreamRecord[] | undefined => {
  let head = from;
  const records: StreamRecord[] = [];
  for (const event of events) {
    const expected = head.version === NO_STREAM ? 0 : head.version + 1;
    if (event.streamVersion !== expected || event.prevHash !== head.hash) return undefined;
    const decoded = registry.decode(event);
    if (decoded.kind === 'quarantined') return undefined;
    records.push({ eventId: event.eventId, type: decoded.type, data: decoded.data });
    head = { version: event.streamVersion, hash: event.hash };
  }
  return records;
};

/** The cached source when the handler has a cache, else a full load per command (as without one). */
const sourceFor = <State>(
  cache: StateCache | undefined,
  owner: CacheOwner,
  store: EventStore,
  registry: CodecRegistry,
  folding: Folding<State>,
): StateSource<State> => (cache === undefined ? uncached(registry, folding) : cachedSource(cache, owner, store, registry, folding));

/** The load → decide → append loop shared by every handler, with the retry policy on conflicts. */
const execute = async <Command, State>(
  streamId: string,
  command: Command,
  context: CommandContext,
  run: Execution<Command, State>,
): Promise<Either<DomainError, CommandResult<State>>> => {
  const commandId = context.commandId ?? run.newId();
  const metadata = {
    provenance: context.provenance,
    correlationId: context.correlationId ?? commandId,
    causationId: commandId,
    effectiveOn: context.effectiveOn,
  };
  let loaded = await run.source.start(streamId);
  for (let attempt = 1; ; ) {
    if (loaded.broken !== undefined) {
      run.source.forget(streamId);
      return left(corruptedStream(streamId, loaded.broken));
    }
    if (loaded.quarantined.length > 0) {
      run.source.forget(streamId);
      return left(unreadableStream(streamId, loaded.quarantined));
    }
    const decision = run.decide(command, loaded.state);
    const produced = isLeft(decision) ? [] : decision.right;
    if (produced.length === 0) {
      // A rejection or a no-op answers for the stream as it is now: one decided on a cached state is decided again
      // on the stream read up to date (the same answer, unless something was written since).
      if (!loaded.fresh) {
        loaded = await run.source.refresh(streamId, loaded);
        continue;
      }
      if (isLeft(decision)) return decision;
      return right({ state: loaded.state, version: loaded.version, events: [], attempts: attempt });
    }
    const newEvents: NewEvent[] = produced.map((event) => ({ eventId: run.newId(), type: event.type, data: event.data, metadata }));
    try {
      const appended = await run.store.append(streamId, newEvents, { expectedVersion: loaded.version });
      const state = run.source.advance(streamId, loaded, produced, appended);
      return right({ state, version: appended.nextExpectedVersion, events: appended.events, attempts: attempt });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      // A cached state that fell behind is not a lost race: catching up does not use an attempt.
      if (loaded.fresh) {
        if (attempt >= run.maxAttempts) throw error;
        attempt += 1;
      }
      loaded = await run.source.refresh(streamId, loaded);
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
  const cache = resolveStateCache(options.cache);
  const owner: CacheOwner = { registry, decider };
  const folding: Folding<State> = {
    load: async (streamId) => ({ ...(await loadStream(store, registry, streamId, decider.evolve, decider.initialState)), fresh: true }),
    // Events after a cached state fold onto it, unless one is a correction: it may change an earlier event.
    extend: (state, records) => (records.some((record) => isCorrectionType(record.type)) ? undefined : foldRecords(records, decider.evolve, state)),
    apply: (state, produced) => (produced as readonly Event[]).reduce(decider.evolve, state),
  };
  const run: Execution<Command, State> = {
    store,
    newId,
    maxAttempts,
    source: sourceFor(cache, owner, store, registry, folding),
    decide: (command, state) => decider.decide(command, state),
  };
  return async (streamId, input, context) => {
    const decoded = commandCodec === undefined ? right(input) : decodeCommand(commandCodec, input);
    if (isLeft(decoded)) return decoded;
    return execute(streamId, decoded.right, context, run);
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
  const cache = resolveStateCache(options.cache);
  const owner: CacheOwner = { registry, decider };
  const folding: Folding<readonly StreamRecord[]> = {
    load: async (streamId) => ({ ...(await loadRecords(store, registry, streamId)), fresh: true }),
    // The decider resolves corrections over the whole record list itself: records read later are simply added.
    extend: (records, later) => [...records, ...later],
    apply: (records, _produced, stored) => [...records, ...stored.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data }))],
  };
  const run: Execution<Command | CorrectionCommand, readonly StreamRecord[]> = {
    store,
    newId,
    maxAttempts,
    source: sourceFor(cache, owner, store, registry, folding),
    decide: (command, records) => decider.decide(command, records),
  };
  return async (streamId, command, context) => {
    const result = await execute(streamId, command, context, run);
    return isLeft(result) ? result : right({ ...result.right, state: decider.load(result.right.state).state });
  };
};
