import { isInCanonicalOrder } from './jsonSnapshot.js';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the text the hash chain and retry detection compare.
 *
 * - object members sorted by their names' UTF-16 code units (what `Array.prototype.sort` does by default);
 * - numbers as ECMAScript serialises them (`JSON.stringify`: shortest round-trip form, `-0` as `0`,
 *   exponent from 1e21 and below 1e-6); NaN and the infinities have no JSON form and are refused;
 * - strings as `JSON.stringify` escapes them; a string with an unpaired surrogate is refused;
 * - no whitespace.
 *
 * Values that are not plain JSON are read the way `JSON.stringify` reads them: `toJSON` is called, boxed
 * primitives are unwrapped, members whose value is undefined, a function or a symbol are left out, and such
 * array elements become `null`. BigInts and cycles are refused. This is, byte for byte, what `canonicalize@5`
 * produced for the hashes already stored (a spec compares the two on random values).
 */
export const canonicalJson = (value: unknown): string => {
  const text = serialise(value, new Set());
  if (text === undefined) throw new TypeError('the value has no JSON representation (undefined, a function or a symbol)');
  return text;
};

/** An unpaired high or low surrogate (matched on UTF-16 code units, hence no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const serialiseString = (text: string): string => {
  if (LONE_SURROGATE.test(text)) throw new TypeError('a string holds an unpaired surrogate, which JSON text cannot carry');
  return JSON.stringify(text);
};

const serialiseNumber = (n: number): string => {
  if (!Number.isFinite(n)) throw new TypeError(`${n} has no JSON representation`);
  return JSON.stringify(n);
};

/** What `JSON.stringify` would serialise in place of `value`: `toJSON` results and unboxed primitives. */
const resolve = (value: unknown, ancestors: Set<object>): unknown => {
  // Primitives are most of what is serialised: they need no toJSON lookup and no list of values seen.
  if (typeof value !== 'object' || value === null) return value;
  let current: unknown = value;
  const seen: object[] = [];
  while (typeof current === 'object' && current !== null && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
    if (ancestors.has(current) || seen.includes(current)) throw new TypeError('the value is circular');
    seen.push(current);
    current = (current as { toJSON: () => unknown }).toJSON();
  }
  if (current instanceof Number || current instanceof String || current instanceof Boolean) return current.valueOf();
  return current;
};

const serialise = (value: unknown, ancestors: Set<object>): string | undefined => {
  const resolved = resolve(value, ancestors);
  switch (typeof resolved) {
    case 'string':
      return serialiseString(resolved);
    case 'number':
      return serialiseNumber(resolved);
    case 'boolean':
      return resolved ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt has no JSON representation');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (resolved === null) return 'null';
  const container = resolved as object;
  if (ancestors.has(container)) throw new TypeError('the value is circular');
  ancestors.add(container);
  try {
    if (Array.isArray(container)) {
      const elements: string[] = [];
      // An index loop, not map: holes in a sparse array are serialised as null too.
      for (let i = 0; i < container.length; i++) elements.push(serialise(container[i], ancestors) ?? 'null');
      return `[${elements.join(',')}]`;
    }
    const members: string[] = [];
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      const member = serialise(record[key], ancestors);
      if (member !== undefined) members.push(`${serialiseString(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(container);
  }
};

/**
 * `canonicalJson` for a value known to be a plain-JSON snapshot (`jsonSnapshot`'s output): objects and arrays of
 * strings every store can hold, finite numbers, booleans and null, no `toJSON`, no cycle, no `undefined`. Such a
 * value needs none of the checks above, so it is serialised directly, to the same text: by `JSON.stringify` when
 * its members are already in canonical order (`isInCanonicalOrder`), else member by member. The append path
 * serialises every event this way; anything not proven a snapshot goes through `canonicalJson`.
 */
export const canonicalSnapshotJson = (value: unknown): string => snapshotJson(value, isInCanonicalOrder(value));

/** `canonicalSnapshotJson` of a snapshot whose member order is known (`snapshotTree`'s `canonicalOrder`). */
export const snapshotJson = (snapshot: unknown, canonicalOrder: boolean): string => (canonicalOrder ? JSON.stringify(snapshot) : sortedSnapshotJson(snapshot));

const sortedSnapshotJson = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (value === null) return 'null';
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + sortedSnapshotJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    text += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${sortedSnapshotJson(record[key])}`;
  }
  return `${text}}`;
};
