/**
 * @laborcase/core: the event-sourcing kernel. It knows nothing of labor relations.
 * Store authors also want `@laborcase/core/adapter-kit`; tests want `@laborcase/core/testkit`.
 */
export * from './kernel/decider.js';
export * from './kernel/domainError.js';
export * from './kernel/checks.js';
export * from './kernel/dates.js';

export * from './codecs/primitives.js';
export * from './codecs/eventType.js';
export * from './codecs/registry.js';
export * from './codecs/eventValidator.js';
export * from './codecs/commandCodec.js';
export { toFieldIssues } from './codecs/issues.js';

export * from './eventstore/envelope.js';
export * from './eventstore/errors.js';
export * from './eventstore/expectedVersion.js';
export * from './eventstore/position.js';
export * from './eventstore/port.js';
export * from './eventstore/chain.js';
export * from './eventstore/metadataCodec.js';
export { MAX_JSON_DEPTH } from './eventstore/jsonSnapshot.js';
export { readToArray } from './eventstore/arrayReads.js';

export * from './runtime/loadStream.js';
export * from './runtime/commandHandler.js';
export * from './runtime/stateCache.js';
export * from './runtime/follow.js';
export * from './runtime/service.js';

export * from './corrections/index.js';
