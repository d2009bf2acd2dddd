import type { CodecRegistry, DecodedRecord, QuarantinedRecord } from '../codecs/registry.js';
import type { DomainEvent } from '../kernel/decider.js';
import { NO_STREAM, type StreamVersion } from '../eventstore/expectedVersion.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from '../eventstore/port.js';

/** Read a stream and decode every record through the registry (upcasting, quarantining). */
export async function* readDecoded(
  store: EventStore,
  registry: CodecRegistry,
  streamId: string,
  options?: ReadStreamOptions,
): AsyncIterable<DecodedRecord> {
  for await (const record of store.readStream(streamId, options)) yield registry.decode(record);
}

/** Read the global log and decode every record through the registry. */
export async function* readAllDecoded(
  store: EventStore,
  registry: CodecRegistry,
  options?: ReadAllOptions,
): AsyncIterable<DecodedRecord> {
  for await (const record of store.readAll(options)) yield registry.decode(record);
}

export interface LoadedStream<State> {
  readonly state: State;
  readonly version: StreamVersion;
  readonly quarantined: readonly QuarantinedRecord[];
}

/** Fold a stream into state. Quarantined records are collected, not folded, and never thrown. */
export const loadStream = async <State, Event extends DomainEvent>(
  store: EventStore,
  registry: CodecRegistry,
  streamId: string,
  evolve: (state: State, event: Event) => State,
  initialState: State,
): Promise<LoadedStream<State>> => {
  let state = initialState;
  let version: StreamVersion = NO_STREAM;
  const quarantined: QuarantinedRecord[] = [];
  for await (const decoded of readDecoded(store, registry, streamId)) {
    version = decoded.record.streamVersion;
    if (decoded.kind === 'quarantined') {
      quarantined.push(decoded);
      continue;
    }
    state = evolve(state, { type: decoded.type, data: decoded.data } as Event);
  }
  return { state, version, quarantined };
};
