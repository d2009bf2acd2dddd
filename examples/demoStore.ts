import type { CodecRegistry, EventStore } from '@laborcase/core';
import { openEventStore, systemClock } from '@laborcase/adapters';

/**
 * The store the demo runs on: embedded PGlite in `.data/laborcase` (override with DEMO_DATA_DIR), or
 * PostgreSQL when PG_URL is set.
 */
export const openDemoStore = async (registry: CodecRegistry): Promise<{ store: EventStore; description: string }> => {
  const dataDir = process.env['DEMO_DATA_DIR'];
  const opened = await openEventStore({ registry, clock: systemClock, pgUrl: process.env['PG_URL'], ...(dataDir === undefined ? {} : { dataDir }) });
  return { store: opened.store, description: `${opened.backend}: ${opened.location}` };
};
