/** Building blocks of the command codecs: text every store can hold, and bounded sizes. */
import * as t from 'io-ts';
import { checkedString } from '@laborcase/core';

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
