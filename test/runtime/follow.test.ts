import { describe, expect, it } from '@jest/globals';
import { START, followAll, type StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { toyRegistry, appealed, filed, uniqueStream } from '@laborcase/core/adapter-kit';

describe('followAll', () => {
  it('reads history, then follows new events until aborted, with a type filter', async () => {
    const store = createInMemoryEventStore({ registry: toyRegistry });
    const first = uniqueStream();
    await store.append(first, [filed(), appealed()], { expectedVersion: 'no_stream' });
    const controller = new AbortController();
    const seen: StoredEvent[] = [];
    const following = (async () => {
      for await (const event of followAll(store, { after: START, signal: controller.signal, eventTypes: ['ToyGrievanceFiled'] })) {
        seen.push(event);
        if (seen.length === 3) controller.abort();
      }
    })();
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.append(uniqueStream(), [appealed(), filed()], { expectedVersion: 'any' });
    }
    await following;
    expect(seen.map((e) => e.type)).toEqual(['ToyGrievanceFiled', 'ToyGrievanceFiled', 'ToyGrievanceFiled']);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(3);
  });
});
