import { InvalidArgument, type CodecRegistry } from '@laborcase/core';
import { systemClock } from '../system.js';

/** What every store factory takes: the registry that validates appends, and the clock that sets `recordedAt`. */
export interface CommonStoreOptions {
  /** Validates every appended event: `createDomainRegistry()` from @laborcase/domain, or your own. */
  readonly registry: CodecRegistry;
  /** Sets `recordedAt` (default `systemClock`); inject a fixed clock in tests. */
  readonly clock?: () => Date;
}

const isRegistry = (value: unknown): value is CodecRegistry =>
  typeof value === 'object' && value !== null && ['has', 'validate', 'decode', 'decodeData', 'currentVersion'].every((key) => typeof (value as Record<string, unknown>)[key] === 'function');

/**
 * Check a factory's common options before anything is opened, and fill in the clock: a missing registry or a
 * clock that is not a function is an `InvalidArgument` naming the option, not a failure at the first append.
 */
export const resolveStoreOptions = <O extends CommonStoreOptions>(options: O): O & { readonly clock: () => Date } => {
  if (typeof options !== 'object' || options === null) throw new InvalidArgument('options', 'must be an object with at least a registry');
  if (!isRegistry(options.registry)) throw new InvalidArgument('registry', 'must be a codec registry (createCodecRegistry / createDomainRegistry)');
  if (options.clock !== undefined && typeof options.clock !== 'function') throw new InvalidArgument('clock', 'must be a function returning a Date');
  return { ...options, clock: options.clock ?? systemClock };
};
