/**
 * @laborcase/projections/testkit: given/then for projections, the fast-check properties every projection should
 * have, a synthetic log to run them on, a read-only event store over a stored log (`ArrayEventStore`), and the
 * small case-board projection the package tests itself with.
 * Needs `fast-check` (an optional peer dependency) for the properties.
 */
export * from './arrayEventStore.js';
export * from './log.js';
export * from './spec.js';
export * from './properties.js';
export * from './sample.js';
export * from './sampleArbitraries.js';
