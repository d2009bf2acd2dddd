import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { CodecRegistryError, createCodecRegistry } from './registry.js';
import { defineEventType } from './eventType.js';
import { IsoDate, NonEmptyString } from './primitives.js';
import { GENESIS_HASH, sealEvents } from '../eventstore/chain.js';
import { positionFromSegments } from '../eventstore/position.js';
import type { StoredEvent } from '../eventstore/envelope.js';
import { deepFreeze } from '../eventstore/deepFreeze.js';

const V1 = t.type({ name: NonEmptyString });
const V2 = t.type({ name: NonEmptyString, unit: NonEmptyString });
const V3 = t.type({ fullName: NonEmptyString, unit: NonEmptyString, since: IsoDate });

const Renamed = defineEventType('Renamed', 1, V1)
  .next(2, V2, (v1) => ({ ...v1, unit: 'ECEA' }))
  .next(3, V3, ({ name, unit }) => ({ fullName: name, unit, since: '2024-07-01' }));

const stored = (type: string, schemaVersion: number, data: unknown): StoredEvent => {
  const [sealed] = sealEvents(
    'people-1',
    { version: 'no_stream', hash: GENESIS_HASH },
    [{ eventId: '0b5e4a7e-9d6f-4a35-8f3c-0f1d5b0c9a11', type, schemaVersion, data, metadata: { provenance: { actorId: 'a', role: 'r' }, correlationId: 'c', causationId: 'c', effectiveOn: '2026-01-01' } }],
    '2026-01-01T00:00:00.000Z',
  );
  return { ...sealed!, globalPosition: positionFromSegments(1n) };
};

describe('codec registry', () => {
  it('reports the current version per type', () => {
    const registry = createCodecRegistry([Renamed]);
    expect(registry.currentVersion('Renamed')).toBe(3);
    expect(registry.currentVersion('Nope')).toBeUndefined();
    expect(registry.types).toEqual(['Renamed']);
  });

  it('upcasts through the whole chain on decode', () => {
    const registry = createCodecRegistry([Renamed]);
    expect(registry.decode(stored('Renamed', 1, { name: 'Ada' }))).toMatchObject({
      kind: 'event',
      storedVersion: 1,
      data: { fullName: 'Ada', unit: 'ECEA', since: '2024-07-01' },
    });
    expect(registry.decode(stored('Renamed', 3, { fullName: 'Bo', unit: 'ECAP', since: '2025-01-01' }))).toMatchObject({
      kind: 'event',
      data: { fullName: 'Bo', unit: 'ECAP', since: '2025-01-01' },
    });
  });

  it('fails at start-up on a version gap', () => {
    const v1 = { type: 'Gappy', version: 1, codec: V1 as t.Type<unknown, unknown, unknown> };
    const v3 = { type: 'Gappy', version: 3, codec: V3 as t.Type<unknown, unknown, unknown>, upcastFromPrevious: (x: unknown) => x };
    const attempt = () => createCodecRegistry([v1, v3]);
    expect(attempt).toThrow(CodecRegistryError);
    expect(attempt).toThrow(/Gappy: gap: versions 2 missing/);
  });

  it('fails at start-up on a missing upcaster, a duplicate and a version 0', () => {
    const codec = V1 as t.Type<unknown, unknown, unknown>;
    try {
      createCodecRegistry([
        { type: 'A', version: 1, codec },
        { type: 'A', version: 2, codec },
        { type: 'B', version: 1, codec },
        { type: 'B', version: 1, codec },
        { type: 'C', version: 0, codec },
      ]);
      throw new Error('expected a CodecRegistryError');
    } catch (error) {
      expect(error).toBeInstanceOf(CodecRegistryError);
      expect((error as CodecRegistryError).problems.map((p) => `${p.type}:${p.problem}`).sort()).toEqual(
        ['A:missing-upcaster', 'B:duplicate-version', 'C:gap', 'C:invalid-version'].sort(),
      );
    }
  });

  it('fails at start-up on an event type name with no visible character or with a control character', () => {
    for (const name of ['\u200B', ' ', 'Filed\u0001', '\u2060\u2060']) {
      expect(() => createCodecRegistry([defineEventType(name, 1, V1)])).toThrow(CodecRegistryError);
    }
    expect(() => createCodecRegistry([defineEventType('Grievance Filed — étape 2', 1, V1)])).not.toThrow();
  });

  it('validates data with field paths', () => {
    const registry = createCodecRegistry([Renamed]);
    expect(registry.validate('Renamed', 3, { fullName: 'x', unit: 'y', since: 'soon' })).toEqual({
      ok: false,
      issues: [{ path: 'data.since', message: 'expected IsoDate, got "soon"' }],
    });
    expect(registry.validate('Renamed', 9, {})).toMatchObject({ ok: false, issues: [{ path: 'schemaVersion' }] });
    expect(registry.validate('Nope', 1, {})).toMatchObject({ ok: false, issues: [{ path: 'type' }] });
  });

  it('quarantines instead of throwing', () => {
    const registry = createCodecRegistry([Renamed]);
    expect(registry.decode(stored('Unknown', 1, {}))).toMatchObject({ kind: 'quarantined', reason: 'unknown-type' });
    expect(registry.decode(stored('Renamed', 4, {}))).toMatchObject({ kind: 'quarantined', reason: 'unknown-version' });
    expect(registry.decode(stored('Renamed', 2, { name: 'x' }))).toMatchObject({
      kind: 'quarantined',
      reason: 'invalid-payload',
      issues: [{ path: 'data.unit' }],
    });
    const throwing = defineEventType('Boom', 1, V1).next(2, V2, () => {
      throw new Error('bad upcaster');
    });
    expect(createCodecRegistry([throwing]).decode(stored('Boom', 1, { name: 'x' }))).toMatchObject({
      kind: 'quarantined',
      reason: 'upcast-failed',
    });
    const lying = defineEventType('Liar', 1, V1).next(2, V2, (v1) => v1 as never);
    expect(createCodecRegistry([lying]).decode(stored('Liar', 1, { name: 'x' }))).toMatchObject({
      kind: 'quarantined',
      reason: 'upcast-failed',
      issues: [{ path: 'data.unit' }],
    });
  });
});

