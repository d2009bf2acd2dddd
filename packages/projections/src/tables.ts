/**
 * Read-model tables: declared once with the projection, validated on every write, the same in memory and in SQL.
 *
 * Column types and the JavaScript values they hold:
 * - `text` string · `integer` safe integer (SQL bigint) · `number` finite number (SQL double precision)
 * - `boolean` · `date` `YYYY-MM-DD` (SQL date) · `timestamp` ISO-8601 UTC instant (SQL timestamptz) · `json` any JSON value (SQL jsonb)
 * Every column is nullable unless it is part of the primary key.
 */
import { isIsoDate, isStorableText } from '@laborcase/core';
import { InvalidProjection, InvalidRow } from './errors.js';

export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json';
export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'number', 'boolean', 'date', 'timestamp', 'json'];

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type RowValue = JsonValue;
export type Row = { readonly [column: string]: RowValue };

export interface TableSpec {
  /** Lower-case identifier (at most 24 characters, no `__`), unique in the projection. */
  readonly name: string;
  readonly columns: { readonly [column: string]: ColumnType };
  /** Columns of the primary key, in order (at least one; never null). */
  readonly primaryKey: readonly string[];
  /** Secondary indexes, each a list of columns (for report queries and `find`). */
  readonly indexes?: readonly (readonly string[])[];
}

/** SQL identifiers the store can splice in: lower-case, digits, underscores. */
export const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

export const checkIdentifier = (field: string, value: unknown, maxLength: number): string => {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new InvalidProjection(field, `must be a lower-case identifier ([a-z][a-z0-9_]*), got ${JSON.stringify(value)}`);
  }
  if (value.length > maxLength) throw new InvalidProjection(field, `must be at most ${maxLength} characters, got ${value.length}`);
  if (value.includes('__')) throw new InvalidProjection(field, 'must not contain "__" (it separates name, version and table in SQL names)');
  return value;
};

/** Validate a table declaration (throws `InvalidProjection` naming the field). */
export const checkTable = (spec: unknown, field: string): TableSpec => {
  if (typeof spec !== 'object' || spec === null) throw new InvalidProjection(field, 'must be a table declaration');
  const table = spec as Partial<TableSpec>;
  checkIdentifier(`${field}.name`, table.name, 24);
  if (typeof table.columns !== 'object' || table.columns === null || Object.keys(table.columns).length === 0) {
    throw new InvalidProjection(`${field}.columns`, 'must declare at least one column');
  }
  for (const [column, type] of Object.entries(table.columns)) {
    checkIdentifier(`${field}.columns.${column}`, column, 63);
    if (!COLUMN_TYPES.includes(type)) throw new InvalidProjection(`${field}.columns.${column}`, `unknown column type ${JSON.stringify(type)} (one of ${COLUMN_TYPES.join(', ')})`);
  }
  if (!Array.isArray(table.primaryKey) || table.primaryKey.length === 0) throw new InvalidProjection(`${field}.primaryKey`, 'must list at least one column');
  const keys: readonly unknown[] = table.primaryKey;
  keys.forEach((column, i) => {
    if (typeof column !== 'string' || !(column in table.columns!)) throw new InvalidProjection(`${field}.primaryKey.${i}`, `is not a declared column: ${JSON.stringify(column)}`);
  });
  if (new Set(keys).size !== keys.length) throw new InvalidProjection(`${field}.primaryKey`, 'lists a column twice');
  const indexes: readonly unknown[] = table.indexes ?? [];
  if (!Array.isArray(indexes)) throw new InvalidProjection(`${field}.indexes`, 'must be a list of column lists');
  indexes.forEach((index, i) => {
    if (!Array.isArray(index) || index.length === 0) throw new InvalidProjection(`${field}.indexes.${i}`, 'must list at least one column');
    (index as unknown[]).forEach((column, j) => {
      if (typeof column !== 'string' || !(column in table.columns!)) throw new InvalidProjection(`${field}.indexes.${i}.${j}`, `is not a declared column: ${JSON.stringify(column)}`);
    });
  });
  return table as TableSpec;
};

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Text PostgreSQL cannot hold (NUL, lone surrogates) is refused in every store alike. */
const storableText = isStorableText;

