import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { DomainEvent } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import { toFieldIssues } from './issues.js';

interface CodecBearer {
  readonly type: string;
  readonly codec: t.Decoder<unknown, unknown>;
}

/**
 * A final check for deciders: every event they produce must satisfy its own codec, so a malformed command field
 * becomes a typed `InvalidCommand` rejection (naming the field) instead of an event the store would refuse.
 */
export const eventValidator = <Event extends DomainEvent>(definitions: readonly CodecBearer[], rule: string) => {
  const codecs = new Map(definitions.map((d) => [d.type, d.codec]));
  return (events: readonly Event[]): Either<DomainError, readonly Event[]> => {
    for (const event of events) {
      const codec = codecs.get(event.type);
      if (codec === undefined) return left(domainError('InvalidCommand', `${event.type}: no codec for this event type`, { rule }));
      const result = codec.decode(event.data);
      if (isLeft(result)) {
        const field = toFieldIssues(result.left, '')[0]?.path ?? '';
        const named = field === '' || field === '(root)' ? undefined : field;
        return left(
          domainError('InvalidCommand', `${event.type}: a field is missing or malformed${named === undefined ? '' : ` (${named})`}`, {
            rule,
            ...(named === undefined ? {} : { field: named }),
          }),
        );
      }
    }
    return right(events);
  };
};
