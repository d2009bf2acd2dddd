import * as fc from 'fast-check';

/** Short text that now and then holds a character no store can hold (U+0000, a lone surrogate). */
export const textWithUnstorable: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff') }),
  maxLength: 12,
});

/** Any JSON value (depth ≤ 3) whose strings may hold characters no store can hold. */
export const jsonWithUnstorable: fc.Arbitrary<unknown> = fc.jsonValue({
  maxDepth: 3,
  stringUnit: fc.oneof(fc.constantFrom('\u0000', '\ud800'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
});

/** A valid value with one leaf or field (or the whole value) replaced by arbitrary JSON or text, or removed. */
export const mutated = (valid: unknown): fc.Arbitrary<unknown> => {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths), fc.option(fc.oneof(jsonWithUnstorable, textWithUnstorable), { nil: undefined })).map(([path, replacement]) => {
    const copy: unknown = structuredClone(valid);
    if (path.length === 0) return replacement;
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (replacement === undefined) delete parent[last];
    else parent[last] = replacement;
    return copy;
  });
};

/**
 * One argument of a service call for a "never throws" property: mostly the valid value, often a mutation of it,
 * sometimes any JSON at all.
 */
export const callArgument = (valid: unknown): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: mutated(valid) }, { weight: 1, arbitrary: jsonWithUnstorable });
