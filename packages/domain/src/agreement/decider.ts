/** Kept for imports by path (`agreement/decider.js`); the decider lives in `decide/index.ts`. Prefer `index.js`. */
export { agreementDecider } from './decide/index.js';
export { agreementStreamId } from './streamId.js';
