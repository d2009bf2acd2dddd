/**
 * @laborcase/adapters/eventstoredb: the event store on EventStoreDB / KurrentDB through `@eventstore/db-client` 6.x.
 * A subpath of its own, so that users of the other stores never load the gRPC client.
 */
export {
  EventStoreDbEventStore,
  createEventStoreDbEventStore,
  type EventStoreDbClient,
  type EventStoreDbEventStoreOptions,
} from './eventStoreDbEventStore.js';
export {
  CLAIM_EVENT_TYPE,
  CLAIM_STREAM_PREFIX,
  ENVELOPE_FORMAT,
  ENVELOPE_MARKER,
  claimStreamOf,
  fromEsdbPosition,
  fromRecordedEvent,
  isLaborcaseEvent,
  isSystemEvent,
  toEsdbMetadata,
  toEsdbPosition,
  toExpectedRevision,
  toStreamVersion,
  translateError,
  type DecodedEvent,
  type EsdbEnvelopeMetadata,
  type EsdbExpectedRevision,
  type EsdbPosition,
  type EsdbRecordedEvent,
} from './mapping.js';
