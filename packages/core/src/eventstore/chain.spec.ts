import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { GENESIS_HASH, canonicalBytes, chainHash, sealEvents, verifyStream, type ValidatedEvent } from './chain.js';
import { NO_STREAM } from './expectedVersion.js';
import type { SealedEvent } from './envelope.js';
import * as t from 'io-ts';
import { createCodecRegistry } from '../codecs/registry.js';
import { defineEventType } from '../codecs/eventType.js';
import { validateAppend } from './validateAppend.js';

const metadata = { provenance: { actorId: 'u1', role: 'hr' }, correlationId: 'c1', causationId: 'c1', effectiveOn: '2026-01-13' };
const event = (i: number, data: unknown = { i }): ValidatedEvent => ({
  eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: 'Thing',
  schemaVersion: 1,
  data,
  metadata,
});
const seal = (events: ValidatedEvent[]) => sealEvents('s-1', { version: NO_STREAM, hash: GENESIS_HASH }, events, '2026-01-13T15:00:00.000Z');

const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== undefined);

describe('tamper-evident chain', () => {
  it('hashes canonical JSON: key order and whitespace do not matter', () => {
    const [a] = seal([event(1, { b: 1, a: [1, { d: 2, c: 3 }] })]);
    const [b] = seal([event(1, { a: [1, { c: 3, d: 2 }], b: 1 })]);
    expect(a!.hash).toBe(b!.hash);
    expect(canonicalBytes(a!)).toContain('"data":{"a":[1,{"c":3,"d":2}],"b":1}');
  });

  it('chains SHA-256(prevHash ‖ canonical bytes) from the genesis hash', () => {
    const sealed = seal([event(1), event(2)]);
    expect(sealed[0]!.prevHash).toBe(GENESIS_HASH);
    expect(sealed[0]!.hash).toBe(chainHash(GENESIS_HASH, sealed[0]!));
    expect(sealed[1]!.prevHash).toBe(sealed[0]!.hash);
    expect(sealed[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact stream, and a range given the hash before it', () => {
    const sealed = seal([event(1), event(2), event(3)]);
    expect(verifyStream(sealed)).toEqual({ ok: true, checked: 3, lastHash: sealed[2]!.hash });
    expect(verifyStream(sealed.slice(1), { prevHash: sealed[0]!.hash, fromVersion: 1 }).ok).toBe(true);
    expect(verifyStream([])).toEqual({ ok: true, checked: 0, lastHash: GENESIS_HASH });
  });

  it('reports reordering, foreign events and altered metadata', () => {
    const sealed = seal([event(1), event(2), event(3)]);
    expect(verifyStream([sealed[0]!, sealed[2]!, sealed[1]!])).toMatchObject({ ok: false, index: 1, reason: 'version-gap' });
    const foreign: SealedEvent = { ...sealed[1]!, streamId: 's-2' };
    expect(verifyStream([sealed[0]!, foreign])).toMatchObject({ ok: false, index: 1, reason: 'foreign-event' });
    const relinked: SealedEvent = { ...sealed[1]!, prevHash: GENESIS_HASH };
    expect(verifyStream([sealed[0]!, relinked])).toMatchObject({ ok: false, index: 1, reason: 'broken-link' });
    const backdated: SealedEvent = { ...sealed[2]!, metadata: { ...sealed[2]!.metadata, effectiveOn: '2026-01-12' } };
    expect(verifyStream([sealed[0]!, sealed[1]!, backdated])).toMatchObject({ ok: false, index: 2, streamVersion: 2, reason: 'content-altered' });
  });

  it('property: changing any one event payload is detected at exactly that position', () => {
    fc.assert(
      fc.property(
        fc.array(json, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        json,
        (payloads, pick, replacement) => {
          const sealed = seal(payloads.map((p, i) => event(i, p)));
          const at = pick % sealed.length;
          fc.pre(canonicalBytes({ ...sealed[at]!, data: replacement }) !== canonicalBytes(sealed[at]!));
          const tampered = sealed.map((e, i) => (i === at ? { ...e, data: replacement } : e));
          expect(verifyStream(tampered)).toMatchObject({ ok: false, index: at, reason: 'content-altered' });
        },
      ),
    );
  });

  it('property: events sealed from what validateAppend returns hash as canonicalBytes says (the validated fast path, metadata text included, changes no hash)', () => {
    const registry = createCodecRegistry([defineEventType('Thing', 1, t.unknown)]);
    const data = fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    const streamId = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((id) => id.trim() !== '');
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => /\p{L}/u.test(s));
    const metadatas = fc.record(
      {
        provenance: fc.record({ actorId: text, role: text, onBehalfOf: text }, { requiredKeys: ['actorId', 'role'] }),
        correlationId: text,
        causationId: text,
        effectiveOn: fc.constantFrom('2026-01-13', '2024-02-29'),
        recordedAt: fc.constant('2020-01-01T00:00:00.000Z'),
      },
      { requiredKeys: ['provenance', 'correlationId', 'causationId', 'effectiveOn'] },
    );
    fc.assert(
      fc.property(streamId, fc.array(fc.tuple(data, metadatas), { minLength: 1, maxLength: 4 }), (id, pairs) => {
        const batch = validateAppend(registry, id, pairs.map(([d, m], i) => ({ ...event(i), data: d, metadata: m })), NO_STREAM);
        expect(batch.events.every((e) => typeof e.canonicalData === 'string' && typeof e.canonicalMetadata === 'string')).toBe(true);
        const sealed = sealEvents(batch.streamId, { version: NO_STREAM, hash: GENESIS_HASH }, batch.events, '2026-01-13T15:00:00.000Z');
        let prevHash = GENESIS_HASH;
        for (const e of sealed) {
          expect(e.hash).toBe(chainHash(prevHash, e));
          prevHash = e.hash;
        }
      }),
      { numRuns: 300 },
    );
  });
});
