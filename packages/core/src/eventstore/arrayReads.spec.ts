import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { itemsNow, iterateArray, readToArray } from './arrayReads.js';

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

describe('iterateArray', () => {
  it('checks its arguments at the first step, not when called: a throw rejects that step', async () => {
    let begun = 0;
    const iterable = iterateArray<number>(() => {
      begun += 1;
      throw new RangeError('bad range');
    });
    expect(begun).toBe(0);
    await expect(collect(iterable)).rejects.toThrow('bad range');
    expect(begun).toBe(1);
  });

  it('follows an array that grows while it is read when the bound is infinite, and stops at a finite one', async () => {
    const items = [1, 2];
    const seen: number[] = [];
    for await (const item of iterateArray(() => ({ items, range: { from: 0, bound: Number.POSITIVE_INFINITY, step: 1, maxCount: 10 } }))) {
      seen.push(item);
      if (item < 4) items.push(item + 2);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await collect(iterateArray(() => ({ items, range: { from: 3, bound: 1, step: -1, maxCount: 10 } })))).toEqual([4, 3, 2]);
  });

  it('stops when asked (break calls return) and hands nothing out afterwards', async () => {
    const iterator = iterateArray(() => ({ items: [1, 2, 3], range: { from: 0, bound: 2, step: 1, maxCount: 3 } }))[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await iterator.return?.();
    expect((await iterator.next()).done).toBe(true);
  });

  it('property: hands out what a loop over the indexes would, skipped items not counting towards maxCount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 }),
        fc.integer({ min: -2, max: 14 }),
        fc.integer({ min: -2, max: 14 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 14 }),
        fc.boolean(),
        async (items, from, bound, forwards, maxCount, skipOdd) => {
          const step = forwards ? 1 : -1;
          const skip = skipOdd ? (n: number) => n % 2 === 1 : undefined;
          const expected: number[] = [];
          for (let i = from; expected.length < maxCount && (forwards ? i <= bound : i >= bound); i += step) {
            const item = items[i];
            if (item === undefined) break;
            if (skip?.(item) === true) continue;
            expected.push(item);
          }
          const range = { from, bound, step, maxCount, ...(skip === undefined ? {} : { skip }) } as const;
          expect(await collect(iterateArray(() => ({ items, range })))).toEqual(expected);
          expect(itemsNow(iterateArray(() => ({ items, range })))).toEqual(expected);
        },
      ),
    );
  });

  it('answers itemsNow only for its own iterables, and throws there what the first step would reject with', async () => {
    async function* elsewhere(): AsyncIterable<number> {
      yield 1;
    }
    expect(itemsNow(elsewhere())).toBeUndefined();
    expect(() => itemsNow(iterateArray<number>(() => {
      throw new RangeError('bad range');
    }))).toThrow('bad range');
  });
});

describe('readToArray', () => {
  it('takes an iterateArray read at once, without stepping its iterator', async () => {
    const read = iterateArray(() => ({ items: [1, 2, 3, 4], range: { from: 1, bound: 3, step: 1, maxCount: 2 } }));
    const unsteppable = {
      ...read,
      [Symbol.asyncIterator]: (): AsyncIterator<number> => {
        throw new Error('stepped');
      },
    };
    expect(await readToArray(unsteppable)).toEqual([2, 3]);
  });

  it('iterates any other read, and rejects with what its iteration throws', async () => {
    async function* elsewhere(): AsyncIterable<number> {
      yield 1;
      yield 2;
    }
    expect(await readToArray(elsewhere())).toEqual([1, 2]);
    await expect(readToArray(iterateArray<number>(() => {
      throw new RangeError('bad range');
    }))).rejects.toThrow('bad range');
  });
});
