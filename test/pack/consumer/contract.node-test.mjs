/**
 * The store contract suite of @laborcase/core/adapter-kit on Node's own test runner (no jest anywhere),
 * against the in-memory store: `node --test contract.node-test.mjs`.
 */
import { after, before, describe, it } from 'node:test';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';

describeEventStoreContract('in-memory, on node:test', async ({ registry, clock }) => createInMemoryEventStore({ registry, clock }), {
  describe,
  it,
  beforeAll: before,
  afterAll: after,
});
