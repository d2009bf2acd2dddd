import { deepFreeze } from '../eventstore/deepFreeze.js';
import { InvalidArgument } from '../eventstore/errors.js';
import { NO_STREAM, type StreamVersion } from '../eventstore/expectedVersion.js';
import { show } from '../eventstore/show.js';
import type { ChainHead } from './loadStream.js';

export interface StateCacheOptions {
  /** Most streams kept; the least recently used one is dropped past it. A positive integer. */
  readonly maxEntries: number;
}

/** One stream's folded state at a verified head of its chain. */
export interface CachedState<State> extends ChainHead {
  readonly state: State;
}

const ordinal = (version: StreamVersion): number => (version === NO_STREAM ? -1 : version);

/**
 * The last folded state, version and head hash of recently used streams, for command handlers (Equinox's
 * caching strategy): a command starts from the cached state instead of reading the whole stream again.
 *
 * Entries belong to one (codec registry, decider) pair, by identity: handlers built from another registry or
 * decider never see them, so changing either (a new registry after a deploy, another aggregate on the same
 * stream id) starts from a full load. States are deep-frozen when cached, since every later command shares them.
 * One cache may serve several handlers and services; `maxEntries` bounds them together.
 */
export class StateCache {
  readonly maxEntries: number;
  /** Map order is use order: the first key is the least recently used. */
  private readonly entries = new Map<string, CachedState<unknown>>();
  private readonly owners = new WeakMap<object, WeakMap<object, number>>();
  private nextOwner = 0;

  constructor(options: StateCacheOptions) {
    if (typeof options !== 'object' || options === null) throw new InvalidArgument('cache', `must be { maxEntries }, got ${show(options)}`);
    const { maxEntries } = options;
    if (!(typeof maxEntries === 'number' && Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
      throw new InvalidArgument('cache.maxEntries', `must be a positive integer, got ${show(maxEntries)}`);
    }
    this.maxEntries = maxEntries;
  }

  /** How many streams are cached now. */
  get size(): number {
    return this.entries.size;
  }

  /** The entry of `streamId` for handlers of this registry and decider, marked as just used. */
  get<State>(owner: CacheOwner, streamId: string): CachedState<State> | undefined {
    const key = this.keyOf(owner, streamId);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as CachedState<State>;
  }

  /**
   * Keep `entry` unless the cache already holds a later version of the stream (a slower concurrent command
   * finishing after a faster one): a newer head is never replaced by an older one.
   */
  set<State>(owner: CacheOwner, streamId: string, entry: CachedState<State>): void {
    const key = this.keyOf(owner, streamId);
    const current = this.entries.get(key);
    if (current !== undefined && ordinal(current.version) > ordinal(entry.version)) return;
    this.entries.delete(key);
    this.entries.set(key, { version: entry.version, hash: entry.hash, state: deepFreeze(entry.state) });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /** Forget `streamId` for this owner: its history must be read again (it is broken, unreadable, or corrected). */
  delete(owner: CacheOwner, streamId: string): void {
    this.entries.delete(this.keyOf(owner, streamId));
  }

  /** The stream ids cached for this owner, least recently used first (for tests and diagnostics). */
  streamIds(owner: CacheOwner): string[] {
    const prefix = this.prefixOf(owner);
    return [...this.entries.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }

  private keyOf(owner: CacheOwner, streamId: string): string {
    return this.prefixOf(owner) + streamId;
  }

  /** A number per (registry, decider) pair, by identity; stream ids are never empty, so `n:` prefixes cannot clash. */
  private prefixOf(owner: CacheOwner): string {
    let byDecider = this.owners.get(owner.registry);
    if (byDecider === undefined) {
      byDecider = new WeakMap();
      this.owners.set(owner.registry, byDecider);
    }
    let id = byDecider.get(owner.decider);
    if (id === undefined) {
      id = this.nextOwner++;
      byDecider.set(owner.decider, id);
    }
    return `${id}:`;
  }
}

/** Whose entries they are: the registry that decoded the events and the decider that folded them. */
export interface CacheOwner {
  readonly registry: object;
  readonly decider: object;
}

/** A state cache holding at most `maxEntries` streams; pass it as the `cache` option of handlers and services. */
export const createStateCache = (options: StateCacheOptions): StateCache => new StateCache(options);

/** The `cache` option of a handler or a service: a `StateCache` (shared) or its options (a cache of its own). */
export type StateCacheOption = StateCache | StateCacheOptions;

/** Resolve a `cache` option, refusing anything else with `InvalidArgument` naming `cache`. */
export const resolveStateCache = (option: unknown): StateCache | undefined => {
  if (option === undefined || option instanceof StateCache) return option;
  if (typeof option === 'object' && option !== null && 'maxEntries' in option) return new StateCache(option as StateCacheOptions);
  throw new InvalidArgument('cache', `must be a StateCache (createStateCache) or { maxEntries }, got ${show(option)}`);
};
