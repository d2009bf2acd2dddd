/** Roots frozen by `deepFreeze`: a value in here, and everything it holds, can never change again. */
const frozenTrees = new WeakSet<object>();

const freezeTree = (value: unknown): void => {
  if (typeof value !== 'object' || value === null || frozenTrees.has(value)) return;
  for (const child of Object.values(value)) freezeTree(child);
  Object.freeze(value);
};

/**
 * Freeze a plain-JSON value and everything inside it, in place, and remember it as frozen for good. Meant for
 * values the caller owns outright (a store's own snapshot of an event): sharing them is then safe.
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !frozenTrees.has(value)) {
    freezeTree(value);
    frozenTrees.add(value);
  }
  return value;
};

/** Whether `value` went through `deepFreeze`: a proof, unlike `Object.isFrozen`, that nothing nested can change. */
export const isDeepFrozen = (value: unknown): boolean => typeof value === 'object' && value !== null && frozenTrees.has(value);
