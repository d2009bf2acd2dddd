/**
 * Reads served from an array a store already holds, as the `AsyncIterable` the port returns, without an async
 * generator: each step is one settled promise and no generator resume, which is most of what reading a stream
 * from memory costs.
 */

/**
 * Which elements to hand out: `from`, then every `step` (1 or -1) while the index stays within `bound` (inclusive)
 * and the array has an element there (an infinite `bound` follows an array that grows while it is read).
 */
export interface ArrayRange<T> {
  readonly from: number;
  readonly bound: number;
  readonly step: 1 | -1;
  /** Most elements handed out. */
  readonly maxCount: number;
  /** Skip an element (a type filter); the skipped ones do not count towards `maxCount`. */
  readonly skip?: (item: T) => boolean;
}

/**
 * The key under which an `iterateArray` iterable also answers synchronously: the items of its range as an array,
 * read now. Core's own readers (`loadStream`) take that path when a store offers it, so folding a stream held in
 * memory costs no promise per event; everyone else iterates as usual.
 */
const ITEMS_NOW = Symbol('laborcase.itemsNow');

/** The items `iterable` would hand out, read now, if it is an `iterateArray` iterable; else undefined (a fresh array each call). */
export const itemsNow = <T>(iterable: AsyncIterable<T>): readonly T[] | undefined =>
  (iterable as { [ITEMS_NOW]?: () => readonly T[] })[ITEMS_NOW]?.();

/**
 * Everything a read hands out, as an array: taken at once from a store that holds the events in memory (an
 * `iterateArray` iterable), else iterated. A batch read this way costs no promise per event, which in a rebuild
 * from memory is a quarter of the time per event.
 */
export const readToArray = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const now = itemsNow(iterable);
  if (now !== undefined) return now as T[];
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

/** Whether `index` is still within `range`'s bound, in its direction. */
const withinBound = <T>(range: ArrayRange<T>, index: number): boolean => (range.step === 1 ? index <= range.bound : index >= range.bound);

/** `range` applied to `items`: what iterating would hand out, as one array. */
const itemsIn = <T>(items: readonly T[], range: ArrayRange<T>): T[] => {
  const out: T[] = [];
  for (let index = range.from; out.length < range.maxCount && withinBound(range, index); index += range.step) {
    const item = items[index];
    if (item === undefined) break;
    if (range.skip === undefined || !range.skip(item)) out.push(item);
  }
  return out;
};

/**
 * An async iterable over `items` in `range`. `begin` runs at the first step, as an async generator's body would:
 * it checks the arguments (a throw rejects that step) and returns the array and the range, read then, so an
 * iteration started later sees what was stored by then.
 */
export const iterateArray = <T>(begin: () => { readonly items: readonly T[]; readonly range: ArrayRange<T> }): AsyncIterable<T> & { readonly [ITEMS_NOW]: () => readonly T[] } => ({
  [ITEMS_NOW]: (): readonly T[] => {
    const { items, range } = begin();
    return itemsIn(items, range);
  },
  [Symbol.asyncIterator]: (): AsyncIterator<T> => {
    let state: { readonly items: readonly T[]; readonly range: ArrayRange<T>; index: number; yielded: number } | undefined;
    let finished = false;
    const done = (): Promise<IteratorResult<T>> => {
      finished = true;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: (): Promise<IteratorResult<T>> => {
        if (finished) return done();
        if (state === undefined) {
          try {
            const { items, range } = begin();
            state = { items, range, index: range.from, yielded: 0 };
          } catch (error) {
            finished = true;
            return Promise.reject(error);
          }
        }
        const { items, range } = state;
        const { skip } = range;
        while (state.yielded < range.maxCount && withinBound(range, state.index)) {
          const item = items[state.index] as T | undefined;
          state.index += range.step;
          if (item === undefined) return done();
          if (skip !== undefined && skip(item)) continue;
          state.yielded += 1;
          return Promise.resolve({ value: item, done: false });
        }
        return done();
      },
      return: (): Promise<IteratorResult<T>> => done(),
    };
  },
});
