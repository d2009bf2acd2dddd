import { createInMemoryEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('in-memory', async ({ registry, clock }) => createInMemoryEventStore({ registry, clock }));
