/**
 * fast-check seeding. Locally every run explores new random cases (set FC_SEED to replay one). In CI the seed
 * is fixed, so a landing is never decided by the luck of the draw; counterexamples found locally become
 * regression examples in the specs.
 */
import * as fc from 'fast-check';

const fixedSeedForCi = 20_261_123;
const requested = process.env['FC_SEED'];
const seed = requested !== undefined && requested !== '' ? Number(requested) : process.env['CI'] === 'true' ? fixedSeedForCi : undefined;
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ seed });
