/**
 * A PGlite folder holding case G-26-004 (examples/ecps/workflow.ts, through the services), for the CLI tests.
 * The store's clock moves one minute per event recorded, from 2026-01-01T00:00:00Z, so `recordedAt` separates the
 * facts and a test can ask for the case as known before the snow day's recalculation was recorded.
 */
import { createDomainRegistry } from '@laborcase/domain';
import { createPGliteEventStore, createPostgresEventStore, uuidV7 } from '@laborcase/adapters';
import type { EventStore } from '@laborcase/core';
import { createEcpsServices, runCaseG26_004 } from '../../examples/ecps/workflow.js';

export const steppingClock = (start = Date.parse('2026-01-01T00:00:00Z'), stepMs = 60_000): (() => Date) => {
  let next = start;
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
};

/** Seed a PGlite folder, or with `{ pgUrl, schema }` a PostgreSQL schema. */
export const seedG26_004 = async (where: string | { readonly pgUrl: string; readonly schema: string }): Promise<void> => {
  const registry = createDomainRegistry();
  const clock = steppingClock();
  const store: EventStore =
    typeof where === 'string'
      ? await createPGliteEventStore({ registry, dataDir: where, clock })
      : await createPostgresEventStore({ registry, connectionString: where.pgUrl, schema: where.schema, clock });
  try {
    await runCaseG26_004(createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'cli-test-G-26-004' }));
  } finally {
    await store.close();
  }
};

// `tsx test/cli/seed.ts <folder>` seeds a folder by hand.
if (process.argv[1]?.endsWith('seed.ts') && process.argv[2] !== undefined) await seedG26_004(process.argv[2]);
