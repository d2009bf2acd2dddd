/**
 * Read models fed by events, with checkpoints, rebuilds and as-of-date rebuilds. The runtime builds on the
 * port's `readAll` / `waitForEvents` (see `followAll` in @laborcase/domain); projections land with their issue.
 */
export {};