const isJson = (value: unknown, depth = 0): boolean => {
  if (depth > 64) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    // A plain object of any realm (its prototype is a realm's Object.prototype, or none).
    return (proto === null || Object.getPrototypeOf(proto) === null) && Object.entries(value).every(([k, v]) => storableText(k) && isJson(v, depth + 1));
  }
  return false;
};

/** Why `value` does not fit `type`, or undefined when it does. */
export const valueProblem = (type: ColumnType, value: unknown): string | undefined => {
  if (value === null) return undefined;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? (storableText(value) ? undefined : 'text holds NUL or a lone surrogate') : 'must be a string';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'must be a safe integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : 'must be a date YYYY-MM-DD';
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) && isIsoDate(value.slice(0, 10))
        ? undefined
        : 'must be an ISO-8601 UTC instant YYYY-MM-DDTHH:MM:SS.sssZ';
    case 'json':
      return isJson(value) ? undefined : 'must be a JSON value (plain objects, arrays, finite numbers, storable strings)';
  }
};

/** What validating a table's rows needs, worked out once per declaration (rows are validated on every write). */
interface CompiledTable {
  readonly columns: readonly (readonly [string, ColumnType])[];
  /** The same, as two parallel arrays (the per-write loops index them). */
  readonly names: readonly string[];
  readonly types: readonly ColumnType[];
  readonly declared: ReadonlySet<string>;
  readonly keyColumns: ReadonlySet<string>;
  /** The one key column when the key has one column of a scalar type: its value is the row's map key as it is. */
  readonly soleKey: string | undefined;
  /** A fresh object with every declared column, in declaration order, read from `input` (null when missing). */
  readonly pick: (input: Record<string, unknown>) => Record<string, unknown>;
  /** How many declared columns of `input` are defined (own or inherited). */
  readonly definedIn: (input: Record<string, unknown>) => number;
  /** Whether a column shares its name with a property of `Object.prototype` ("constructor"): see `storedRowOver`. */
  readonly shadowsObject: boolean;
}

/**
 * `pick` and `definedIn` for these columns, compiled to plain property reads: every row written goes through
 * them, and a function per table reads a fixed set of properties at a fraction of the cost of a loop over column
 * names (keyed reads and writes of varying names, a new object shape per column). Names are embedded as JSON
 * string literals, so any name is safe. Where the runtime forbids code generation, the same as loops.
 */
const rowReaders = (names: readonly string[]): Pick<CompiledTable, 'pick' | 'definedIn'> => {
  const literals = names.map((name) => JSON.stringify(name));
  try {
    return {
      pick: new Function('input', `return { ${literals.map((n) => `${n}: input[${n}] ?? null`).join(', ')} };`) as CompiledTable['pick'],
      definedIn: new Function('input', `return ${literals.map((n) => `(input[${n}] !== undefined ? 1 : 0)`).join(' + ')};`) as CompiledTable['definedIn'],
    };
  } catch {
    return {
      pick: (input) => {
        const out: Record<string, unknown> = {};
        for (const name of names) out[name] = input[name] ?? null;
        return out;
      },
      definedIn: (input) => names.filter((name) => input[name] !== undefined).length,
    };
  }
};
const compiledTables = new WeakMap<TableSpec, CompiledTable>();
const compiled = (table: TableSpec): CompiledTable => {
  let found = compiledTables.get(table);
  if (found === undefined) {
    const columns = Object.entries(table.columns);
    const first = table.primaryKey[0] as string;
    found = {
      columns,
      names: columns.map(([column]) => column),
      types: columns.map(([, type]) => type),
      declared: new Set(columns.map(([column]) => column)),
      keyColumns: new Set(table.primaryKey),
      soleKey: table.primaryKey.length === 1 && table.columns[first] !== 'json' ? first : undefined,
      ...rowReaders(columns.map(([column]) => column)),
      shadowsObject: columns.some(([column]) => column in Object.prototype),
    };
    compiledTables.set(table, found);
  }
  return found;
};

/** The table's columns and types, computed once per declaration. */
export const columnsOf = (table: TableSpec): readonly (readonly [string, ColumnType])[] => compiled(table).columns;

/**
 * A complete row: every declared column present (missing ones become null), no undeclared column, every value
 * of its column's type, key columns non-null. Returns a fresh, frozen object with the columns in declaration order.
 */
