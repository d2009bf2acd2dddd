import type { CodecRegistry, EventStore } from '@laborcase/domain';
import { createInMemoryEventStore, systemClock } from '@laborcase/adapters';

/** The store the demo runs on. */
export const openDemoStore = async (registry: CodecRegistry): Promise<{ store: EventStore; description: string }> => ({
  store: createInMemoryEventStore({ registry, clock: systemClock }),
  description: 'in-memory',
});
