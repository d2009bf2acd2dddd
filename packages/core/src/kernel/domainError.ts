import { left, type Either } from 'fp-ts/lib/Either.js';

/**
 * A business-rule rejection. Deciders return these as `Left` values; they are never thrown.
 * `code` is stable and machine-readable (tests match on it); `rule` names the contract or invariant
 * that was broken; `field` points at the offending command field when there is one.
 */
export interface DomainError {
  readonly code: string;
  readonly message: string;
  readonly rule?: string;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export const domainError = (
  code: string,
  message: string,
  extra: Omit<DomainError, 'code' | 'message'> = {},
): DomainError => ({ code, message, ...extra });

/** A decider's rejection: `Left` of a domain error naming the broken rule and, when known, the offending field. */
export const reject = <A = never>(
  code: string,
  message: string,
  rule: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): Either<DomainError, A> =>
  left(domainError(code, message, { rule, ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) }));
