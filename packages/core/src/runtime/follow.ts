import type { StoredEvent } from '../eventstore/envelope.js';
import type { EventStore } from '../eventstore/port.js';
import { comparePositions, START, type GlobalPosition } from '../eventstore/position.js';

export interface FollowOptions {
  readonly after?: GlobalPosition;
  readonly signal?: AbortSignal;
  readonly eventTypes?: readonly string[];
}

/**
 * The global log from `after`, then every new event as it is appended, until `signal` aborts. Built only
 * on `readAll` and `waitForEvents`, so it works the same over every adapter.
 */
export async function* followAll(store: EventStore, options: FollowOptions = {}): AsyncIterable<StoredEvent> {
  let after = options.after ?? START;
  const readOptions = options.eventTypes === undefined ? {} : { eventTypes: options.eventTypes };
  const aborted = (): boolean => options.signal?.aborted === true;
  while (!aborted()) {
    // Taken before reading: with a type filter, everything up to `head` has been seen once the read ends,
    // even events we skipped, so we can wait past them without missing one appended meanwhile.
    const head = await store.headPosition();
    for await (const event of store.readAll({ ...readOptions, after })) {
      yield event;
      after = event.globalPosition;
      if (aborted()) return;
    }
    if (comparePositions(head, after) > 0) after = head;
    await store.waitForEvents(after, options.signal === undefined ? {} : { signal: options.signal });
  }
}
