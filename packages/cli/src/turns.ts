/**
 * PGlite runs in this process and answers a query without handing the event loop a turn (its promises settle as
 * microtasks), so a signal handler, Ctrl-C's included, would wait until a whole rebuild or copy is over. Long
 * commands give the loop a turn once per batch with these.
 */
import { setImmediate } from 'node:timers/promises';
import type { EventStore } from '@laborcase/core';

/** Let pending I/O and signal handlers run. */
export const giveTheLoopATurn = async (): Promise<void> => {
  await setImmediate();
};

/**
 * `store`, giving the loop a turn before each `headPosition` (a rebuild reads it once per batch). Everything else
 * goes to `store` unchanged.
 */
export const turnPerBatch = (store: EventStore): EventStore => ({
  append: (streamId, events, options) => store.append(streamId, events, options),
  readStream: (streamId, options) => store.readStream(streamId, options),
  streamVersion: (streamId) => store.streamVersion(streamId),
  readAll: (options) => store.readAll(options),
  headPosition: async () => {
    await giveTheLoopATurn();
    return store.headPosition();
  },
  waitForEvents: (after, options) => store.waitForEvents(after, options),
  close: () => store.close(),
});
