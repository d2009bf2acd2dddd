/**
 * Codec helpers the employee-relations commands and service share, the same as `calendar/codecs.ts` (the two
 * aggregates do not depend on each other). They belong in `@laborcase/core`:
 * - `Text`: core's `NonEmptyString` lets through U+0000 and lone surrogates, which every store refuses on append;
 * - `optional`: `strictCommand`'s own optional fields put the intersection's member index into every issue path
 *   (`0.allegations.0.summary`), so optional fields are declared among the required ones with this instead;
 * - `commandUnion`: picks the member codec by `type`, so a malformed command is reported against its own fields;
 * - `unstorableActor`: core's actor codec has the same gap as `NonEmptyString`.
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { CoreErrors, checkedString, domainError, type DomainError, type InvalidCommandDetails } from '@laborcase/core';

const storable = (s: string): boolean => !/\u0000|\p{Cs}/u.test(s);

/** Non-blank text that every event store can hold. */
export const Text = checkedString('Text (non-blank, no U+0000 or lone surrogates)', (s) => s.trim().length > 0 && storable(s));

export const optional = <A>(codec: t.Type<A, unknown, unknown>): t.Type<A | undefined, unknown, unknown> =>
  new t.Type<A | undefined, unknown, unknown>(
    `${codec.name} (optional)`,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, context) => (u === undefined ? t.success(undefined) : codec.validate(u, context)),
    t.identity,
  );

export const commandUnion = <Command extends { readonly type: string }>(
  name: string,
  members: { readonly [K in Command['type']]: t.Decoder<unknown, Extract<Command, { type: K }>> },
): t.Decoder<unknown, Command> => {
  const validate: t.Validate<unknown, Command> = (u, context) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context, 'expected a command object');
    const type: unknown = (u as { readonly type?: unknown }).type;
    const member: t.Decoder<unknown, Command> | undefined =
      typeof type === 'string' && Object.prototype.hasOwnProperty.call(members, type) ? members[type as Command['type']] : undefined;
    if (member === undefined) return t.failure(type, [...context, { key: 'type', type: t.string, actual: u }], `expected one of ${Object.keys(members).join(', ')}`);
    return member.validate(u, context);
  };
  return { name, validate, decode: (u) => validate(u, [{ key: '', type: t.unknown, actual: u }]) };
};

/** `Left InvalidCommand` when the actor's text could not be stored in event metadata; otherwise undefined. */
export const unstorableActor = (actor: unknown, operation: string): Either<DomainError, never> | undefined => {
  if (typeof actor !== 'object' || actor === null) return undefined;
  const field = ['actorId', 'role', 'onBehalfOf'].find((key) => {
    const value: unknown = (actor as Record<string, unknown>)[key];
    return typeof value === 'string' && !storable(value);
  });
  if (field === undefined) return undefined;
  return invalidInput(operation, { path: `actor.${field}`, message: 'contains U+0000 or a lone surrogate, which no store can hold' });
};

/** `Left InvalidCommand` for one issue found outside a codec, shaped as `decodeCommand` shapes its rejections. */
export const invalidInput = (what: string, issue: { readonly path: string; readonly message: string }): Either<DomainError, never> =>
  left(
    domainError(CoreErrors.invalidCommand, `${what} is malformed: ${issue.path}: ${issue.message}`, {
      rule: 'commands are validated against their codec before anything is decided',
      field: issue.path,
      details: { issues: [issue] } satisfies InvalidCommandDetails,
    }),
  );
