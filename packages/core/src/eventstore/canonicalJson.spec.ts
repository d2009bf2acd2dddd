import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJson, canonicalSnapshotJson } from './canonicalJson.js';
import { isInCanonicalOrder, jsonSnapshot } from './jsonSnapshot.js';
import { GENESIS_HASH, canonicalBytes, sealEvents, type ValidatedEvent } from './chain.js';
import { NO_STREAM } from './expectedVersion.js';

/** An IEEE 754 double from its 16 hex digits (RFC 8785 Appendix B lists numbers this way). */
const double = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalJson (RFC 8785)', () => {
  it('serialises numbers the ECMAScript way (RFC 8785 Appendix B)', () => {
    const vectors: readonly [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'], // -0
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, text] of vectors) expect([hex, canonicalJson(double(hex))]).toEqual([hex, text]);
    for (const hex of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      expect(() => canonicalJson(double(hex))).toThrow(TypeError);
      expect(() => canonicalJson({ n: double(hex) })).toThrow(TypeError);
    }
  });

  it('sorts member names by UTF-16 code units, recursively, and writes no whitespace', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // A surrogate pair sorts by its first code unit (U+D83D), before U+FB33: code units, not code points.
    expect(canonicalJson({ b: { d: [3, { z: 1, y: [] }], c: {} }, a: null })).toBe('{"a":null,"b":{"c":{},"d":[3,{"y":[],"z":1}]}}');
    expect(canonicalJson({ '10': 1, '9': 2, A: 3, a: 4, _: 5 })).toBe('{"10":1,"9":2,"A":3,"_":5,"a":4}');
  });

  it('escapes strings as ECMAScript JSON does, and round-trips the RFC 8785 §3.2.2 example', () => {
    const input = {
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    expect(canonicalJson('\b\f\n\r\t\u0000\u001f\u007f\u2028\u00e9')).toBe('"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028\u00e9"');
  });

  it('refuses what JSON text cannot carry: unpaired surrogates, BigInts, cycles, a top-level undefined', () => {
    expect(() => canonicalJson('a\uD800')).toThrow(TypeError);
    expect(() => canonicalJson('\uDC00b')).toThrow(TypeError);
    expect(() => canonicalJson({ ['k\uDBFF']: 1 })).toThrow(TypeError);
    expect(canonicalJson('\uD800\uDC00')).toBe('"\uD800\uDC00"');
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { again: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });

  it('reads non-JSON values the way JSON.stringify does', () => {
    const shared = { x: 1 };
    expect(
      canonicalJson({
        skipped: undefined,
        fn: () => 1,
        sym: Symbol('s'),
        list: [undefined, () => 1, Symbol('s'), , 2], // eslint-disable-line no-sparse-arrays
        when: new Date('2026-01-27T14:30:00.000Z'),
        boxed: [Object(1), Object('s'), Object(false)],
        custom: { toJSON: () => ({ b: 2, a: 1 }) },
        gone: { toJSON: () => undefined },
        twice: [shared, shared],
      }),
    ).toBe(
      '{"boxed":[1,"s",false],"custom":{"a":1,"b":2},"list":[null,null,null,null,2],"twice":[{"x":1},{"x":1}],"when":"2026-01-27T14:30:00.000Z"}',
    );
  });

  it('agrees with JSON.parse: the canonical text of a value parses back to it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  // canonicalize@5 produced every hash stored so far; it stays a dev dependency for this comparison only.
  const old = (value: unknown): { text: string | undefined } | { error: true } => {
    try {
      return { text: canonicalize(value) };
    } catch {
      return { error: true };
    }
  };
  const ours = (value: unknown): { text: string | undefined } | { error: true } => {
    try {
      return { text: canonicalJson(value) };
    } catch {
      // canonicalize returns undefined where there is no JSON text at all; canonicalJson throws.
      return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? { text: undefined } : { error: true };
    }
  };

  it('property: produces exactly what canonicalize@5 produced, on random JSON', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        text,
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 6 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(ours(value)).toEqual(old(value));
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(ours(value)).toEqual(old(value))), { numRuns: 300 });
  });

  it('writes a snapshot with JSON.stringify only when JavaScript keeps its members in canonical order', () => {
    const sorted = jsonSnapshot({ b: 1, a: { d: [{ f: 1, e: 2 }], c: 2 } }, 'data');
    expect(isInCanonicalOrder(sorted)).toBe(true);
    expect(JSON.stringify(sorted)).toBe('{"a":{"c":2,"d":[{"e":2,"f":1}]},"b":1}');
    const integerKeys = jsonSnapshot({ a: { '10': 1, '9': 2 } }, 'data');
    expect(isInCanonicalOrder(integerKeys)).toBe(false);
    expect(canonicalSnapshotJson(integerKeys)).toBe('{"a":{"10":1,"9":2}}');
  });

  it('property: a plain-JSON snapshot serialises to the same text through canonicalSnapshotJson as through canonicalJson', () => {
    const anything = fc.anything({
      withNullPrototype: true,
      key: fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('__proto__', 'toJSON', 'constructor', '', '0', '9', '10', '01', '-1', '4294967295')),
      values: [fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)],
    });
    let compared = 0;
    fc.assert(
      fc.property(anything, (value) => {
        let snapshot: unknown;
        try {
          snapshot = jsonSnapshot(value, 'data');
        } catch {
          return; // not plain JSON: never serialised this way
        }
        compared += 1;
        expect(canonicalSnapshotJson(snapshot)).toBe(canonicalJson(value));
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it('property: agrees with canonicalize@5 on anything, refusals included (NaN, BigInt, lone surrogates, boxed values, dates)', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withBigInt: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      key: fc.string({ unit: 'binary', maxLength: 6 }),
      values: [fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.double(), fc.constant(undefined), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 2 })],
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(ours(value)).toEqual(old(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('stored hashes do not change', () => {
  // Computed with canonicalize@5 before canonicalJson replaced it; a stored chain must keep verifying.
  const metadata = {
    provenance: { actorId: 'clerk-2', role: 'association-rep', onBehalfOf: 'teacher-41' },
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    effectiveOn: '2026-01-13',
  };
  const datas: unknown[] = [
    { grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' },
    { grievant: 'Zoë Ångström — 李 😀', note: 'tab\there\nnew "quoted" \\ \u0001\u001f\u007f\u2028', articleKeys: [] },
    {
      numbers: [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 333333333.3333333, -1.5e-10],
      b: true,
      c: false,
      n: null,
    },
    { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u0080': 5, '\ud83d\ude00': 6, '\u00f6': 7, a: { z: [{ y: 1, x: 2 }], ä: {} } },
  ];
  const events: ValidatedEvent[] = datas.map((data, i) => ({
    eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    type: 'Thing',
    schemaVersion: 1,
    data,
    metadata,
  }));

  // Events as validateAppend hands them over carry their data's canonical text, which sealing then reuses.
  const validated = events.map((event) => ({ ...event, canonicalData: canonicalSnapshotJson(jsonSnapshot(event.data, 'data')) }));

  it.each([
    ['events built by hand', events],
    ['events carrying their canonical data (as validateAppend makes them)', validated],
  ])('hashes a four-event stream exactly as before: %s', (_label, given) => {
    const sealed = sealEvents('grievance-G-1', { version: NO_STREAM, hash: GENESIS_HASH }, given, '2026-01-13T15:00:00.000Z');
    expect(sealed.map((e) => e.hash)).toEqual([
      '99461218222049a7d7d36dcd167d144d68e8e64c50988844aa9611cf98aa589e',
      '71e9de712f1ded42975f19422e9a9505ecbffbeec4daf071463a906f1acee68d',
      'a502c9d0262e2e7915056845e01640e1069546440c8ed287725769a43e613d59',
      'b51ada724ed64db379704dcac2daa86be2a37c26c2b07a8560344e82e0560b43',
    ]);
    expect(canonicalBytes(sealed[2]!)).toContain('"data":{"b":true,"c":false,"n":null,"numbers":[0,0,1,-1,0.1,1e+21,1e-7,123456789012345680000,5e-324,1.7976931348623157e+308,333333333.3333333,-1.5e-10]}');
  });
});
