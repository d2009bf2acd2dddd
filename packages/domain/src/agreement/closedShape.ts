/**
 * `strictCommand` rejects unknown fields at the top of a command only. Agreement input nests contract data (the
 * term, articles, the grievance procedure with its steps and limits) typed by hand or loaded from a JSON file,
 * where a misspelt optional field (`"meetWithn"`) would otherwise vanish silently and change the contract.
 * `closed(codec)` rejects undeclared properties at every depth of a codec built from io-ts's combinators.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

interface Inspectable {
  readonly _tag?: string;
  readonly props?: Readonly<Record<string, Inspectable>>;
  readonly types?: readonly Inspectable[];
  readonly type?: Inspectable;
  readonly is: (u: unknown) => boolean;
}

type Props = Readonly<Record<string, Inspectable>>;

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** The properties an object codec declares for `value` (a union contributes the member `value` matches). */
const propsOf = (codec: Inspectable, value: unknown): Props | undefined => {
  switch (codec._tag) {
    case 'InterfaceType':
    case 'PartialType':
      return codec.props;
    case 'IntersectionType': {
      let merged: Props = {};
      for (const member of codec.types ?? []) {
        const props = propsOf(member, value);
        if (props === undefined) return undefined;
        merged = { ...merged, ...props };
      }
      return merged;
    }
    case 'UnionType': {
      const member = codec.types?.find((m) => m.is(value));
      return member === undefined ? undefined : propsOf(member, value);
    }
    case 'RefinementType':
    case 'ReadonlyType':
    case 'ExactType':
      return codec.type === undefined ? undefined : propsOf(codec.type, value);
    default:
      return undefined;
  }
};

const elementOf = (codec: Inspectable, value: unknown): Inspectable | undefined => {
  switch (codec._tag) {
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return codec.type;
    case 'UnionType': {
      const member = codec.types?.find((m) => m.is(value));
      return member === undefined ? undefined : elementOf(member, value);
    }
    case 'RefinementType':
    case 'ReadonlyType':
    case 'ExactType':
      return codec.type === undefined ? undefined : elementOf(codec.type, value);
    default:
      return undefined;
  }
};

/** Paths (as key lists) of every property of `value` that `codec` does not declare. */
const unknownFields = (codec: Inspectable, value: unknown, path: readonly string[]): (readonly string[])[] => {
  if (Array.isArray(value)) {
    const element = elementOf(codec, value);
    return element === undefined ? [] : value.flatMap((item: unknown, i) => unknownFields(element, item, [...path, String(i)]));
  }
  if (!isPlainObject(value)) return [];
  const props = propsOf(codec, value);
  if (props === undefined) return [];
  return Object.keys(value).flatMap((key) => {
    if (!hasOwn(props, key)) return [[...path, key]];
    const declared = props[key];
    return declared === undefined || value[key] === undefined ? [] : unknownFields(declared, value[key], [...path, key]);
  });
};

/** `codec`, also rejecting (as `unknown field`, at its path) any property it does not declare, at any depth. */
export const closed = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    (u): u is A => codec.is(u) && unknownFields(codec, u, []).length === 0,
    (u, context) => {
      // An empty key keeps a combinator's member index out of reported paths (as strictCommand does).
      const decoded = codec.validate(u, [...context, { key: '', type: codec, actual: u }]);
      if (isLeft(decoded)) return decoded;
      const unknown = unknownFields(codec, u, []);
      if (unknown.length === 0) return decoded;
      return t.failures(
        unknown.map((path) => ({
          value: u,
          context: [...context, ...path.map((key) => ({ key, type: t.unknown, actual: undefined }))],
          message: 'unknown field',
        })),
      );
    },
    codec.encode,
  );