describe('codec registry: decoding data it already validated (issue 14)', () => {
  /** A codec that counts its decodes, to tell the fast path from a full decode. */
  const counted = <A, O>(codec: t.Type<A, O, unknown>) => {
    const calls = { decode: 0 };
    const type = new t.Type<A, O, unknown>(codec.name, codec.is, (u, c) => codec.validate(u, c), codec.encode);
    const decode = type.decode.bind(type);
    type.decode = (u) => {
      calls.decode += 1;
      return decode(u);
    };
    return { codec: type, calls };
  };
  const setUp = () => {
    const current = counted(V2);
    const registry = createCodecRegistry([{ type: 'Moved', version: 1, codec: V1 as t.Type<unknown, unknown, unknown> }, {
      type: 'Moved',
      version: 2,
      codec: current.codec as t.Type<unknown, unknown, unknown>,
      upcastFromPrevious: (v1) => ({ ...(v1 as object), unit: 'ECEA' }),
    }]);
    return { registry, calls: current.calls };
  };

  it('hands back deep-frozen data it validated at the current version without decoding it again', () => {
    const { registry, calls } = setUp();
    const data = deepFreeze({ name: 'Ada', unit: 'ECAP' });
    expect(registry.validate('Moved', 2, data).ok).toBe(true);
    calls.decode = 0;
    const decoded = registry.decode(stored('Moved', 2, data));
    expect(decoded).toMatchObject({ kind: 'event', type: 'Moved', storedVersion: 2 });
    expect(decoded.kind === 'event' && decoded.data).toBe(data);
    expect(calls.decode).toBe(0);
  });

  it('decodes everything else: data not frozen, a copy, another version, another registry', () => {
    const { registry, calls } = setUp();
    const loose = { name: 'Ada', unit: 'ECAP' };
    registry.validate('Moved', 2, loose);
    const frozen = deepFreeze({ name: 'Bo', unit: 'ECAP' });
    registry.validate('Moved', 2, frozen);
    calls.decode = 0;
    registry.decode(stored('Moved', 2, loose));
    registry.decode(stored('Moved', 2, { ...frozen }));
    expect(calls.decode).toBe(2);
    const other = setUp();
    other.registry.decode(stored('Moved', 2, frozen));
    expect(other.calls.decode).toBe(1);
  });

  it('still quarantines a wrongly-shaped record that reaches the fast path’s guard', () => {
    const { registry } = setUp();
    const valid = deepFreeze({ name: 'Ada', unit: 'ECAP' });
    registry.validate('Moved', 2, valid);
    const validV1 = deepFreeze({ name: 'Cy' });
    registry.validate('Moved', 1, validV1);
    // validated data under a record claiming another version, another type, or wrong data under a validated record
    expect(registry.decode({ ...stored('Moved', 2, valid), schemaVersion: 1 })).toMatchObject({ kind: 'event', data: { name: 'Ada', unit: 'ECEA' } });
    expect(registry.decode(stored('Moved', 2, validV1))).toMatchObject({ kind: 'quarantined', reason: 'invalid-payload' });
    expect(registry.decode(stored('Renamed', 3, valid))).toMatchObject({ kind: 'quarantined', reason: 'unknown-type' });
    const withRenamed = createCodecRegistry([Renamed]);
    const renamed = deepFreeze({ fullName: 'Di', unit: 'ECAP', since: '2025-01-01' });
    withRenamed.validate('Renamed', 3, renamed);
    expect(withRenamed.decode(stored('Renamed', 3, renamed))).toMatchObject({ kind: 'event' });
    expect(registry.decode(stored('Moved', 2, renamed))).toMatchObject({ kind: 'quarantined', reason: 'invalid-payload' });
    expect(registry.decode(stored('Moved', 2, deepFreeze({ name: '' , unit: 'ECAP' })))).toMatchObject({ kind: 'quarantined', reason: 'invalid-payload' });
  });

  it('does not trust data whose decoding changed it (a key stripped), so reads keep returning the decoded form', () => {
    const Exact = t.exact(V2);
    const registry = createCodecRegistry([{ type: 'Moved', version: 1, codec: Exact as t.Type<unknown, unknown, unknown> }]);
    const data = deepFreeze({ name: 'Ada', unit: 'ECAP', extra: true });
    expect(registry.validate('Moved', 1, data).ok).toBe(true);
    const decoded = registry.decode(stored('Moved', 1, data));
    expect(decoded.kind === 'event' && decoded.data).toEqual({ name: 'Ada', unit: 'ECAP' });
  });
});
