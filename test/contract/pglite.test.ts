import { createPGliteEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('PGlite (in memory)', async ({ registry, clock }) => createPGliteEventStore({ registry, clock }));
