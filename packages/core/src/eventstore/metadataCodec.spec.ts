import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { NewEventMetadataCodec } from './metadataCodec.js';

const valid = {
  provenance: { actorId: 'lr-specialist-7', role: 'labor-relations' },
  correlationId: 'c-1',
  causationId: 'c-1',
  effectiveOn: '2025-11-14',
};

/** Values near valid metadata: each field kept, dropped, or replaced by something else, plus stray keys. */
const nearMetadata = fc.record(
  {
    provenance: fc.oneof(
      fc.constant(valid.provenance),
      fc.record({ actorId: fc.oneof(fc.string(), fc.constant('a')), role: fc.oneof(fc.string(), fc.constant('r')), onBehalfOf: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
      fc.anything(),
    ),
    correlationId: fc.oneof(fc.constant('c'), fc.string(), fc.anything()),
    causationId: fc.oneof(fc.constant('c'), fc.string(), fc.anything()),
    effectiveOn: fc.oneof(fc.constant('2025-11-14'), fc.constant('2025-02-30'), fc.string(), fc.anything()),
    recordedAt: fc.oneof(fc.string(), fc.anything()),
    signedBy: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('NewEventMetadataCodec', () => {
  // validateAppend asks `is` first and decodes only to name the issues of a refusal: the two must agree.
  it('property: is(x) holds exactly when decoding x succeeds', () => {
    fc.assert(
      fc.property(fc.oneof(nearMetadata, fc.anything()), (value) => {
        expect(NewEventMetadataCodec.is(value)).toBe(isRight(NewEventMetadataCodec.decode(value)));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts valid metadata, with or without recordedAt, and refuses a stray key', () => {
    expect(NewEventMetadataCodec.is(valid)).toBe(true);
    expect(NewEventMetadataCodec.is({ ...valid, recordedAt: '2025-11-14T00:00:00.000Z' })).toBe(true);
    expect(NewEventMetadataCodec.is({ ...valid, signedBy: 'x' })).toBe(false);
    expect(NewEventMetadataCodec.is({ ...valid, provenance: { ...valid.provenance, verified: true } })).toBe(false);
  });
});
