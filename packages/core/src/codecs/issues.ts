import type * as t from 'io-ts';
import type { FieldIssue } from '../eventstore/errors.js';

const describe = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

// Unions and intersections add their member index to io-ts contexts; that index is not a field.
const isCombinator = (codec: t.Decoder<unknown, unknown>): boolean => {
  const tag = (codec as { _tag?: string })._tag;
  return tag === 'UnionType' || tag === 'IntersectionType';
};

const pathOf = (context: t.Context, prefix: string): string => {
  const keys: string[] = prefix === '' ? [] : [prefix];
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1];
    const entry = context[i];
    if (parent === undefined || entry === undefined || entry.key === '' || isCombinator(parent.type)) continue;
    keys.push(entry.key);
  }
  return keys.join('.') || prefix || '(root)';
};

/** io-ts validation errors as field issues, with dotted paths under `prefix` (e.g. `data`). */
export const toFieldIssues = (errors: t.Errors, prefix: string): FieldIssue[] => {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const path = pathOf(error.context, prefix);
    const expected = error.context[error.context.length - 1]?.type.name ?? 'valid value';
    const message = error.message ?? `expected ${expected}, got ${describe(error.value)}`;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message });
  }
  return issues;
};
