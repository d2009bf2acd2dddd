/** Issue 10, item 9: a timeout above the timer limit must not spin the waiting loop. */
import { expect, it } from '@jest/globals';
import { createWaiters, waitUntil } from './waiters.js';

it('a timeout above 2^31-1 ms sleeps instead of re-checking in a loop, and an abort ends it', async () => {
  const waiters = createWaiters();
  const controller = new AbortController();
  let checks = 0;
  const waiting = waitUntil(
    waiters,
    async () => {
      checks += 1;
      return false;
    },
    { timeoutMs: 2 ** 40, signal: controller.signal },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  controller.abort();
  expect(await waiting).toBe(false);
  expect(checks).toBeLessThanOrEqual(2);
});
