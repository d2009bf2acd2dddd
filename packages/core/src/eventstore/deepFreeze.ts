/** Objects frozen by `deepFreeze`: a value in here, and everything it holds, can never change again. */
const frozenTrees = new WeakSet<object>();

// Every object frozen here is remembered, not only the roots: a new tree sharing most of its branches with an
// earlier one (a folded state) only has its new parts walked. Remembered before its children are walked, so a
// cycle ends the walk instead of recursing forever. (`jsonSnapshot` freezes as it copies and remembers only the
// root: a branch of it met again here is frozen already, and walking it costs no more than that.)
const freezeTree = (value: unknown): void => {
  if (typeof value !== 'object' || value === null || frozenTrees.has(value)) return;
  Object.freeze(value);
  frozenTrees.add(value);
  for (const child of Object.values(value)) freezeTree(child);
};

/** For a tree whose every object the caller has just frozen itself (`jsonSnapshot` with `freeze`). */
export const rememberDeepFrozen = (root: object): void => {
  frozenTrees.add(root);
};

/**
 * Freeze a plain-JSON value and everything inside it, in place, and remember it as frozen for good. Meant for
 * values the caller owns outright (a store's own snapshot of an event): sharing them is then safe.
 */
export const deepFreeze = <T>(value: T): T => {
  freezeTree(value);
  return value;
};

/** Whether `value` went through `deepFreeze`: a proof, unlike `Object.isFrozen`, that nothing nested can change. */
export const isDeepFrozen = (value: unknown): boolean => typeof value === 'object' && value !== null && frozenTrees.has(value);
