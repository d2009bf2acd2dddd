/**
 * Demo: a toy grievance is filed, answered late, appealed and granted through the command handler; the
 * stream is then printed and verified, and a tampered copy shows where the chain breaks.
 *
 *   npx -y pnpm@9.15.9 demo
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { commandHandler, verifyStream, type CommandContext, type StoredEvent } from '@laborcase/core';
import { uuidV7 } from '@laborcase/adapters';
import { toyDecider, toyRegistry, type ToyCommand } from '@laborcase/core/adapter-kit';
import { openDemoStore } from './demoStore.js';

const { store, description } = await openDemoStore(toyRegistry);
console.log(`store: ${description}\n`);

const handle = commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuidV7, retry: { maxAttempts: 3 } });
const streamId = `grievance-G-25-001-${uuidV7().slice(-8)}`;
const steps: Array<[ToyCommand, Omit<CommandContext, 'correlationId'>]> = [
  [
    { type: 'File', grievant: 'Northwood ES teacher #41', articleKeys: ['planning-time'], occurredOn: '2025-10-06' },
    { provenance: { actorId: 'rep-ecea-4', role: 'association-rep', onBehalfOf: 'teacher-41' }, effectiveOn: '2025-10-21' },
  ],
  [{ type: 'Answer', disposition: 'denied' }, { provenance: { actorId: 'principal-nw', role: 'principal' }, effectiveOn: '2025-11-14' }],
  [{ type: 'Appeal' }, { provenance: { actorId: 'rep-ecea-4', role: 'association-rep' }, effectiveOn: '2025-12-02' }],
  [{ type: 'Answer', disposition: 'granted' }, { provenance: { actorId: 'supt-designee', role: 'superintendent-designee' }, effectiveOn: '2026-01-09' }],
];
for (const [command, context] of steps) {
  const result = await handle(streamId, command, { ...context, correlationId: streamId });
  if (isLeft(result)) throw new Error(`${command.type} rejected: ${result.left.code}: ${result.left.message}`);
}
const rejected = await handle(streamId, { type: 'Appeal' }, { provenance: { actorId: 'rep-ecea-4', role: 'association-rep' }, effectiveOn: '2026-01-12' });
console.log(`appeal after closure → ${isLeft(rejected) ? `rejected (${rejected.left.code}: ${rejected.left.message})` : 'accepted?!'}\n`);

const events: StoredEvent[] = [];
for await (const event of store.readStream(streamId)) events.push(event);
console.table(
  events.map((e) => ({
    v: e.streamVersion,
    type: e.type,
    effectiveOn: e.metadata.effectiveOn,
    actor: `${e.metadata.provenance.actorId} (${e.metadata.provenance.role})`,
    data: JSON.stringify(e.data),
    hash: `${e.hash.slice(0, 12)}…`,
  })),
);
console.log('verifyStream:', verifyStream(events));

const tampered = events.map((e, i) => (i === 1 ? { ...e, data: { ...(e.data as object), disposition: 'granted' } } : e));
console.log('verifyStream after flipping the step 1 answer to "granted":', verifyStream(tampered));
await store.close();
