import type { WaitOptions } from '@laborcase/core';
import { MAX_TIMER_MS } from '@laborcase/core/adapter-kit';

interface Ticket {
  readonly promise: Promise<void>;
  cancel(): void;
}

/** Wake-up signals for `waitForEvents`: whoever appends (or hears a NOTIFY) calls `notify`. */
export interface Waiters {
  /** A ticket resolved by the next `notify` or `close`; take it before checking, so no wake-up is missed. */
  subscribe(): Ticket;
  notify(): void;
  close(): void;
  readonly closed: boolean;
}

export const createWaiters = (): Waiters => {
  const pending = new Set<() => void>();
  let closed = false;
  const wakeAll = () => {
    const all = [...pending];
    pending.clear();
    for (const wake of all) wake();
  };
  return {
    subscribe() {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => {
        wake = resolve;
      });
      if (closed) wake();
      else pending.add(wake);
      return { promise, cancel: () => pending.delete(wake) };
    },
    notify: wakeAll,
    close() {
      closed = true;
      wakeAll();
    },
    get closed() {
      return closed;
    },
  };
};

/**
 * Resolve `true` once `check()` holds, re-checking on every wake-up (and every `pollMs` when given);
 * `false` on timeout, abort or close.
 */
export const waitUntil = async (
  waiters: Waiters,
  check: () => Promise<boolean>,
  options: WaitOptions & { readonly pollMs?: number } = {},
): Promise<boolean> => {
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  const { signal } = options;
  while (true) {
    const ticket = waiters.subscribe();
    if (await check()) {
      ticket.cancel();
      return true;
    }
    if (waiters.closed || signal?.aborted === true) {
      ticket.cancel();
      return false;
    }
    const remaining = deadline === undefined ? undefined : deadline - Date.now();
    if (remaining !== undefined && remaining <= 0) {
      ticket.cancel();
      return false;
    }
    // Never above the timer limit: a longer setTimeout fires at once, which would spin this loop.
    const sleep = Math.min(remaining ?? Number.POSITIVE_INFINITY, options.pollMs ?? Number.POSITIVE_INFINITY, MAX_TIMER_MS);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    await Promise.race([
      ticket.promise,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, sleep))),
      new Promise<void>((resolve) => {
        onAbort = resolve;
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    ticket.cancel();
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
};
