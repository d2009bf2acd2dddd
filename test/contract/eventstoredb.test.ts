/**
 * The unchanged contract suite on the EventStoreDB adapter, against the in-repo protocol double (test/eventstoredb),
 * in both append paths the client takes: BatchAppend (advertised by ServerFeatures, as a real 21.6+ server does)
 * and plain Append (ServerFeatures unimplemented). This is not a real server: see eventstoredb.real.test.ts.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';
import { EventStoreDbDouble } from '../eventstoredb/double.js';

for (const [label, advertiseBatchAppend, pageSize] of [
  ['BatchAppend advertised', true, undefined],
  ['ServerFeatures unimplemented (plain Append)', false, undefined],
  // Pages of 3 events, so that every multi-page path of the reads runs under the contract too.
  ['BatchAppend advertised, pages of 3', true, 3],
] as const) {
  describe(`EventStoreDB protocol double, ${label}`, () => {
    const double = new EventStoreDbDouble({ advertiseBatchAppend });
    let connectionString: string;
    beforeAll(async () => {
      connectionString = await double.start();
    });
    afterAll(async () => {
      await double.stop();
    });
    describeEventStoreContract(
      `EventStoreDB (double, ${label})`,
      async ({ registry, clock }) => createEventStoreDbEventStore({ connectionString, registry, clock, ...(pageSize === undefined ? {} : { pageSize }) }),
      { describe, it, beforeAll, afterAll },
    );
  });
}
