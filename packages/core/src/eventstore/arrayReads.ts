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
 * An async iterable over `items` in `range`. `begin` runs at the first step, as an async generator's body would:
 * it checks the arguments (a throw rejects that step) and returns the array and the range, read then, so an
 * iteration started later sees what was stored by then.
 */
export const iterateArray = <T>(begin: () => { readonly items: readonly T[]; readonly range: ArrayRange<T> }): AsyncIterable<T> => ({
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
        while (state.yielded < range.maxCount && (range.step === 1 ? state.index <= range.bound : state.index >= range.bound)) {
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
