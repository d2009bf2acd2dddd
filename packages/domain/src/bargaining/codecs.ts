import { isLeft, left } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { strictCommand } from '@laborcase/core';

/**
 * Codec building blocks of the bargaining commands: strict objects, unions told apart by a tag, and the refusal
 * of text no store can hold.
 */

// core's strictCommand validates required and optional fields as one io-ts intersection, so a field error's
// path picks up the intersection's member index (`0.text`, `groundRules.1.notes`, and core's own `actor.0.role`).
// These wrappers take that segment out again; they can go once strictCommand reports plain paths.
const isMemberIndexEntry = (entry: t.ContextEntry | undefined): boolean =>
  entry !== undefined && (entry.key === '0' || entry.key === '1') && (entry.type instanceof t.InterfaceType || entry.type instanceof t.PartialType);

const withoutMemberIndex = (error: t.ValidationError, at: number): t.ValidationError =>
  isMemberIndexEntry(error.context[at]) ? { ...error, context: [...error.context.slice(0, at), ...error.context.slice(at + 1)] } : error;

/** `codec` (one built with core's `strictCommand`) with field paths as callers write them. */
export const withPlainPaths = <A>(codec: t.Type<A, unknown, unknown>): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    codec.name,
    codec.is,
    (u, context) => {
      const result = codec.validate(u, context);
      return isLeft(result) ? left(result.left.map((error) => withoutMemberIndex(error, context.length))) : result;
    },
    codec.encode,
  );

/** core's `strictCommand` (unknown fields rejected, only declared ones kept), with field paths as callers write them. */
export const strictObject = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown, unknown> => withPlainPaths(strictCommand(name, required, optional));

const describeTag = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : typeof value);

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** A union told apart by one literal field; a value with an unknown tag fails at that field, not at every member. */
export const taggedUnion = <M extends Readonly<Record<string, t.Mixed>>>(name: string, tag: string, members: M): t.Type<t.TypeOf<M[keyof M]>, unknown, unknown> => {
  const byTag = new Map<unknown, t.Mixed>(Object.entries(members));
  const memberOf = (u: unknown): t.Mixed | undefined => (isRecord(u) ? byTag.get(u[tag]) : undefined);
  const expected = Object.keys(members).map((key) => JSON.stringify(key)).join(' | ');
  return new t.Type<t.TypeOf<M[keyof M]>, unknown, unknown>(
    name,
    (u): u is t.TypeOf<M[keyof M]> => memberOf(u)?.is(u) ?? false,
    (u, context) => {
      if (!isRecord(u)) return t.failure(u, context, `expected an object, got ${u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u}`);
      const member = memberOf(u);
      if (member !== undefined) return member.validate(u, context);
      const value = u[tag];
      return t.failures([{ value, context: [...context, { key: tag, type: t.string, actual: value }], message: `expected ${expected}, got ${describeTag(value)}` }]);
    },
    t.identity,
  );
};

// The rule every store applies on append (core's `isStorableText`, exported only to store authors): PostgreSQL
// cannot hold U+0000 and a lone surrogate is not Unicode. Checked before deciding, a bad string is a field error
// instead of a store error thrown after the decision.
const UNSTORABLE = /\u0000|\p{Cs}/u;

type Path = readonly string[];

/** Paths of the strings (values, or keys of plain objects) in `value` that no store can hold. */
const unstorablePaths = (value: unknown, path: Path = [], seen: WeakSet<object> = new WeakSet()): Path[] => {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [path] : [];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorablePaths(item, [...path, String(index)], seen));
  return Object.entries(value).flatMap(([key, child]) => (UNSTORABLE.test(key) ? [[...path, key]] : unstorablePaths(child, [...path, key], seen)));
};

const failuresAt = (u: unknown, context: t.Context, paths: readonly Path[]): t.Validation<never> =>
  t.failures(
    paths.map((path) => ({
      value: u,
      context: [...context, ...path.map((key) => ({ key, type: t.string, actual: undefined }))],
      message: 'contains U+0000 or an unpaired surrogate, which no store can hold',
    })),
  );

/** `codec`, also refusing any string that no event store can hold, at that string's path. */
export const storable = <A>(codec: t.Type<A, unknown, unknown>): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    codec.name,
    (u): u is A => codec.is(u) && unstorablePaths(u).length === 0,
    (u, context) => {
      const decoded = codec.validate(u, context);
      if (decoded._tag === 'Left') return decoded;
      const paths = unstorablePaths(decoded.right);
      return paths.length === 0 ? decoded : failuresAt(u, context, paths);
    },
    codec.encode,
  );
