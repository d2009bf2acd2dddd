import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createPGliteEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';

describeEventStoreContract('PGlite (in memory)', async ({ registry, clock }) => createPGliteEventStore({ registry, clock }), { describe, it, beforeAll, afterAll });
