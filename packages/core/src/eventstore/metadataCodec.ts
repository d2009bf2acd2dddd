import * as t from 'io-ts';
import { IsoDate, NonEmptyString, VisibleText } from '../codecs/primitives.js';

/**
 * `codec` that also refuses any key not in `keys`, naming it: extra metadata would be hashed and stored as if
 * the store vouched for it (`signedBy`, `provenance.verified`).
 */
const closed = <C extends t.Mixed>(codec: C, keys: readonly string[]): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> =>
  new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> => codec.is(u) && Object.keys(u as object).every((key) => keys.includes(key)),
    (u, context) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((key) => !keys.includes(key));
        if (extra !== undefined) {
          const actual = (u as Record<string, unknown>)[extra];
          return t.failure(actual, [...context, { key: extra, type: t.never, actual }], `is not a metadata field (allowed: ${keys.join(', ')})`);
        }
      }
      // The inner codec takes this entry's place in the context, so an intersection's member index stays out of paths.
      const last = context[context.length - 1];
      return codec.validate(u, last === undefined ? context : [...context.slice(0, -1), { ...last, type: codec }]);
    },
    (a) => codec.encode(a) as t.OutputOf<C>,
  );

export const ProvenanceCodec = closed(
  t.intersection([t.type({ actorId: VisibleText, role: VisibleText }), t.partial({ onBehalfOf: VisibleText })], 'Provenance'),
  ['actorId', 'role', 'onBehalfOf'],
);

/**
 * The metadata an append takes, exactly: any other key is an `InvalidEvent` naming it. `recordedAt` may be
 * present (an event read back and appended again, as a retry does) and is ignored: the store's clock sets it.
 */
export const NewEventMetadataCodec = closed(
  t.intersection(
    [
      t.type({ provenance: ProvenanceCodec, correlationId: NonEmptyString, causationId: NonEmptyString, effectiveOn: IsoDate }),
      t.partial({ recordedAt: t.string }),
    ],
    'NewEventMetadata',
  ),
  ['provenance', 'correlationId', 'causationId', 'effectiveOn', 'recordedAt'],
);
