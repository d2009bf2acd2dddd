import { InvalidArgument } from './errors.js';
import { show } from './show.js';
import { isStorableText } from './validateAppend.js';
import type { ReadAllOptions, ReadDirection, ReadStreamOptions } from './port.js';
import { isGlobalPosition, START, type GlobalPosition } from './position.js';

export interface StreamRange {
  readonly direction: ReadDirection;
  /** Inclusive; `undefined` backwards means "from the last event". */
  readonly fromVersion: number | undefined;
  /** Inclusive bound in the reading direction; `undefined` means unbounded. */
  readonly toVersion: number | undefined;
  readonly maxCount: number;
}

const checkCount = (field: string, value: unknown): void => {
  if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
    throw new InvalidArgument(field, `must be a non-negative integer, got ${show(value)}`);
  }
};

/** Options must be omitted or a plain object: `null`, an array or a string is an `InvalidArgument`. */
const optionsObject = <O extends object>(field: string, options: unknown): Partial<O> => {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgument(field, `must be omitted or an options object, got ${show(options)}`);
  }
  return options as Partial<O>;
};

/** Validate and normalise stream-read options the same way in every adapter. */
export const resolveStreamRange = (given?: ReadStreamOptions): StreamRange => {
  const options = optionsObject<ReadStreamOptions>('options', given);
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidArgument('direction', `must be "forwards" or "backwards", got ${show(direction)}`);
  }
  checkCount('fromVersion', options.fromVersion);
  checkCount('toVersion', options.toVersion);
  checkCount('maxCount', options.maxCount);
  const fromVersion = options.fromVersion ?? (direction === 'forwards' ? 0 : undefined);
  return { direction, fromVersion, toVersion: options.toVersion, maxCount: options.maxCount ?? Number.POSITIVE_INFINITY };
};

/** Whether a version lies in the range (ignoring `maxCount`). */
export const inStreamRange = (range: StreamRange, version: number): boolean =>
  range.direction === 'forwards'
    ? version >= (range.fromVersion ?? 0) && (range.toVersion === undefined || version <= range.toVersion)
    : (range.fromVersion === undefined || version <= range.fromVersion) && (range.toVersion === undefined || version >= range.toVersion);

export interface AllRange {
  readonly after: GlobalPosition;
  readonly maxCount: number;
  readonly eventTypes: ReadonlySet<string> | undefined;
}

export const resolveAllRange = (given?: ReadAllOptions): AllRange => {
  const options = optionsObject<ReadAllOptions>('options', given);
  if (options.after !== undefined && !isGlobalPosition(options.after)) {
    throw new InvalidArgument('after', `is not a global position: ${show(options.after)}`);
  }
  checkCount('maxCount', options.maxCount);
  if (options.eventTypes !== undefined && !(Array.isArray(options.eventTypes) && options.eventTypes.every((t) => typeof t === 'string' && isStorableText(t)))) {
    throw new InvalidArgument('eventTypes', 'must be an array of event type names');
  }
  return {
    after: options.after ?? START,
    maxCount: options.maxCount ?? Number.POSITIVE_INFINITY,
    eventTypes: options.eventTypes === undefined ? undefined : new Set(options.eventTypes),
  };
};

/** Longest delay a Node timer can take (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ResolvedWaitOptions {
  readonly signal: AbortSignal | undefined;
  /** Milliseconds, or `undefined` for no timeout (also what `Infinity` means). */
  readonly timeoutMs: number | undefined;
}

const isAbortSignal = (value: unknown): value is AbortSignal =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function' &&
  typeof (value as AbortSignal).removeEventListener === 'function';

/**
 * Validate `waitForEvents` options the same way in every adapter: `timeoutMs` a number ≥ 0 (`Infinity`: no
 * timeout; a NaN or a string would otherwise wait for ever), `signal` an AbortSignal. Timeouts above the
 * timer limit are kept: the waiting loop sleeps in steps of at most `MAX_TIMER_MS`.
 */
export const resolveWaitOptions = (given?: unknown): ResolvedWaitOptions => {
  const options = optionsObject<{ signal: unknown; timeoutMs: unknown }>('options', given);
  const { signal, timeoutMs } = options;
  if (signal !== undefined && !isAbortSignal(signal)) throw new InvalidArgument('signal', `must be an AbortSignal, got ${show(signal)}`);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && !Number.isNaN(timeoutMs) && timeoutMs >= 0)) {
    throw new InvalidArgument('timeoutMs', `must be a number of milliseconds ≥ 0 (Infinity for none), got ${show(timeoutMs)}`);
  }
  return { signal, timeoutMs: timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY ? undefined : timeoutMs };
};