export const normaliseRow = (table: TableSpec, row: unknown): Row => Object.freeze(storedRow(table, row));

/**
 * `normaliseRow` without the freeze, for a store that keeps the fresh object to itself and freezes it only when it
 * hands it out (`handOut`): a freeze adds about a quarter to the cost of a write, and most rows written are never read back.
 */
export const storedRow = (table: TableSpec, row: unknown): Row => storedRowOver(table, row, undefined);

/**
 * `storedRow` of a row replacing `before`, a row of the same key the store validated when it was written (or
 * undefined): a scalar equal to `before`'s in its column was checked then and is not checked again. Most
 * rewrites of a row (`{ ...row, status }`) change one column, and text checks are the bulk of a write's cost.
 */
export const storedRowOver = (table: TableSpec, row: unknown, before: Row | undefined): Row => {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new InvalidRow(table.name, 'row', 'must be an object');
  const { names, types, declared, pick, definedIn, shadowsObject } = compiled(table);
  const input = row as Record<string, unknown>;
  let keys = 0;
  for (const _column in input) keys++;
  // A plain object whose keys are as many as its defined declared columns has no undeclared key (its only
  // inherited properties are Object.prototype's, which no column is named after). Otherwise look at each key.
  if (shadowsObject || keys !== definedIn(input) || Object.getPrototypeOf(input) !== Object.prototype) {
    for (const column in input) {
      if (!declared.has(column)) throw new InvalidRow(table.name, column, 'is not a declared column');
    }
  }
  const out = pick(input);
  for (let i = 0; i < names.length; i++) {
    const column = names[i] as string;
    const type = types[i] as ColumnType;
    const value = out[column];
    // Objects are checked again: a JSON value handed out may have been changed in place since.
    const checked = before !== undefined && value === before[column] && (typeof value !== 'object' || value === null);
    const problem = checked ? undefined : valueProblem(type, value);
    if (problem !== undefined) throw new InvalidRow(table.name, column, problem);
    // JSON values are copied, so a row in a store never shares objects with an event or a caller.
    if (type === 'json' && typeof value === 'object' && value !== null) out[column] = JSON.parse(JSON.stringify(value));
  }
  for (const column of table.primaryKey) {
    if (out[column] === null) throw new InvalidRow(table.name, column, 'is part of the primary key and must not be null');
  }
  return out as Row;
};

/** What an `update` changes: columns and their new values (undefined: left as it is). */
export type RowChanges = { readonly [column: string]: RowValue | undefined };

/**
 * The changes of an `update`: declared columns outside the primary key (a row changes key by a delete and an
 * upsert), each of its column's type; undefined leaves a column as it is, null clears it. A fresh object, JSON
 * values copied.
 */
export const normaliseChanges = (table: TableSpec, changes: unknown): Row => {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) throw new InvalidRow(table.name, 'changes', 'must be an object');
  const { declared, keyColumns } = compiled(table);
  const input = changes as Record<string, unknown>;
  const out: Record<string, RowValue> = {};
  for (const column in input) {
    if (!declared.has(column)) throw new InvalidRow(table.name, column, 'is not a declared column');
    const type = table.columns[column] as ColumnType;
    if (keyColumns.has(column)) throw new InvalidRow(table.name, column, 'is part of the primary key: an update cannot change it (delete the row and upsert it under its new key)');
    const value = input[column];
    if (value === undefined) continue;
    const problem = value === null ? undefined : valueProblem(type, value);
    if (problem !== undefined) throw new InvalidRow(table.name, column, problem);
    out[column] = type === 'json' && typeof value === 'object' && value !== null ? (JSON.parse(JSON.stringify(value)) as RowValue) : (value as RowValue);
  }
  return out;
};

/** A stored row with validated `changes` applied: a fresh object, its columns in the same (declaration) order. */
export const withChanges = (row: Row, changes: Row): Row => {
  const out: Record<string, RowValue> = { ...row };
  for (const column in changes) out[column] = changes[column] as RowValue;
  return out;
};

/** A stored row as given to a reader: frozen (in place, once), so nobody can change a store's row behind its back. */
export const handOut = <R extends Row | undefined>(row: R): R => (row === undefined || Object.isFrozen(row) ? row : Object.freeze(row));

