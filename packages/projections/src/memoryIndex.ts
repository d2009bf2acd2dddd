/**
 * Equality indexes of the in-memory read-model store: per column, value → keys of the rows holding it.
 *
 * A value held by one row keeps its key as it is, by a few more in a small array, by many in a Set: most
 * indexed values are a stream id (a handful of rows each, one bucket per stream, millions in a rebuild, where a
 * Set or even an array apiece costs more than the rows), while a status shared by thousands of rows needs
 * constant-time removal.
 */
import type { RowKey, RowValue } from './tables.js';

type Bucket = RowKey | RowKey[] | Set<RowKey>;
export type ColumnIndex = Map<RowValue, Bucket>;

/** Buckets up to this size are arrays (a linear search of a few keys beats hashing). */
const SMALL_BUCKET = 16;

/** Add `key` under `value`; the caller guarantees it is not there yet (each key sits under its row's one value). */
export const indexAdd = (index: ColumnIndex, value: RowValue, key: RowKey): void => {
  const bucket = index.get(value);
  if (bucket === undefined) index.set(value, key);
  else if (typeof bucket !== 'object') index.set(value, [bucket, key]);
  else if (!Array.isArray(bucket)) bucket.add(key);
  else if (bucket.length < SMALL_BUCKET) bucket.push(key);
  else index.set(value, new Set([...bucket, key]));
};

export const indexRemove = (index: ColumnIndex, value: RowValue, key: RowKey): void => {
  const bucket = index.get(value);
  if (bucket === undefined) return;
  if (typeof bucket !== 'object') {
    if (bucket === key) index.delete(value);
  } else if (Array.isArray(bucket)) {
    const at = bucket.indexOf(key);
    if (at < 0) return;
    // Order within a bucket does not matter (readers sort by key): move the last key into the gap.
    const last = bucket.pop() as RowKey;
    if (at < bucket.length) bucket[at] = last;
    if (bucket.length === 0) index.delete(value);
  } else {
    bucket.delete(key);
    if (bucket.size === 0) index.delete(value);
  }
};

/** The keys under `value`, as a copy (the caller may write rows while going through them). */
export const indexKeys = (index: ColumnIndex, value: RowValue): RowKey[] => {
  const bucket = index.get(value);
  return bucket === undefined ? [] : typeof bucket !== 'object' ? [bucket] : [...bucket];
};
