/**
 * The workloads every store is benchmarked on: the command path (load + fold + append one event), the same with
 * the state cache, a 100-event batch append, and rehydrating a 20,000-event stream.
 */
import { v4 as uuid } from 'uuid';
import { ANY, NO_STREAM, commandHandler, loadStream, type EventStore, type NewEvent } from '@laborcase/core';
import { right } from 'fp-ts/lib/Either.js';
import { toyDecider, toyRegistry, type ToyEvent } from '@laborcase/core/adapter-kit';
import { measure, type Measurement } from './measure.js';

const metadata = { provenance: { actorId: 'bench', role: 'system' }, correlationId: 'bench', causationId: 'bench', effectiveOn: '2026-01-13' };
const answer = (): NewEvent => ({ eventId: uuid(), type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' }, metadata });

export interface WorkloadSizes {
  readonly commands: number;
  readonly batches: number;
  readonly longStream: number;
}

export const DEFAULT_SIZES: WorkloadSizes = { commands: 300, batches: 50, longStream: 20_000 };

export const runStoreWorkloads = async (store: EventStore, sizes: WorkloadSizes = DEFAULT_SIZES): Promise<Measurement[]> => {
  const run = uuid().slice(0, 8);
  // The command path on a stream of realistic length (a filed grievance with 20 prior events).
  const commandStream = `bench-cmd-${run}`;
  await store.append(
    commandStream,
    [{ eventId: uuid(), type: 'ToyGrievanceFiled', data: { grievant: 'b', articleKeys: ['k'], occurredOn: '2025-10-06' }, metadata }, ...Array.from({ length: 19 }, answer)],
    { expectedVersion: NO_STREAM },
  );
  // Always answers, so every iteration appends exactly one event whatever the stream holds.
  const answered: ToyEvent = { type: 'ToyStepAnswered', data: { step: 1, disposition: 'denied' } };
  const alwaysAnswer = { ...toyDecider, decide: () => right([answered]) };
  const handle = commandHandler({ store, registry: toyRegistry, decider: alwaysAnswer, newId: uuid });
  const commandPath = await measure('command path: load + fold + append 1 event', sizes.commands, async () => {
    await handle(commandStream, { type: 'Appeal' }, { provenance: metadata.provenance, effectiveOn: '2026-01-13' });
  });
  // The same with the state cache: decide on the kept state and append, reading nothing unless that conflicts.
  const cached = commandHandler({ store, registry: toyRegistry, decider: alwaysAnswer, newId: uuid, cache: { maxEntries: 100 } });
  const cachedCommandPath = await measure('command path with the state cache: decide + append 1 event', sizes.commands, async () => {
    await cached(commandStream, { type: 'Appeal' }, { provenance: metadata.provenance, effectiveOn: '2026-01-13' });
  });

  const batch = await measure('append a 100-event batch', sizes.batches, async (i) => {
    await store.append(`bench-batch-${run}-${i}`, Array.from({ length: 100 }, answer), { expectedVersion: NO_STREAM });
  });

  const longStream = `bench-long-${run}`;
  for (let written = 0; written < sizes.longStream; written += 1000) {
    await store.append(longStream, Array.from({ length: Math.min(1000, sizes.longStream - written) }, answer), { expectedVersion: ANY });
  }
  const rehydrate = await measure(`rehydrate a ${sizes.longStream}-event stream`, 5, async () => {
    const loaded = await loadStream(store, toyRegistry, longStream, (count: number) => count + 1, 0);
    if (loaded.state !== sizes.longStream) throw new Error(`rehydrated ${loaded.state} events`);
  }, 1);
  return [commandPath, cachedCommandPath, batch, rehydrate];
};
