import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Provenance } from '../eventstore/envelope.js';
import type { FieldIssue } from '../eventstore/errors.js';
import { CoreErrors } from '../kernel/checks.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import { toFieldIssues } from './issues.js';
import { VisibleText, isStorableText } from './primitives.js';

/** `InvalidCommand.details`: every field that failed, with dotted paths (`grievant.employeeIds.0`). */
export interface InvalidCommandDetails {
  readonly issues: readonly FieldIssue[];
}

/** The `InvalidCommand` rejection for issues found by a codec, or by a check outside one (a document's JSON syntax). */
export const invalidCommand = (what: string, issues: readonly FieldIssue[]): DomainError => {
  const first = issues[0] ?? { path: '(root)', message: 'invalid value' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return domainError(CoreErrors.invalidCommand, `${what} is malformed: ${first.path}: ${first.message}${more}`, {
    rule: 'commands are validated against their codec before anything is decided',
    field: first.path,
    details: { issues } satisfies InvalidCommandDetails,
  });
};

/**
 * Validate untrusted input against a command codec. A malformed command is `Left InvalidCommand` naming the
 * first offending field (paths under `prefix` when given), never a thrown error.
 */
export const decodeCommand = <A>(codec: t.Decoder<unknown, A>, input: unknown, what = 'command', prefix = ''): Either<DomainError, A> => {
  const decoded = codec.decode(input);
  if (isLeft(decoded)) return left(invalidCommand(what, toFieldIssues(decoded.left, prefix)));
  // Whatever the codec allows, a string no store can hold would only fail later, at append: refuse it here.
  const unstorable = unstorablePaths(decoded.right).map((path) => ({
    path: [prefix, ...path].filter((key) => key !== '').join('.') || '(root)',
    message: 'contains U+0000 or an unpaired surrogate, which no store can hold',
  }));
  return unstorable.length > 0 ? left(invalidCommand(what, unstorable)) : right(decoded.right);
};

/** Paths of the strings (values, or keys of objects) in a decoded value that no store can hold. */
const unstorablePaths = (value: unknown, path: readonly string[] = [], seen = new WeakSet<object>()): string[][] => {
  if (typeof value === 'string') return isStorableText(value) ? [] : [[...path]];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => unstorablePaths(item, [...path, String(index)], seen));
  return Object.entries(value).flatMap(([key, child]) => (isStorableText(key) ? unstorablePaths(child, [...path, key], seen) : [[...path, key]]));
};

/**
 * An object codec that also rejects properties it does not declare, so a misspelt optional field is an
 * `InvalidCommand` rather than silently ignored. Decoding returns only the declared properties.
 */
export const strictCommand = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown, unknown> => {
  const base = optional === undefined ? t.type(required) : t.intersection([t.type(required), t.partial(optional)]);
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  return new t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown, unknown>(
    name,
    (u): u is t.TypeOfProps<R> & t.TypeOfPartialProps<O> => base.is(u),
    (u, context) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context, `expected an object, got ${describeKind(u)}`);
      const unknownKeys = Object.keys(u).filter((key) => !known.has(key));
      if (unknownKeys.length > 0) {
        return t.failures(unknownKeys.map((key) => ({ value: (u as Record<string, unknown>)[key], context: [...context, { key, type: t.never, actual: u }], message: 'unknown field' })));
      }
      // An empty key keeps the combinator's own member index out of reported paths (see toFieldIssues).
      const decoded = base.validate(u, [...context, { key: '', type: base, actual: u }]);
      if (isLeft(decoded)) return decoded;
      const picked: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(decoded.right as Record<string, unknown>)) if (known.has(key) && value !== undefined) picked[key] = value;
      return t.success(picked as t.TypeOfProps<R> & t.TypeOfPartialProps<O>);
    },
    t.identity,
  );
};

const describeKind = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u);

/** Who issues a command through a service: the provenance every resulting event carries. */
export type Actor = Provenance;

export const ActorCodec = strictCommand('Actor', { actorId: VisibleText, role: VisibleText }, { onBehalfOf: VisibleText });

/** Validate a service call's actor; issues are reported under `actor.` (`actor.role`). */
export const decodeActor = (actor: unknown): Either<DomainError, Actor> => decodeCommand(ActorCodec, actor, 'actor', 'actor');

type DecodedBy<D> = D extends t.Decoder<unknown, infer A> ? A : never;

/**
 * A union told apart by one literal field (`tag`): the member whose tag matches decodes the value and alone
 * reports its problems (`grievant`, not every member's); an unknown tag is reported at the tag's own path.
 */
export const taggedUnion = <M extends Readonly<Record<string, t.Decoder<unknown, unknown>>>>(name: string, tag: string, members: M): t.Type<DecodedBy<M[keyof M]>, unknown, unknown> => {
  const tags = Object.keys(members);
  const memberOf = (u: unknown): t.Decoder<unknown, unknown> | undefined => {
    const value: unknown = typeof u === 'object' && u !== null && !Array.isArray(u) ? (u as Record<string, unknown>)[tag] : undefined;
    return typeof value === 'string' && Object.hasOwn(members, value) ? members[value] : undefined;
  };
  return new t.Type<DecodedBy<M[keyof M]>, unknown, unknown>(
    name,
    (u): u is DecodedBy<M[keyof M]> => {
      const member = memberOf(u);
      return member !== undefined && !isLeft(member.decode(u));
    },
    (u, context) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context, `expected an object, got ${describeKind(u)}`);
      const member = memberOf(u);
      if (member !== undefined) return member.validate(u, context) as t.Validation<DecodedBy<M[keyof M]>>;
      const value = (u as Record<string, unknown>)[tag];
      return t.failures([{ value, context: [...context, { key: tag, type: t.unknown, actual: u }], message: `expected one of ${tags.join(', ')}` }]);
    },
    t.identity,
  );
};

/** The codec of a command union, choosing the member by `type`. Usable as `commandHandler`'s `commandCodec`. */
export const commandUnion = <Command extends { readonly type: string }>(
  name: string,
  members: { readonly [K in Command['type']]: t.Decoder<unknown, Extract<Command, { readonly type: K }>> },
): t.Decoder<unknown, Command> => taggedUnion(name, 'type', members) as t.Decoder<unknown, Command>;

/**
 * A field that may be absent (`undefined`), for declaring optional fields among the required ones of a
 * `strictCommand` when their order in the codec matters to the reader.
 */
export const optional = <A>(codec: t.Type<A, unknown, unknown>): t.Type<A | undefined, unknown, unknown> =>
  new t.Type<A | undefined, unknown, unknown>(
    `${codec.name} (optional)`,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, context) => (u === undefined ? t.success(undefined) : codec.validate(u, context)),
    t.identity,
  );
