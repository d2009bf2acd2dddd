import * as t from 'io-ts';

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
