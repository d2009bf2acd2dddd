import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './domainError.js';

/**
 * One rule check, the single style every aggregate's `decide/` uses: `undefined` when the rule holds, otherwise
 * the rejection (a `Left` built with `reject`). Checks compose with `firstFailure`, and a decide function reads
 * as a list of the rules it enforces followed by the events it records.
 */
export type Check = Either<DomainError, never> | undefined;

/**
 * The first failing check, if any. Arguments are either checks already evaluated, or thunks evaluated in order
 * only while every earlier one held (use a thunk when a check relies on an earlier one having passed).
 */
export const firstFailure = (...checks: readonly (Check | (() => Check))[]): Check => {
  for (const check of checks) {
    const outcome = typeof check === 'function' ? check() : check;
    if (outcome !== undefined) return outcome;
  }
  return undefined;
};

/** The codes an aggregate can return, as a frozen name → code table (its `errors.ts`). */
export const errorCodes = <const Codes extends Readonly<Record<string, string>>>(codes: Codes): Codes => Object.freeze(codes);

/** The union of the codes in an `errorCodes` table. */
export type ErrorCodeOf<Codes extends Readonly<Record<string, string>>> = Codes[keyof Codes];

/** Codes the kernel itself returns, whatever the aggregate. */
export const CoreErrors = errorCodes({
  /** A command (or a service call's actor or id) failed its codec; `field` names the first offending path. */
  invalidCommand: 'InvalidCommand',
  /** The stream holds records the registry cannot read; nothing is decided on a partial history. */
  streamHasQuarantinedEvents: 'StreamHasQuarantinedEvents',
  /** Loading found the stream's chain visibly broken (a missing version, a link that does not match). */
  streamCorrupted: 'StreamCorrupted',
});
export type CoreErrorCode = ErrorCodeOf<typeof CoreErrors>;
