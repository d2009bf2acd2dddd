import type { AnyProjection } from '@laborcase/projections';

/** A defined projection (what `defineProjection` returns), told apart from the module's reports and helpers. */
const isProjection = (value: unknown): value is AnyProjection => {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Record<keyof AnyProjection, unknown>>;
  return typeof p.name === 'string' && typeof p.version === 'number' && Array.isArray(p.tables) && Array.isArray(p.eventTypes) && typeof p.handlers === 'object' && typeof p.forget === 'function';
};

/**
 * Every projection a module exports (`@laborcase/projections/labor`), in export-name order: the module's exports
 * are the one list, so a read model added there is benchmarked without touching the bench.
 */
export const laborProjections = (module: Readonly<Record<string, unknown>>): AnyProjection[] =>
  Object.keys(module)
    .sort()
    .map((name) => module[name])
    .filter(isProjection);
