import { isStorableText } from '../codecs/primitives.js';
import type { FieldIssue } from './errors.js';

/** Deepest nesting of objects and arrays an event's data or metadata may have (the root object is depth 1). */
export const MAX_JSON_DEPTH = 64;

/** Why a value has no plain-JSON snapshot: the first offending path, dotted from the event root. */
export class NotPlainJson extends Error {
  constructor(readonly issue: FieldIssue) {
    super(`${issue.path}: ${issue.message}`);
  }
}

const reject = (path: string, message: string): never => {
  throw new NotPlainJson({ path, message });
};

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * One plain-JSON copy of `value`, taken once, which is then validated and stored as it is: so the store keeps
 * exactly what was validated, and nothing the caller changes later (or a getter, a Proxy, a `toJSON`) can make
 * them differ.
 *
 * - an object's own enumerable string-keyed properties only (inherited ones are not data); a property that is
 *   an accessor (getter) is refused: it could answer differently each time it is read;
 * - `toJSON` applied once per value, as `JSON.stringify` does (a Date becomes its ISO string);
 * - arrays must be dense, with no `undefined` element; a property whose value is `undefined` is left out;
 * - finite numbers, strings every store can hold (no U+0000, no unpaired surrogate, keys included);
 * - functions, symbols, BigInt, NaN/±Infinity, cycles and nesting deeper than `MAX_JSON_DEPTH` are refused.
 *
 * Every object of the copy gets its members in canonical order (sorted by UTF-16 code units, as RFC 8785 sorts
 * them), so that, unless an integer-like key makes JavaScript put members in another order, `JSON.stringify` of
 * the copy is its canonical JSON (`isInCanonicalOrder`).
 *
 * Throws `NotPlainJson` naming the first offending path (`path` is the value's own).
 */
export const jsonSnapshot = (value: unknown, path: string): unknown => {
  const walk: Walk = { ancestors: [], canonicalOrder: true };
  const snapshot = snapshotAt(value, path, '', 1, walk);
  if (walk.canonicalOrder && typeof snapshot === 'object' && snapshot !== null) inCanonicalOrder.add(snapshot);
  return snapshot;
};

/** Snapshots whose every object `jsonSnapshot` built with its members in canonical order, as JavaScript keeps them. */
const inCanonicalOrder = new WeakSet<object>();

/**
 * Whether `value` is a snapshot `JSON.stringify` writes as canonical JSON: made by `jsonSnapshot` with no
 * integer-like key anywhere (JavaScript lists those first, in numeric order). True only while nobody changes it:
 * meant for snapshots that are frozen or never leave the code that took them.
 */
export const isInCanonicalOrder = (value: unknown): boolean => typeof value === 'object' && value !== null && inCanonicalOrder.has(value);

interface Walk {
  readonly ancestors: object[];
  /** Cleared at the first integer-like key: `JSON.stringify` would not write the members in the order given. */
  canonicalOrder: boolean;
}

const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;
const isIntegerLike = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && INTEGER_LIKE.test(key);
};

const byKey = (a: [string, PropertyDescriptor], b: [string, PropertyDescriptor]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const snapshotAt = (input: unknown, path: string, key: string, depth: number, walk: Walk): unknown => {
  let value = input;
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    let toJSON: unknown;
    try {
      toJSON = (value as { toJSON?: unknown }).toJSON;
    } catch (error) {
      return reject(path, `could not be read: ${String(error)}`);
    }
    if (typeof toJSON === 'function') {
      try {
        value = (toJSON as (key: string) => unknown).call(value, key);
      } catch (error) {
        return reject(path, `toJSON failed: ${String(error)}`);
      }
    }
  }
  switch (typeof value) {
    case 'string':
      return isStorableText(value) ? value : reject(path, 'contains U+0000 or an unpaired surrogate, which no store can hold');
    case 'number':
      return Number.isFinite(value) ? value : reject(path, `must be a finite number, got ${String(value)}`);
    case 'boolean':
      return value;
    case 'bigint':
      return reject(path, 'is a BigInt, which JSON cannot hold');
    case 'undefined':
      return reject(path, 'is undefined, which JSON cannot hold');
    case 'function':
    case 'symbol':
      return reject(path, `is a ${typeof value}, which JSON cannot hold`);
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  const { ancestors } = walk;
  if (ancestors.includes(object)) return reject(path, 'is cyclic: it contains itself');
  if (depth > MAX_JSON_DEPTH) return reject(path, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  ancestors.push(object);
  try {
    let descriptors: Record<string, PropertyDescriptor>;
    let isArray: boolean;
    try {
      isArray = Array.isArray(object);
      descriptors = Object.getOwnPropertyDescriptors(object);
    } catch (error) {
      return reject(path, `could not be read: ${String(error)}`);
    }
    if (isArray) {
      const length = (descriptors['length']?.value as number | undefined) ?? 0;
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) {
        const itemPath = join(path, String(i));
        const descriptor = descriptors[String(i)];
        if (descriptor === undefined) return reject(itemPath, 'is a hole in a sparse array');
        if (!('value' in descriptor)) return reject(itemPath, 'is an accessor (getter), not a data property');
        items.push(snapshotAt(descriptor.value, itemPath, String(i), depth + 1, walk));
      }
      return items;
    }
    const out: Record<string, unknown> = {};
    const members = Object.entries(descriptors);
    if (members.length > 1) members.sort(byKey);
    for (const [name, descriptor] of members) {
      if (descriptor.enumerable !== true) continue;
      const childPath = join(path, name);
      if (!isStorableText(name)) return reject(childPath, 'key contains U+0000 or an unpaired surrogate, which no store can hold');
      if (!('value' in descriptor)) return reject(childPath, 'is an accessor (getter), not a data property');
      if (descriptor.value === undefined) continue;
      if (walk.canonicalOrder && isIntegerLike(name)) walk.canonicalOrder = false;
      const member = snapshotAt(descriptor.value, childPath, name, depth + 1, walk);
      // defineProperty, not assignment, for "__proto__": it stays a plain key (assignment would set the prototype).
      if (name === '__proto__') Object.defineProperty(out, name, { value: member, enumerable: true, writable: true, configurable: true });
      else out[name] = member;
    }
    return out;
  } finally {
    ancestors.pop();
  }
};

