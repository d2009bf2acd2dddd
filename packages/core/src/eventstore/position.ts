/**
 * A global position in the store's log. Opaque to callers: compare with `comparePositions`,
 * persist as a string (checkpoints), never do arithmetic on it.
 *
 * Encoding: fixed-width decimal segments joined by ':' so that string order equals log order.
 * A single-sequence store (memory, SQL) uses one segment; EventStoreDB uses commit:prepare.
 */
export type GlobalPosition = string & { readonly __brand: 'GlobalPosition' };

const WIDTH = 20;

export const positionFromSegments = (...segments: readonly bigint[]): GlobalPosition => {
  if (segments.length === 0) throw new RangeError('a position needs at least one segment');
  return segments
    .map((segment) => {
      if (segment < 0n) throw new RangeError(`position segment must be non-negative, got ${segment}`);
      return segment.toString().padStart(WIDTH, '0');
    })
    .join(':') as GlobalPosition;
};

export const positionSegments = (position: GlobalPosition): bigint[] =>
  position.split(':').map((segment) => BigInt(segment));

/** The position before the first event of any store: reading "after" it reads everything. */
/** `positionFromSegments(BigInt(sequence))` for a one-segment store's sequence number, without a BigInt per event. */
export const positionFromSequence = (sequence: number): GlobalPosition => {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`a sequence number must be a non-negative safe integer, got ${sequence}`);
  return String(sequence).padStart(WIDTH, '0') as GlobalPosition;
};

export const START: GlobalPosition = positionFromSegments(0n);

export const comparePositions = (a: GlobalPosition, b: GlobalPosition): -1 | 0 | 1 => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

const POSITION_PATTERN = /^\d{20}(:\d{20})*$/;

export const isGlobalPosition = (value: unknown): value is GlobalPosition =>
  typeof value === 'string' && POSITION_PATTERN.test(value);
