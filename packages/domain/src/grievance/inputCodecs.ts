/**
 * Building blocks of the command codecs: text every store can hold, bounded sizes, strict objects with optional
 * fields, and tagged unions that report only the matching member's problems.
 */
import * as t from 'io-ts';
import { checkedString, strictCommand } from '@laborcase/core';

// U+0000 and lone surrogates are refused by every store: a command carrying them must fail its codec, not the append.
const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Text of at most `maxLength` characters that every store can hold; not blank unless `blankAllowed`. */
export const storableText = (name: string, maxLength: number, blankAllowed = false): t.Type<string, string, unknown> =>
  checkedString(name, (s) => s.length <= maxLength && !UNSTORABLE.test(s) && (blankAllowed || s.trim().length > 0));

export const boundedArray = <C extends t.Mixed>(item: C, maxLength: number): t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown> => {
  const array = t.readonlyArray(item);
  return new t.Type(
    `ReadonlyArray<${item.name}> (at most ${maxLength})`,
    (u): u is readonly t.TypeOf<C>[] => array.is(u) && u.length <= maxLength,
    (u, context) => (Array.isArray(u) && u.length > maxLength ? t.failure(u, context, `at most ${maxLength} items`) : array.validate(u, context)),
    array.encode,
  );
};

/** `codec`, or absent. */
const absentOr = <C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | undefined, t.OutputOf<C> | undefined, unknown> =>
  new t.Type(
    codec.name,
    (u): u is t.TypeOf<C> | undefined => u === undefined || codec.is(u),
    (u, context) => (u === undefined ? t.success(undefined) : codec.validate(u, context)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  );

/**
 * `strictCommand` (unknown fields rejected) with optional fields. Given optional fields, core's `strictCommand`
 * validates through an intersection whose member index ends up in the reported paths (`0.settledOn` instead of
 * `settledOn`); declaring each optional field as a required one that may be absent keeps the paths clean. The
 * decoded value is the same: `strictCommand` drops fields that decode to `undefined`.
 */
export const strictInput = <R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown, unknown> => {
  const mayBeAbsent: t.Props = Object.fromEntries(Object.entries(optional).map(([key, codec]) => [key, absentOr(codec)]));
  return strictCommand(name, { ...required, ...mayBeAbsent }) as unknown as t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown, unknown>;
};

/**
 * A union tagged by `kind`: the member whose kind matches decodes the value and alone reports its problems; an
 * unknown kind is reported at `kind`.
 */
export const byKind = <M extends Readonly<Record<string, t.Mixed>>>(name: string, members: M): t.Type<t.TypeOf<M[keyof M]>, unknown, unknown> => {
  const kinds = Object.keys(members);
  const memberFor = (u: unknown): t.Mixed | undefined => {
    const kind: unknown = typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' && Object.hasOwn(members, kind) ? members[kind] : undefined;
  };
  return new t.Type<t.TypeOf<M[keyof M]>, unknown, unknown>(
    name,
    (u): u is t.TypeOf<M[keyof M]> => memberFor(u)?.is(u) === true,
    (u, context) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context, `expected an object with a kind (${kinds.join(', ')})`);
      const member = memberFor(u);
      if (member === undefined) {
        const kind = (u as { kind?: unknown }).kind;
        return t.failures([{ value: kind, context: [...context, { key: 'kind', type: t.unknown, actual: u }], message: `expected one of ${kinds.join(', ')}` }]);
      }
      return member.validate(u, context);
    },
    t.identity,
  );
};
