import { describe, expect, it } from '@jest/globals';
import {
  ANY,
  GENESIS_HASH,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StoreFailure,
  StoreUnavailable,
  WrongExpectedVersion,
  InvalidArgument,
  comparePositions,
  positionFromSegments,
  sealEvents,
  verifyStream,
  type GlobalPosition,
} from '@laborcase/core';
import { WrongExpectedVersionError, StreamDeletedError, UnavailableError, DeadlineExceededError, AccessDeniedError } from '@eventstore/db-client';
import {
  CLAIM_STREAM_PREFIX,
  claimStreamOf,
  fromEsdbPosition,
  fromRecordedEvent,
  isLaborcaseEvent,
  isSystemEvent,
  revisionAfter,
  toEsdbMetadata,
  toEsdbPosition,
  toExpectedRevision,
  toStreamVersion,
  translateError,
  type EsdbRecordedEvent,
} from './mapping.js';

const sealed = sealEvents(
  'grievance-1',
  { version: NO_STREAM, hash: GENESIS_HASH },
  [
    {
      eventId: '5f2b7c1e-8a3d-4f6e-9b1a-2c3d4e5f6a7b',
      type: 'ToyGrievanceFiled',
      schemaVersion: 2,
      data: { grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' },
      metadata: { provenance: { actorId: 'clerk-2', role: 'association-rep', onBehalfOf: 'teacher-41' }, correlationId: 'corr-1', causationId: 'cmd-1', effectiveOn: '2025-10-21' },
    },
  ],
  '2026-01-27T14:30:00.000Z',
)[0]!;

const recorded = (overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent => ({
  streamId: 'grievance-1',
  id: sealed.eventId,
  revision: 0n,
  type: sealed.type,
  data: JSON.parse(JSON.stringify(sealed.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(toEsdbMetadata(sealed, sealed.eventId))) as unknown,
  isJson: true,
  position: { commit: 4_096n, prepare: 4_096n },
  ...overrides,
});

describe('EventStoreDB mapping: expected versions', () => {
  it('maps every kind onto the client value, versions onto 0-based revisions', () => {
    expect(toExpectedRevision(NO_STREAM)).toBe('no_stream');
    expect(toExpectedRevision(STREAM_EXISTS)).toBe('stream_exists');
    expect(toExpectedRevision(ANY)).toBe('any');
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
  });
  it('appends after the exact revision read, NO_STREAM for an empty stream (never -1n)', () => {
    expect(revisionAfter(NO_STREAM)).toBe('no_stream');
    expect(revisionAfter(7)).toBe(7n);
  });
  it('reads revisions back as versions and refuses what a number cannot hold', () => {
    expect(toStreamVersion('no_stream')).toBe(NO_STREAM);
    expect(toStreamVersion(3n)).toBe(3);
    expect(toStreamVersion('12')).toBe(12);
    expect(() => toStreamVersion(2n ** 60n)).toThrow(StoreFailure);
  });
});

describe('EventStoreDB mapping: positions as strings', () => {
  it('serialises commit:prepare in fixed width, so string order is log order', () => {
    const a = fromEsdbPosition({ commit: 999n, prepare: 999n });
    const b = fromEsdbPosition({ commit: 1_000n, prepare: 1_000n });
    expect(a).toBe('00000000000000000999:00000000000000000999');
    expect(comparePositions(a, b)).toBe(-1);
    expect(comparePositions(START, a)).toBe(-1);
    expect(toEsdbPosition(b)).toEqual({ commit: 1_000n, prepare: 1_000n });
  });
  it('reads START as the start of the log and refuses positions from other stores, naming the field', () => {
    expect(toEsdbPosition(START)).toBe('start');
    const sqlPosition = positionFromSegments(42n);
    expect(() => toEsdbPosition(sqlPosition)).toThrow(InvalidArgument);
    expect(() => toEsdbPosition('yesterday' as GlobalPosition, 'after')).toThrow(expect.objectContaining({ field: 'after' }) as never);
    expect(() => toEsdbPosition(positionFromSegments(1n, 2n, 3n))).toThrow(expect.objectContaining({ code: 'InvalidArgument' }) as never);
  });
});

describe('EventStoreDB mapping: the envelope in the JSON metadata', () => {
  it('keeps correlation and causation where the server projections look ($correlationId, $causationId)', () => {
    const metadata = toEsdbMetadata(sealed, 'append-1');
    expect(metadata).toMatchObject({
      laborcaseEnvelope: 1,
      $correlationId: 'corr-1',
      $causationId: 'cmd-1',
      schemaVersion: 2,
      provenance: { actorId: 'clerk-2', role: 'association-rep', onBehalfOf: 'teacher-41' },
      effectiveOn: '2025-10-21',
      recordedAt: '2026-01-27T14:30:00.000Z',
      prevHash: GENESIS_HASH,
      hash: sealed.hash,
      appendId: 'append-1',
    });
    expect(Object.keys(metadata)).not.toContain('correlationId');
  });
  it('round-trips to exactly the sealed event, whose chain still verifies', () => {
    const { event, appendId } = fromRecordedEvent(recorded());
    const { globalPosition, ...content } = event;
    expect(content).toEqual(sealed);
    expect(globalPosition).toBe(fromEsdbPosition({ commit: 4_096n, prepare: 4_096n }));
    expect(appendId).toBe(sealed.eventId);
    expect(verifyStream([event]).ok).toBe(true);
  });
  it('names the field when a stored event is not one of ours', () => {
    const fails = (overrides: Partial<EsdbRecordedEvent>, field: string) => {
      const error = (() => {
        try {
          fromRecordedEvent(recorded(overrides));
        } catch (caught) {
          return caught;
        }
        throw new Error('expected a failure');
      })();
      expect(error).toBeInstanceOf(StoreFailure);
      expect((error as Error).message).toContain(field);
    };
    fails({ metadata: { $correlationId: 'x' } }, 'metadata.laborcaseEnvelope');
    fails({ metadata: { ...(recorded().metadata as object), provenance: 'nobody' } }, 'metadata.provenance');
    fails({ metadata: { ...(recorded().metadata as object), $causationId: 7 } }, 'metadata.$causationId');
    fails({ metadata: { ...(recorded().metadata as object), schemaVersion: '2' } }, 'metadata.schemaVersion');
    fails({ isJson: false }, 'data');
    fails({ position: undefined }, 'globalPosition');
    fails({ position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } }, 'globalPosition');
  });
});

describe('EventStoreDB mapping: what $all holds', () => {
  it('skips system events ($-types, $-streams), the adapter\'s id claims and foreign events', () => {
    expect(isSystemEvent({ streamId: '$settings', type: 'update' })).toBe(true);
    expect(isSystemEvent({ streamId: 'grievance-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$grievance-1', type: '$metadata' })).toBe(true);
    expect(isLaborcaseEvent(recorded())).toBe(true);
    expect(isLaborcaseEvent(recorded({ type: '$statsCollected' }))).toBe(false);
    expect(isLaborcaseEvent(recorded({ streamId: claimStreamOf(sealed.eventId) }))).toBe(false);
    expect(claimStreamOf('abc').startsWith(CLAIM_STREAM_PREFIX)).toBe(true);
    expect(isLaborcaseEvent(recorded({ metadata: { correlationId: 'emmett-style' } }))).toBe(false);
    expect(isLaborcaseEvent(recorded({ metadata: undefined }))).toBe(false);
  });
});

describe('EventStoreDB mapping: errors', () => {
  it('turns a client conflict into WrongExpectedVersion with the caller\'s expectation, the actual version and the cause', () => {
    const cause = new WrongExpectedVersionError(undefined, { streamName: 'grievance-1', expected: 0n, current: 4n });
    const error = translateError(cause, { streamId: 'grievance-1', expected: STREAM_EXISTS });
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: 'grievance-1', expected: STREAM_EXISTS, actual: 4, cause });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
    expect(translateError(missing, { streamId: 's', expected: STREAM_EXISTS })).toMatchObject({ actual: NO_STREAM });
  });
  it('reports unreachable, timed-out and non-leader nodes as StoreUnavailable, the rest as StoreFailure, keeping the cause', () => {
    const unavailable = new UnavailableError(undefined as never);
    expect(translateError(unavailable)).toBeInstanceOf(StoreUnavailable);
    expect(translateError(unavailable).cause).toBe(unavailable);
    expect(translateError(new DeadlineExceededError(undefined as never))).toBeInstanceOf(StoreUnavailable);
    expect(translateError(Object.assign(new Error('not leader'), { type: 'not-leader' }))).toBeInstanceOf(StoreUnavailable);
    const deleted = StreamDeletedError.fromStreamName('grievance-9');
    const failure = translateError(deleted, { streamId: 'grievance-9' });
    expect(failure).toBeInstanceOf(StoreFailure);
    expect(failure.message).toContain('deleted');
    expect(failure.message).toContain('grievance-9');
    expect(translateError(new AccessDeniedError(undefined as never))).toBeInstanceOf(StoreFailure);
    expect(translateError(new Error('boom'))).toBeInstanceOf(StoreFailure);
    // Raw gRPC errors the client does not convert (its ServerFeatures probe): UNAVAILABLE (14), DEADLINE_EXCEEDED (4).
    expect(translateError(Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), { code: 14 }))).toBeInstanceOf(StoreUnavailable);
    expect(translateError(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }))).toBeInstanceOf(StoreUnavailable);
    expect(translateError(Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }))).toBeInstanceOf(StoreFailure);
  });
  it('passes the port\'s own errors through unchanged', () => {
    const own = new InvalidArgument('streamId', 'must be a non-empty string');
    expect(translateError(own)).toBe(own);
  });
});
