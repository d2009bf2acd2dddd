/**
 * What only event-store authors need: append validation, retried-append detection, read-range resolution,
 * sealing, and the cross-store contract suite every store runs unchanged (with the small aggregate it uses).
 */
export * from '../eventstore/validateAppend.js';
export * from '../eventstore/idempotency.js';
export * from '../eventstore/importEvents.js';
export * from '../eventstore/readRange.js';
export { jsonSnapshot, NotPlainJson, MAX_JSON_DEPTH } from '../eventstore/jsonSnapshot.js';
export { sealEvents, type ValidatedEvent } from '../eventstore/chain.js';
export { deepFreeze, isDeepFrozen } from '../eventstore/deepFreeze.js';
export { iterateArray, type ArrayRange } from '../eventstore/arrayReads.js';
export {
  describeEventStoreContract,
  type ContractContext,
  type ContractOptions,
  type ContractStoreFactory,
  type ContractTestApi,
} from './contract.js';
export * from './toyAggregate.js';
export * from './toyEvents.js';
export { collect, rejection } from './collect.js';
