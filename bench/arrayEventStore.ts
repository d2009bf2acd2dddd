import {
  START,
  comparePositions,
  positionSegments,
  type EventStore,
  type GlobalPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from '@laborcase/core';

/**
 * A read-only event store over an array of already-sealed events (position = 1-based index), for benchmarks
 * that measure what follows the log (projections, the log tree), not the store's reads.
 */
export class ArrayEventStore implements EventStore {
  private readonly byStream = new Map<string, StoredEvent[]>();
  constructor(private readonly events: readonly StoredEvent[]) {
    for (const e of events) {
      const list = this.byStream.get(e.streamId) ?? [];
      list.push(e);
      this.byStream.set(e.streamId, list);
    }
  }
  append(): never {
    throw new Error('read-only');
  }
  async *readStream(streamId: string, _options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    yield* this.byStream.get(streamId) ?? [];
  }
  async streamVersion(streamId: string) {
    return (this.byStream.get(streamId)?.length ?? 0) - 1;
  }
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const from = Number(positionSegments(options.after ?? START)[0]);
    const types = options.eventTypes === undefined ? undefined : new Set(options.eventTypes);
    let yielded = 0;
    for (let i = from; i < this.events.length && yielded < (options.maxCount ?? Infinity); i++) {
      const e = this.events[i] as StoredEvent;
      if (types !== undefined && !types.has(e.type)) continue;
      yielded++;
      yield e;
    }
  }
  async headPosition(): Promise<GlobalPosition> {
    return this.events.at(-1)?.globalPosition ?? START;
  }
  async waitForEvents(after: GlobalPosition) {
    return comparePositions(await this.headPosition(), after) > 0;
  }
  async close() {}
}
