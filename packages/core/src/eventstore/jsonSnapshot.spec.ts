import { describe, expect, it } from '@jest/globals';
import { jsonSnapshot } from './jsonSnapshot.js';

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
});
