import { EventStoreError, StoreFailure, StoreUnavailable } from '@laborcase/core';

/** The fields of a driver error we look at (node-postgres and PGlite both expose `code` as SQLSTATE). */
interface DriverError {
  readonly code?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

const asDriverError = (error: unknown): DriverError => (typeof error === 'object' && error !== null ? (error as DriverError) : {});

export const sqlState = (error: unknown): string | undefined => {
  const code = asDriverError(error).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  sqlState(error) === '23505' && (constraint === undefined || asDriverError(error).constraint === constraint || String(asDriverError(error).message).includes(constraint));

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  'Cannot use a pool after calling end on the pool',
  'Client was closed and is not queryable',
  'is not queryable',
  'terminating connection',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'PGlite is closed',
];

/**
 * Map anything a driver threw to the port's error model, keeping the original as `cause`.
 * Unreachable or shut-down databases (SQLSTATE classes 08 and 57P0x, socket errors, ended pools) become
 * `StoreUnavailable`; everything else `StoreFailure`. Errors already in the port's model pass through.
 */
export const toStoreError = (error: unknown, operation: string): EventStoreError => {
  if (error instanceof EventStoreError) return error;
  const state = sqlState(error);
  const code = asDriverError(error).code;
  const message = String(asDriverError(error).message ?? error);
  if (
    (state !== undefined && (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state))) ||
    (typeof code === 'string' && UNAVAILABLE_NODE_CODES.has(code)) ||
    UNAVAILABLE_MESSAGES.some((m) => message.includes(m))
  ) {
    return new StoreUnavailable(`${operation}: database unavailable: ${message}`, { cause: error });
  }
  if (state === '57014') return new StoreFailure(`${operation}: statement timed out or was cancelled: ${message}`, { cause: error });
  return new StoreFailure(`${operation} failed${state === undefined ? '' : ` (SQLSTATE ${state})`}: ${message}`, { cause: error });
};
