/**
 * Reactors: the log drives commands. A reactor maps each event it handles to commands (pure), and the runner
 * dispatches them with **deterministic command ids** — `commandIdOf(reactor, eventId, index)`, the same on
 * every delivery — and records each dispatched id with the checkpoint in one read-model transaction.
 *
 * Exactly-once effect needs one more thing from the dispatcher: a crash after a dispatch and before its record
 * commits redelivers the event, and the command is dispatched again with the same id. The dispatcher must make
 * that a no-op: pass the id as the command's causation id and check it (`alreadyCaused` does, on the target
 * stream), or derive the new events' ids from it so the store's idempotent re-append absorbs the repeat.
 */
import { createHash, randomUUID } from 'node:crypto';
import { comparePositions, readToArray, START, type CodecRegistry, type EventStore, type GlobalPosition, type StoredEvent } from '@laborcase/core';
import { InvalidProjection, ProjectionLocked } from './errors.js';
import { runLeaseKey, type ModelTarget, type ReadModelStore } from './store.js';
import { checkIdentifier } from './tables.js';

export interface ReactorEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: StoredEvent['metadata'];
  readonly globalPosition: GlobalPosition;
}

export interface ReactorCommand {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface Reactor<Command extends ReactorCommand = ReactorCommand> {
  /** Lower-case identifier: names its checkpoint, its lease and its command ids. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** Pure: the commands an event calls for (none for most). */
  react(event: ReactorEvent): readonly Command[];
  /** Carry out one command. Must be idempotent per `commandId` (see the module comment). */
  dispatch(command: Command, context: { readonly commandId: string; readonly event: ReactorEvent }): Promise<void>;
}

/** A UUID-shaped id from the reactor, the event and the command's index: the same on every delivery. */
export const commandIdOf = (reactor: string, eventId: string, index: number): string => {
  const hex = createHash('sha256').update(`${reactor}\u0000${eventId}\u0000${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Whether `streamId` already holds an event caused by `commandId` (its `metadata.causationId`). */
export const alreadyCaused = async (eventStore: EventStore, streamId: string, commandId: string): Promise<boolean> => {
  for await (const event of eventStore.readStream(streamId, { direction: 'backwards' })) if (event.metadata.causationId === commandId) return true;
  return false;
};

export interface ReactorRunnerOptions<Command extends ReactorCommand> {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly store: ReadModelStore;
  readonly reactor: Reactor<Command>;
  readonly batchSize?: number;
  readonly leaseTtlMs?: number;
  readonly owner?: string;
}

export interface ReactorRunner {
  /** Process everything up to the log's head now, then return (a scheduler calls it, or a loop). */
  runOnce(): Promise<{ readonly events: number; readonly dispatched: number; readonly checkpoint: GlobalPosition | undefined }>;
  /** Ids of the commands dispatched so far. */
  dispatched(): Promise<string[]>;
}

export const reactorTarget = (name: string): ModelTarget => ({
  name: `reactor_${name}`.slice(0, 24),
  version: 1,
  tables: [{ name: 'dispatched', columns: { command_id: 'text', event_id: 'text', command_type: 'text' }, primaryKey: ['command_id'] }],
});

export const createReactorRunner = <Command extends ReactorCommand>(options: ReactorRunnerOptions<Command>): ReactorRunner => {
  const { eventStore, registry, store, reactor } = options;
  if (typeof reactor !== 'object' || reactor === null) throw new InvalidProjection('reactor', 'is required');
  checkIdentifier('reactor.name', reactor.name, 16);
  if (!Array.isArray(reactor.eventTypes) || reactor.eventTypes.length === 0) throw new InvalidProjection('reactor.eventTypes', 'must list at least one type');
  const batchSize = options.batchSize ?? 100;
  const ttl = options.leaseTtlMs ?? 30_000;
  const owner = options.owner ?? randomUUID();
  const target = reactorTarget(reactor.name);
  const leaseKey = runLeaseKey(target.name, target.version);

  return {
    async runOnce() {
      const lease = await store.acquireLease(leaseKey, owner, ttl);
      if (lease.owner !== owner) throw new ProjectionLocked(target.name, lease.owner);
      try {
        await store.prepare(target);
        let checkpoint = await store.checkpoint(target);
        let events = 0;
        let dispatched = 0;
        const head = await eventStore.headPosition();
        while (checkpoint === undefined || comparePositions(checkpoint, head) < 0) {
          const batch = await readToArray(eventStore.readAll({ after: checkpoint ?? START, maxCount: batchSize, eventTypes: reactor.eventTypes }));
          if (batch.length === 0) {
            if (comparePositions(head, checkpoint ?? START) > 0) await store.transaction(target, (tx) => tx.setCheckpoint(head), { leaseOwner: owner });
            checkpoint = head;
            break;
          }
          for (const record of batch) {
            const decoded = registry.decode(record);
            const commands =
              decoded.kind === 'event'
                ? reactor.react({ eventId: record.eventId, streamId: record.streamId, type: decoded.type, data: decoded.data, metadata: record.metadata, globalPosition: record.globalPosition })
                : [];
            const event: ReactorEvent = { eventId: record.eventId, streamId: record.streamId, type: record.type, data: decoded.kind === 'event' ? decoded.data : record.data, metadata: record.metadata, globalPosition: record.globalPosition };
            const done: { command_id: string; event_id: string; command_type: string }[] = [];
            for (const [index, command] of commands.entries()) {
              const commandId = commandIdOf(reactor.name, record.eventId, index);
              const [seen] = await store.rows(target, 'dispatched', { command_id: commandId });
              if (seen !== undefined) continue;
              await reactor.dispatch(command, { commandId, event });
              done.push({ command_id: commandId, event_id: record.eventId, command_type: command.type });
            }
            await store.transaction(
              target,
              async (tx) => {
                for (const row of done) await tx.upsert('dispatched', row);
                await tx.setCheckpoint(record.globalPosition);
              },
              { leaseOwner: owner },
            );
            checkpoint = record.globalPosition;
            events++;
            dispatched += done.length;
          }
        }
        return { events, dispatched, checkpoint };
      } finally {
        await store.releaseLease(leaseKey, owner);
      }
    },
    async dispatched() {
      await store.prepare(target);
      return (await store.rows(target, 'dispatched')).map((r) => String(r['command_id']));
    },
  };
};
