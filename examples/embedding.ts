// The README's embedding example, kept compiling: `npx -y pnpm@9.15.9 exec tsx examples/embedding.ts`.
import { isLeft } from 'fp-ts/lib/Either.js';
import { commandHandler, verifyStream, type StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore, systemClock, uuidV7 } from '@laborcase/adapters';
import { toyDecider, toyRegistry } from '@laborcase/core/adapter-kit';

const store = createInMemoryEventStore({ registry: toyRegistry, clock: systemClock });
const handle = commandHandler({ store, registry: toyRegistry, decider: toyDecider, newId: uuidV7, retry: { maxAttempts: 3 } });

const result = await handle(
  'grievance-G-25-001',
  { type: 'File', grievant: 'teacher-41', articleKeys: ['planning-time'], occurredOn: '2025-10-06' },
  { provenance: { actorId: 'rep-4', role: 'association-rep', onBehalfOf: 'teacher-41' }, effectiveOn: '2025-10-21' },
);
if (isLeft(result)) console.error(result.left.code, result.left.message); // a business rule said no; nothing was written

const events: StoredEvent[] = [];
for await (const event of store.readStream('grievance-G-25-001')) events.push(event);
console.log(verifyStream(events)); // { ok: true, checked: 1, lastHash: '…' }
