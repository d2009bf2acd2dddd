import { InvalidArgument } from './errors.js';
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
    throw new InvalidArgument(field, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
};

/** Validate and normalise stream-read options the same way in every adapter. */
export const resolveStreamRange = (options: ReadStreamOptions = {}): StreamRange => {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidArgument('direction', `must be "forwards" or "backwards", got ${JSON.stringify(direction)}`);
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

export const resolveAllRange = (options: ReadAllOptions = {}): AllRange => {
  if (options.after !== undefined && !isGlobalPosition(options.after)) {
    throw new InvalidArgument('after', `is not a global position: ${JSON.stringify(options.after)}`);
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
