/** @laborcase/projections/testkit: a sample projection and its events, for tests and examples. */
export * from './sample.js';
