/**
 * Row validation (`storedRowOver`) against a plain reference: the same row, or the same refusal naming the same
 * column, for random rows with declared, undeclared and undefined-valued keys, inherited properties and a
 * column named after one of `Object.prototype`'s.
 */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { InvalidRow } from './errors.js';
import { storedRowOver, valueProblem, type Row, type TableSpec } from './tables.js';

/** What the store must do, written as plainly as possible. */
const reference = (table: TableSpec, input: Record<string, unknown>): Row | { readonly refused: string } => {
  for (const column in input) if (!(column in table.columns) || !Object.hasOwn(table.columns, column)) return { refused: column };
  const out: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(table.columns)) {
    const value = input[column] ?? null;
    if (valueProblem(type, value) !== undefined) return { refused: column };
    out[column] = value;
  }
  for (const column of table.primaryKey) if (out[column] === null) return { refused: column };
  return out as Row;
};

const attempt = (table: TableSpec, input: Record<string, unknown>): Row | { readonly refused: string } => {
  try {
    return storedRowOver(table, input, undefined);
  } catch (error) {
    if (error instanceof InvalidRow) return { refused: error.field };
    throw error;
  }
};

const tables: readonly TableSpec[] = [
  { name: 'items', columns: { id: 'text', grp: 'text', n: 'integer', on: 'date' }, primaryKey: ['id'] },
  { name: 'odd', columns: Object.fromEntries([['id', 'text'], ['constructor', 'text']]) as TableSpec['columns'], primaryKey: ['id'] },
];

const key = fc.constantFrom('id', 'grp', 'n', 'on', 'constructor', 'extra', 'toString');
const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constantFrom('a', 'b', '2026-01-31'), fc.integer({ min: -3, max: 3 }), fc.constant(1.5));
const entries = fc.array(fc.tuple(key, value), { maxLength: 6 });

/** The entries as a plain object, as an object with a null prototype, or as own keys over an inherited one. */
const shapes = (pairs: readonly (readonly [string, unknown])[]): Record<string, unknown>[] => {
  const plain = Object.fromEntries(pairs);
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, plain);
  const inheriting = Object.assign(Object.create({ grp: 'inherited', extra: 'inherited' }) as Record<string, unknown>, plain);
  class WithGetter {
    get n(): number {
      return 1;
    }
  }
  const instance = new WithGetter() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(plain)) Object.defineProperty(instance, k, { value: v, enumerable: true, writable: true, configurable: true });
  return [plain, bare, inheriting, instance];
};

describe('storedRowOver', () => {
  it('keeps or refuses every row as the reference does, naming the same column', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tables), entries, (table, pairs) => {
        for (const input of shapes(pairs)) {
          const got = attempt(table, input);
          const want = reference(table, input);
          if ('refused' in want) expect(got).toEqual(want);
          else expect({ ...got }).toEqual(want);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('refuses an undeclared key whatever its value, and a class instance whose getter stands for a column', () => {
    const items = tables[0] as TableSpec;
    expect(attempt(items, { id: 'a', zzz: undefined })).toEqual({ refused: 'zzz' });
    class Row {
      extra = 'x';
      get grp(): string {
        return 'g';
      }
    }
    expect(attempt(items, Object.assign(new Row(), { id: 'a' }) as unknown as Record<string, unknown>)).toEqual({ refused: 'extra' });
  });
});
