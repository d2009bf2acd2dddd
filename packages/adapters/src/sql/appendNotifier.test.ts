/** The coalescing of wake-ups after appends: none lost, one in flight at most, spaced by the interval. */
import { expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppendNotifier } from './appendNotifier.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A notifier (no interval) whose sends stay in flight until the test ends them; every third fails. */
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
        inFlight.push(() => (started.length % 3 === 0 ? reject(new Error('connection lost')) : resolve()));
      }),
    0,
  );
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

it('sends at once after a quiet spell, then at most one per interval however often it is poked', async () => {
  const starts: number[] = [];
  const notifier = new AppendNotifier(async () => void starts.push(performance.now()), 40);
  const first = performance.now();
  notifier.poke();
  expect(starts).toHaveLength(1);
  let lastPoke = first;
  for (let i = 0; i < 30; i++) {
    lastPoke = performance.now();
    notifier.poke();
    await sleep(5);
  }
  await sleep(80);
  expect(starts[0]! - first).toBeLessThan(5); // synchronous: the first send starts inside poke()
  expect(starts.length).toBeGreaterThanOrEqual(2);
  expect(starts.length).toBeLessThanOrEqual(Math.ceil((lastPoke - first) / 40) + 2);
  for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(35); // timers may fire a millisecond or two early against performance.now()
  expect(starts[starts.length - 1]!).toBeGreaterThan(lastPoke - 1);
});

it('drain sends what is owed without waiting out the interval, and resolves once nothing is in flight', async () => {
  let sent = 0;
  const notifier = new AppendNotifier(async () => void sent++, 60_000);
  notifier.poke();
  notifier.poke();
  expect(sent).toBe(1);
  await notifier.drain();
  expect(sent).toBe(2);
  await notifier.drain();
  expect(sent).toBe(2);
});
