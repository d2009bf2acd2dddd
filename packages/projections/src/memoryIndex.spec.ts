import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { indexAdd, indexKeys, indexRemove, type ColumnIndex } from './memoryIndex.js';
import type { RowKey } from './tables.js';

type Op = { readonly add: boolean; readonly key: number; readonly value: string };

describe('memory store column index', () => {
  it('property: answers as a map of sets would, through single keys, arrays and sets, and drops empty values', () => {
    // Up to 40 keys under 3 values: buckets of one key, of a few (arrays) and of more than 16 (sets), both ways.
    const op = fc.record({ add: fc.boolean(), key: fc.integer({ min: 0, max: 39 }), value: fc.constantFrom('x', 'y', 'z') });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), (ops: Op[]) => {
        const index: ColumnIndex = new Map();
        const reference = new Map<string, Set<RowKey>>();
        const valueOf = new Map<RowKey, string>();
        for (const { add, key, value } of ops) {
          const held = valueOf.get(key);
          if (add && held === undefined) {
            indexAdd(index, value, key);
            valueOf.set(key, value);
            reference.set(value, (reference.get(value) ?? new Set()).add(key));
          } else if (!add && held !== undefined) {
            indexRemove(index, held, key);
            valueOf.delete(key);
            reference.get(held)?.delete(key);
            if (reference.get(held)?.size === 0) reference.delete(held);
          } else if (!add) {
            // A key that is not there: removing it changes nothing.
            indexRemove(index, value, key);
          }
          for (const v of ['x', 'y', 'z']) {
            expect([...indexKeys(index, v)].sort()).toEqual([...(reference.get(v) ?? [])].sort());
          }
          expect(index.size).toBe(reference.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hands out a copy of a bucket, so writes while going through it change nothing there', () => {
    const index: ColumnIndex = new Map();
    indexAdd(index, 's', 'a');
    const one = indexKeys(index, 's');
    indexAdd(index, 's', 'b');
    const two = indexKeys(index, 's');
    indexRemove(index, 's', 'a');
    expect(one).toEqual(['a']);
    expect(two).toEqual(['a', 'b']);
    expect(indexKeys(index, 's')).toEqual(['b']);
  });
});
