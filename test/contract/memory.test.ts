import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';

describeEventStoreContract('in-memory', async ({ registry, clock }) => createInMemoryEventStore({ registry, clock }), { describe, it, beforeAll, afterAll });
