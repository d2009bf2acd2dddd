import * as t from 'io-ts';
import { IsoDate, NonEmptyString } from '../codecs/primitives.js';

export const ProvenanceCodec = t.intersection(
  [t.type({ actorId: NonEmptyString, role: NonEmptyString }), t.partial({ onBehalfOf: NonEmptyString })],
  'Provenance',
);

export const NewEventMetadataCodec = t.type(
  {
    provenance: ProvenanceCodec,
    correlationId: NonEmptyString,
    causationId: NonEmptyString,
    effectiveOn: IsoDate,
  },
  'NewEventMetadata',
);
