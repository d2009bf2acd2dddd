/** The coalescing of wake-ups after appends: none lost, at most one in flight, a burst costs two. */
import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppendNotifier } from './appendNotifier.js';

/** A notifier whose sends stay in flight until the test ends them, recording when each started. */
const controlled = () => {
  const inFlight: Array<() => void> = [];
  const started: number[] = [];
  let clock = 0;
  let maxInFlight = 0;
  const notifier = new AppendNotifier(
    () =>
      new Promise<void>((resolve, reject) => {
        started.push(clock++);
        maxInFlight = Math.max(maxInFlight, inFlight.length + 1);
        inFlight.push(() => (clock % 3 === 0 ? reject(new Error('connection lost')) : resolve()));
      }),
  );
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    notifier,
    started,
    maxInFlight: () => maxInFlight,
    poke: () => {
      const at = clock++;
      notifier.poke();
      return at;
    },
    finishOne: async () => {
      inFlight.shift()?.();
      await settle();
    },
    finishAll: async () => {
      while (inFlight.length > 0) {
        inFlight.shift()?.();
        await settle();
      }
    },
  };
};

it('every poke is followed by a send that starts after it, with at most one send in flight, even when sends fail', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 40 }), async (steps) => {
      const c = controlled();
      const pokes: number[] = [];
      for (const poke of steps) {
        if (poke) pokes.push(c.poke());
        else await c.finishOne();
      }
      await c.finishAll();
      for (const at of pokes) expect(c.started.some((start) => start > at)).toBe(true);
      expect(c.maxInFlight()).toBeLessThanOrEqual(1);
    }),
  );
});

it('a burst of pokes while one send is in flight costs one more send, not one per poke', async () => {
  const c = controlled();
  c.poke();
  for (let i = 0; i < 50; i++) c.poke();
  await c.finishAll();
  expect(c.started).toHaveLength(2);
  c.poke();
  await c.finishAll();
  expect(c.started).toHaveLength(3);
});

it('drain resolves once nothing is in flight or owed', async () => {
  const c = controlled();
  c.poke();
  c.poke();
  let drained = false;
  const draining = c.notifier.drain().then(() => (drained = true));
  await c.finishOne();
  expect(drained).toBe(false);
  await c.finishOne();
  await draining;
  expect(c.started).toHaveLength(2);
});
