import { describe, expect, it } from '@jest/globals';
import { jsonSnapshot } from './jsonSnapshot.js';
import { isDeepFrozen } from './deepFreeze.js';

describe('jsonSnapshot', () => {
  it('keeps a "__proto__" key as a plain own key, not as the prototype', () => {
    const snapshot = jsonSnapshot(JSON.parse('{"a":1,"__proto__":{"polluted":true}}'), 'data') as Record<string, unknown>;
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
    // Members in canonical order: "__proto__" sorts before "a".
    expect(Object.keys(snapshot)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(snapshot, '__proto__')?.value).toEqual({ polluted: true });
    expect((snapshot as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('copies: the snapshot shares no object with its input', () => {
    const input = { list: [{ n: 1 }], nested: { s: 'x' } };
    const snapshot = jsonSnapshot(input, 'data') as typeof input;
    expect(snapshot).toEqual(input);
    expect(snapshot.list).not.toBe(input.list);
    expect(snapshot.list[0]).not.toBe(input.list[0]);
    expect(snapshot.nested).not.toBe(input.nested);
  });

  it('with freeze, freezes every object and array of the copy and remembers it as deep-frozen; without, freezes nothing', () => {
    const input = { b: [{ n: 1 }, [2]], a: { s: 'x' } };
    const frozen = jsonSnapshot(input, 'data', { freeze: true }) as typeof input;
    for (const part of [frozen, frozen.a, frozen.b, frozen.b[0], frozen.b[1]]) expect(Object.isFrozen(part)).toBe(true);
    expect(isDeepFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(input.a)).toBe(false);
    const plain = jsonSnapshot(input, 'data') as typeof input;
    expect(Object.isFrozen(plain) || Object.isFrozen(plain.a) || isDeepFrozen(plain)).toBe(false);
  });

  it('names the offending path, however deep, only for the value refused', () => {
    expect(() => jsonSnapshot({ a: [{ ok: 1 }, { b: Number.NaN }] }, 'data')).toThrow('data.a.1.b: must be a finite number, got NaN');
    expect(() => jsonSnapshot({ a: [1, , 3] }, 'data')).toThrow('data.a.1: is a hole in a sparse array');
    expect(() => jsonSnapshot({ get x() { return 1; } }, 'metadata')).toThrow('metadata.x: is an accessor (getter), not a data property');
    expect(() => jsonSnapshot(1n, '')).toThrow('is a BigInt');
  });
});
