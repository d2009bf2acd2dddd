/** In-memory store benchmark (the reference point for the other stores): `npx -y pnpm@9.15.9 bench`. */
import { createInMemoryEventStore } from '@laborcase/adapters';
import { toyRegistry } from '../examples/toy/grievance.js';
import { runStoreWorkloads } from './storeWorkloads.js';

const store = createInMemoryEventStore({ registry: toyRegistry });
const results = await runStoreWorkloads(store);
await store.close();
console.log(JSON.stringify({ node: process.version, store: 'memory', results }, null, 2));
