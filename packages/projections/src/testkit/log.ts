/**
 * A synthetic global log for tests: events as a user writes them (stream, type, data, business date), turned
 * into stored events with positions, stream versions and ids, and applied through the very code the runner
 * uses (`applyBatch`), in any batch split, to an in-memory read-model store.
 */
import { comparePositions, positionFromSegments, type CodecRegistry, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { applyBatch } from '../batch.js';
import type { EventShape, Projection, AnyProjection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { createInMemoryReadModelStore } from '../memoryStore.js';
import { targetOf } from '../runner.js';
import type { DeadLetter, ReadModelStore } from '../store.js';
import type { Row } from '../tables.js';

export interface LogEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  /** Default: a deterministic id from the event's place in the log (`event-<n>`). */
  readonly eventId?: string;
  /** Default 2026-01-01. */
  readonly effectiveOn?: string;
  /** Default: one second after the previous event, from 2026-01-01T00:00:00.000Z. */
  readonly recordedAt?: string;
  /** Default: the registry's current version of the type. */
  readonly schemaVersion?: number;
}

/** Stored events for `events`, in order: positions 1, 2, …; versions counted per stream. */
export const toStoredEvents = (registry: CodecRegistry, events: readonly LogEvent[]): StoredEvent[] => {
  const versions = new Map<string, number>();
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  return events.map((event, index) => {
    if (typeof event !== 'object' || event === null) throw new InvalidProjection(`events.${index}`, 'must be an object');
    if (typeof event.streamId !== 'string' || event.streamId.length === 0) throw new InvalidProjection(`events.${index}.streamId`, 'must be a non-empty string');
    if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidProjection(`events.${index}.type`, 'must be a non-empty string');
    const version = (versions.get(event.streamId) ?? -1) + 1;
    versions.set(event.streamId, version);
    return {
      eventId: event.eventId ?? `event-${index + 1}`,
      streamId: event.streamId,
      streamVersion: version,
      type: event.type,
      schemaVersion: event.schemaVersion ?? registry.currentVersion(event.type) ?? 1,
      data: event.data,
      metadata: {
        provenance: { actorId: 'test', role: 'test' },
        correlationId: 'test',
        causationId: 'test',
        effectiveOn: event.effectiveOn ?? '2026-01-01',
        recordedAt: event.recordedAt ?? new Date(base + (index + 1) * 1_000).toISOString(),
      },
      prevHash: '',
      hash: '',
      globalPosition: positionFromSegments(BigInt(index + 1)),
    };
  });
};

export interface ModelSnapshot {
  readonly tables: { readonly [table: string]: readonly Row[] };
  readonly checkpoint: GlobalPosition | undefined;
  readonly deadLetters: readonly Omit<DeadLetter, 'id' | 'recordedAt'>[];
}

export interface LogProjector {
  readonly store: ReadModelStore;
  /** Apply these stored events as one batch (a runner's transaction). */
  apply(batch: readonly StoredEvent[]): Promise<void>;
  snapshot(): Promise<ModelSnapshot>;
}

/** A fresh in-memory read model for `projection`, fed from `log` (its history for corrections). */
export const logProjector = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
  log: readonly StoredEvent[],
): Promise<LogProjector> => {
  const erased = projection as unknown as AnyProjection;
  const store = createInMemoryReadModelStore();
  const target = targetOf(erased);
  await store.prepare(target);
  const context = {
    projection: erased,
    target,
    registry,
    store,
    policy: 'skip' as const,
    clock: () => new Date('2026-01-01T00:00:00.000Z'),
    history: async (streamId: string, upTo: GlobalPosition) => log.filter((e) => e.streamId === streamId && comparePositions(e.globalPosition, upTo) <= 0),
  };
  return {
    store,
    async apply(batch) {
      if (batch.length > 0) await applyBatch(context, batch);
    },
    async snapshot() {
      const tables: Record<string, readonly Row[]> = {};
      for (const table of erased.tables) tables[table.name] = await store.rows(target, table.name);
      const deadLetters = (await store.deadLetters(target)).map(({ id: _id, recordedAt: _at, ...rest }) => rest);
      return { tables, checkpoint: await store.checkpoint(target), deadLetters };
    },
  };
};

/** Project `log` split into batches of the given sizes (the rest in one last batch). */
export const projectInBatches = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
  log: readonly StoredEvent[],
  sizes: readonly number[] = [],
): Promise<ModelSnapshot> => {
  const projector = await logProjector(projection, registry, log);
  let at = 0;
  for (const size of sizes) {
    if (at >= log.length) break;
    await projector.apply(log.slice(at, at + Math.max(1, size)));
    at += Math.max(1, size);
  }
  await projector.apply(log.slice(at));
  return projector.snapshot();
};
