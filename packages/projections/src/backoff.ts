/**
 * Retrying transient failures with exponential backoff: attempt n waits `initialDelayMs × factor^(n-1)`, capped
 * at `maxDelayMs`, less a random share of up to `jitter` of it (so runners that lost the same database do not
 * all come back at the same instant).
 */
import { StoreUnavailable } from '@laborcase/core';
import { InvalidProjection, ReadModelFailure } from './errors.js';

export interface BackoffOptions {
  /** First wait (default 100 ms). */
  readonly initialDelayMs?: number;
  /** Longest wait (default 30,000 ms). */
  readonly maxDelayMs?: number;
  /** Growth per attempt (default 2). */
  readonly factor?: number;
  /** Share of each wait taken off at random, 0 to 1 (default 0.5). */
  readonly jitter?: number;
  /** Attempts in a row, the failing first one included, before giving up (default: no limit). */
  readonly maxAttempts?: number;
  /** Which errors are worth waiting out (default `isTransientError`). */
  readonly isTransient?: (error: unknown) => boolean;
  /** A number in [0, 1) (default `Math.random`; tests pin it). */
  readonly random?: () => number;
}

export type BackoffPolicy = Required<BackoffOptions>;

/** SQLSTATE classes and driver codes of a lost or refused connection, an admin shutdown or too many clients. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);

const lostConnection = (cause: unknown): boolean => {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('08') || CONNECTION_CODES.has(code));
};

/** The event store is unavailable (`StoreUnavailable`), or the read-model database lost its connection. */
export const isTransientError = (error: unknown): boolean => error instanceof StoreUnavailable || (error instanceof ReadModelFailure && lostConnection(error.cause));

const finite = (field: string, value: number | undefined, fallback: number, min: number, max = Number.POSITIVE_INFINITY): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) throw new InvalidProjection(field, `must be a number from ${min} to ${max}, got ${String(value)}`);
  return value;
};

export const backoffPolicyOf = (options: BackoffOptions | undefined, field = 'retry'): BackoffPolicy => {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new InvalidProjection(field, 'must be an object');
  const o = options ?? {};
  for (const fn of ['isTransient', 'random'] as const) {
    if (o[fn] !== undefined && typeof o[fn] !== 'function') throw new InvalidProjection(`${field}.${fn}`, 'must be a function');
  }
  const initialDelayMs = finite(`${field}.initialDelayMs`, o.initialDelayMs, 100, 0);
  return {
    initialDelayMs,
    maxDelayMs: finite(`${field}.maxDelayMs`, o.maxDelayMs, Math.max(30_000, initialDelayMs), initialDelayMs),
    factor: finite(`${field}.factor`, o.factor, 2, 1),
    jitter: finite(`${field}.jitter`, o.jitter, 0.5, 0, 1),
    maxAttempts: finite(`${field}.maxAttempts`, o.maxAttempts, Number.POSITIVE_INFINITY, 1),
    isTransient: o.isTransient ?? isTransientError,
    random: o.random ?? Math.random,
  };
};

/** The wait before retry number `attempt` (1 for the first retry). */
export const backoffDelay = (policy: BackoffPolicy, attempt: number): number => {
  const capped = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (attempt - 1));
  return Math.round(capped * (1 - policy.jitter * policy.random()));
};
