import { isStorableText } from '../codecs/primitives.js';
import type { FieldIssue } from './errors.js';
import { rememberDeepFrozen } from './deepFreeze.js';

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

/** How `jsonSnapshot` builds its copy. */
export interface SnapshotOptions {
  /**
   * Freeze every object and array of the copy as it is built, and remember the copy as deep-frozen
   * (`isDeepFrozen`): for snapshots the caller keeps and shares, at no second walk.
   */
  readonly freeze?: boolean;
}

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
export const jsonSnapshot = (value: unknown, path: string, options?: SnapshotOptions): unknown => {
  const freeze = options?.freeze === true;
  const { snapshot, canonicalOrder } = snapshotTree(value, path, freeze);
  if (typeof snapshot === 'object' && snapshot !== null) {
    if (canonicalOrder) inCanonicalOrder.add(snapshot);
    if (freeze) rememberDeepFrozen(snapshot);
  }
  return snapshot;
};

/**
 * `jsonSnapshot`'s copy, and whether `JSON.stringify` writes it as canonical JSON, without remembering either
 * (no `isInCanonicalOrder`, no `isDeepFrozen`): for the append path, which serialises the copy at once.
 */
export const snapshotTree = (value: unknown, path: string, freeze: boolean): { readonly snapshot: unknown; readonly canonicalOrder: boolean } => {
  const walk: Walk = { ancestors: [], keys: [], root: path, canonicalOrder: true, freeze };
  const snapshot = snapshotAt(value, '', 1, walk);
  return { snapshot, canonicalOrder: walk.canonicalOrder };
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
  /** The keys from the root to the value being copied: a path is spelled out only when something is refused. */
  readonly keys: (string | number)[];
  readonly root: string;
  /** Cleared at the first integer-like key: `JSON.stringify` would not write the members in the order given. */
  canonicalOrder: boolean;
  readonly freeze: boolean;
}

const pathOf = (walk: Walk, last?: string | number): string => {
  let path = walk.root;
  for (const key of last === undefined ? walk.keys : [...walk.keys, last]) path = path === '' ? String(key) : `${path}.${key}`;
  return path;
};

const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;
const isIntegerLike = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && INTEGER_LIKE.test(key);
};

// defineProperty, not assignment, for "__proto__": it stays a plain key (assignment would set the prototype).
const setMember = (out: Record<string, unknown>, name: string, value: unknown): void => {
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
};

/** The names in UTF-16 code-unit order (what RFC 8785 sorts by), sorting only when they are not already. */
const sortedNames = (names: string[]): string[] => {
  for (let i = 1; i < names.length; i++) if ((names[i - 1] as string) > (names[i] as string)) return names.sort();
  return names;
};

const snapshotAt = (input: unknown, key: string | number, depth: number, walk: Walk): unknown => {
  let value = input;
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    let toJSON: unknown;
    try {
      toJSON = (value as { toJSON?: unknown }).toJSON;
    } catch (error) {
      return reject(pathOf(walk), `could not be read: ${String(error)}`);
    }
    if (typeof toJSON === 'function') {
      try {
        value = (toJSON as (key: string) => unknown).call(value, String(key));
      } catch (error) {
        return reject(pathOf(walk), `toJSON failed: ${String(error)}`);
      }
    }
  }
  switch (typeof value) {
    case 'string':
      return isStorableText(value) ? value : reject(pathOf(walk), 'contains U+0000 or an unpaired surrogate, which no store can hold');
    case 'number':
      return Number.isFinite(value) ? value : reject(pathOf(walk), `must be a finite number, got ${String(value)}`);
    case 'boolean':
      return value;
    case 'bigint':
      return reject(pathOf(walk), 'is a BigInt, which JSON cannot hold');
    case 'undefined':
      return reject(pathOf(walk), 'is undefined, which JSON cannot hold');
    case 'function':
    case 'symbol':
      return reject(pathOf(walk), `is a ${typeof value}, which JSON cannot hold`);
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  const { ancestors, keys } = walk;
  if (ancestors.includes(object)) return reject(pathOf(walk), 'is cyclic: it contains itself');
  if (depth > MAX_JSON_DEPTH) return reject(pathOf(walk), `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  ancestors.push(object);
  try {
    let isArray: boolean;
    let names: string[];
    let length = 0;
    try {
      isArray = Array.isArray(object);
      names = isArray ? [] : Object.keys(object);
      if (isArray) length = (object as unknown[]).length;
    } catch (error) {
      return reject(pathOf(walk), `could not be read: ${String(error)}`);
    }
    if (isArray) {
      const items: unknown[] = new Array<unknown>(length);
      for (let i = 0; i < length; i++) {
        const descriptor = ownDescriptor(object, i, walk);
        if (descriptor === undefined) return reject(pathOf(walk, i), 'is a hole in a sparse array');
        if (!('value' in descriptor)) return reject(pathOf(walk, i), 'is an accessor (getter), not a data property');
        keys.push(i);
        items[i] = snapshotAt(descriptor.value, i, depth + 1, walk);
        keys.pop();
      }
      return walk.freeze ? Object.freeze(items) : items;
    }
    const out: Record<string, unknown> = {};
    for (const name of sortedNames(names)) {
      const descriptor = ownDescriptor(object, name, walk);
      if (descriptor === undefined || descriptor.enumerable !== true) continue;
      if (!isStorableText(name)) return reject(pathOf(walk, name), 'key contains U+0000 or an unpaired surrogate, which no store can hold');
      if (!('value' in descriptor)) return reject(pathOf(walk, name), 'is an accessor (getter), not a data property');
      if (descriptor.value === undefined) continue;
      if (walk.canonicalOrder && isIntegerLike(name)) walk.canonicalOrder = false;
      keys.push(name);
      const member = snapshotAt(descriptor.value, name, depth + 1, walk);
      keys.pop();
      setMember(out, name, member);
    }
    return walk.freeze ? Object.freeze(out) : out;
  } finally {
    ancestors.pop();
  }
};

/** One own property's descriptor (a Proxy's trap may throw: that is the caller's malformed value). */
const ownDescriptor = (object: object, key: string | number, walk: Walk): PropertyDescriptor | undefined => {
  try {
    return Object.getOwnPropertyDescriptor(object, key);
  } catch (error) {
    return reject(pathOf(walk, key), `could not be read: ${String(error)}`);
  }
};
