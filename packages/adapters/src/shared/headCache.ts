import { GENESIS_HASH, NO_STREAM, type ExpectedVersion, type StreamVersion } from '@laborcase/core';

/** A stream's last version and hash: what the next append seals after. */
export interface Head {
  readonly version: StreamVersion;
  readonly hash: string;
}

/** The head of a stream with no events. */
export const EMPTY_HEAD: Head = { version: NO_STREAM, hash: GENESIS_HASH };

/** Stream heads remembered by default: enough for a service's working set, a few MB at most. */
export const HEAD_CACHE_SIZE = 10_000;

/**
 * The heads a store last wrote or read, so an append can seal without reading the head first. Only a guess:
 * every store using it has the database refuse a batch sealed after a head that is no longer current.
 * Bounded: the least recently remembered head goes first.
 */
export class HeadCache {
  private readonly heads = new Map<string, Head>();

  constructor(private readonly capacity: number = HEAD_CACHE_SIZE) {}

  /** The remembered head, or the empty stream's when `NO_STREAM` is expected and nothing is remembered. */
  guess(streamId: string, expected: ExpectedVersion): Head | undefined {
    return this.heads.get(streamId) ?? (expected === NO_STREAM ? EMPTY_HEAD : undefined);
  }

  remember(streamId: string, head: Head): void {
    this.heads.delete(streamId);
    if (head.version === NO_STREAM) return;
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  get size(): number {
    return this.heads.size;
  }
}
