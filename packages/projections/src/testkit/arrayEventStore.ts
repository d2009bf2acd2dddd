/**
 * A read-only `EventStore` over events already stored (the global position of the n-th event is n, as
 * `toStoredEvents` numbers them and a store's log export keeps them), for specs and benchmarks that measure or
 * check what follows the log (projections, reports, the log tree), not the store. Appends are refused.
 */
import {
  NO_STREAM,
  START,
  StoreUnavailable,
  comparePositions,
  positionFromSegments,
  positionSegments,
  type EventStore,
  type GlobalPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamVersion,
} from '@laborcase/core';
import { iterateArray } from '@laborcase/core/adapter-kit';

const positionOf = (index: number): GlobalPosition => positionFromSegments(BigInt(index + 1));

export class ArrayEventStore implements EventStore {
  private readonly byStream = new Map<string, StoredEvent[]>();

  constructor(private readonly events: readonly StoredEvent[]) {
    events.forEach((event, index) => {
      if (event.globalPosition !== positionOf(index)) throw new RangeError(`events.${index}: global position ${event.globalPosition}, expected ${positionOf(index)}`);
      const list = this.byStream.get(event.streamId);
      if (list === undefined) this.byStream.set(event.streamId, [event]);
      else list.push(event);
    });
  }

  append(): Promise<never> {
    return Promise.reject(new StoreUnavailable('this event store is read-only'));
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const events = this.byStream.get(streamId) ?? [];
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...events].reverse() : events;
    const from = options.fromVersion ?? (backwards ? Infinity : 0);
    const to = options.toVersion ?? (backwards ? -Infinity : Infinity);
    let yielded = 0;
    for (const event of ordered) {
      if (yielded >= (options.maxCount ?? Infinity)) return;
      const v = event.streamVersion;
      if (backwards ? v > from || v < to : v < from || v > to) continue;
      yielded++;
      yield event;
    }
  }

  async streamVersion(streamId: string): Promise<StreamVersion> {
    return this.byStream.get(streamId)?.at(-1)?.streamVersion ?? NO_STREAM;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    // Position n is index n - 1: the first event after `after` is at index `after`.
    const from = Number(positionSegments(options.after ?? START)[0]);
    const types = options.eventTypes === undefined ? undefined : new Set(options.eventTypes);
    const max = options.maxCount ?? Infinity;
    // iterateArray, not an async generator: one settled promise per event, no generator machinery, so a
    // benchmark reading a million events through it measures its reader, not this store.
    const skip = types === undefined ? undefined : (event: StoredEvent): boolean => !types.has(event.type);
    return iterateArray(() => ({ items: this.events, range: { from, bound: this.events.length - 1, step: 1, maxCount: max, ...(skip === undefined ? {} : { skip }) } }));
  }

  async headPosition(): Promise<GlobalPosition> {
    return this.events.at(-1)?.globalPosition ?? START;
  }

  async waitForEvents(after: GlobalPosition): Promise<boolean> {
    return comparePositions(await this.headPosition(), after) > 0;
  }

  async close(): Promise<void> {}
}
