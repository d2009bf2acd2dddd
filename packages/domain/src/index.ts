export * from './kernel/decider.js';
export * from './kernel/domainError.js';

export * from './codecs/primitives.js';
export * from './codecs/eventType.js';
export * from './codecs/registry.js';
export { toFieldIssues } from './codecs/issues.js';

export * from './eventstore/envelope.js';
export * from './eventstore/errors.js';
export * from './eventstore/expectedVersion.js';
export * from './eventstore/position.js';
export * from './eventstore/port.js';
export * from './eventstore/chain.js';
export * from './eventstore/metadataCodec.js';
export * from './eventstore/validateAppend.js';

export * from './runtime/loadStream.js';
export * from './runtime/commandHandler.js';
export * from './runtime/follow.js';
export * from './eventstore/readRange.js';
export * from './eventstore/idempotency.js';
export * from './kernel/dates.js';
export * from './calendar/index.js';
export * from './costing/index.js';
export * from './bargaining/index.js';
export * from './employee-relations/index.js';
export * from './domainRegistry.js';
export * from './agreement/index.js';
export * from './corrections/index.js';
export * from './codecs/eventValidator.js';
export * from './bargaining-to-agreement/index.js';
export * from './grievance/index.js';
