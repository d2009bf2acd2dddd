/**
 * @laborcase/projections: the runtime for read models and reactors (checkpoints, rebuilds, dead letters,
 * as-effective-on / as-known-at) and the labor read models. Not built yet: this package exports nothing until
 * its issue lands. Until then, `followAll` in @laborcase/core turns a store's log into a live feed.
 */
export {};
