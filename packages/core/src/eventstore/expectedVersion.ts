/**
 * Stream versions are 0-based: the first event of a stream has version 0, so a stream's version is
 * the version of its last event. A stream with no events has the single sentinel `NO_STREAM`
 * wherever a version is reported or expected.
 */
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;
export const ANY = 'any' as const;

export type NoStream = typeof NO_STREAM;
export type StreamVersion = number | NoStream;
export type ExpectedVersion = number | NoStream | typeof STREAM_EXISTS | typeof ANY;

export const isExactVersion = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const isExpectedVersion = (value: unknown): value is ExpectedVersion =>
  value === NO_STREAM || value === STREAM_EXISTS || value === ANY || isExactVersion(value);

/** Whether an append with `expected` may go ahead on a stream whose current version is `actual`. */
export const expectedVersionMatches = (expected: ExpectedVersion, actual: StreamVersion): boolean => {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return actual === NO_STREAM;
    case STREAM_EXISTS:
      return actual !== NO_STREAM;
    default:
      return actual === expected;
  }
};

/** The version a stream reaches after `count` more events. */
export const versionAfter = (actual: StreamVersion, count: number): StreamVersion =>
  count === 0 ? actual : (actual === NO_STREAM ? -1 : actual) + count;

/** The version the next appended event gets. */
export const nextVersion = (actual: StreamVersion): number => (actual === NO_STREAM ? 0 : actual + 1);