/** A key (the primary-key columns only, all non-null, typed). */
export const normaliseKey = (table: TableSpec, key: unknown): Row => {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidRow(table.name, 'key', 'must be an object');
  const input = key as Record<string, unknown>;
  const { keyColumns } = compiled(table);
  for (const column of Object.keys(input)) {
    if (!keyColumns.has(column)) throw new InvalidRow(table.name, column, 'is not a primary-key column');
  }
  const out: Record<string, RowValue> = {};
  for (const column of table.primaryKey) {
    const value = input[column];
    if (value === undefined || value === null) throw new InvalidRow(table.name, column, 'primary-key column missing');
    const problem = valueProblem(table.columns[column] as ColumnType, value);
    if (problem !== undefined) throw new InvalidRow(table.name, column, problem);
    out[column] = value as RowValue;
  }
  return out;
};

/** An equality filter: declared columns only, values of their types (null matches NULL). */
export const normaliseFilter = (table: TableSpec, filter: unknown): Row => {
  if (filter === undefined) return {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new InvalidRow(table.name, 'filter', 'must be an object');
  const out: Record<string, RowValue> = {};
  for (const [column, value] of Object.entries(filter as Record<string, unknown>)) {
    const type = table.columns[column];
    if (type === undefined) throw new InvalidRow(table.name, column, 'is not a declared column');
    if (value === undefined) continue;
    const problem = type === 'json' ? 'json columns cannot be filtered on' : valueProblem(type, value);
    if (problem !== undefined) throw new InvalidRow(table.name, column, problem);
    out[column] = value as RowValue;
  }
  return out;
};

/**
 * Stable identity of a row's key, for maps: a one-column key's value itself (a Map tells 1 from "1" and allocates
 * nothing for it), else the JSON of the key's values.
 */
export type RowKey = string | number | boolean;
export const rowKey = (table: TableSpec, row: Row): RowKey => {
  const sole = compiled(table).soleKey;
  return sole !== undefined ? (row[sole] as RowKey) : JSON.stringify(table.primaryKey.map((column) => row[column] ?? null));
};

/**
 * The map key a row to be written will have, read before it is validated (to find the row it replaces): its
 * one key column's value when that is a scalar, else undefined. `rowKey` of the validated row is the truth.
 */
export const keyHint = (table: TableSpec, row: unknown): RowKey | undefined => {
  const sole = compiled(table).soleKey;
  if (sole === undefined || typeof row !== 'object' || row === null) return undefined;
  const value = (row as Record<string, unknown>)[sole];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
};

/** `rowKey` of a key given by a caller, validated as `normaliseKey` does (without building the key row for a one-column key). */
export const lookupKey = (table: TableSpec, key: unknown): RowKey => {
  const sole = compiled(table).soleKey;
  if (sole === undefined || typeof key !== 'object' || key === null || Array.isArray(key)) return rowKey(table, normaliseKey(table, key));
  const input = key as Record<string, unknown>;
  for (const column in input) {
    if (column !== sole) throw new InvalidRow(table.name, column, 'is not a primary-key column');
  }
  const value = input[sole];
  if (value === undefined || value === null) throw new InvalidRow(table.name, sole, 'primary-key column missing');
  const problem = valueProblem(table.columns[sole] as ColumnType, value);
  if (problem !== undefined) throw new InvalidRow(table.name, sole, problem);
  return value as RowKey;
};

export const matches = (row: Row, filter: Row): boolean => Object.entries(filter).every(([column, value]) => row[column] === value);

/** Rows in primary-key order (the order `find` returns everywhere). */
export const compareByKey = (table: TableSpec) => (a: Row, b: Row): number => {
  for (const column of table.primaryKey) {
    const x = a[column];
    const y = b[column];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'boolean' && typeof y === 'boolean') return x ? 1 : -1;
    // Text compares by code point, which is what SQL's "C" collation does (the SQL store declares text columns with it).
    return compareCodePoints(String(x), String(y));
  }
  return 0;
};

/** Code-point order (UTF-16 code-unit order differs for characters above U+FFFF). */
export const compareCodePoints = (a: string, b: string): -1 | 0 | 1 => {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = (x[i] as string).codePointAt(0) as number;
    const q = (y[i] as string).codePointAt(0) as number;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length < y.length ? -1 : 1;
};
