/**
 * The same unchanged contract suite against a real EventStoreDB / KurrentDB node, when ESDB_CONNECTION_STRING is set
 * (for example `esdb://localhost:2113?tls=false` with `eventstore/eventstore:24.10` run with EVENTSTORE_INSECURE=true
 * EVENTSTORE_MEM_DB=true). Otherwise the block is skipped with a visible "[skip]" line: CI on this project's machines
 * has no server and tests against the protocol double only (eventstoredb.test.ts).
 *
 * Also pins, on the real server, the behaviour the double copies from notes rather than from a server: positions
 * reported on stream reads, and whether a backwards $all read from a position includes it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKWARDS, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';

const ESDB_CONNECTION_STRING = process.env['ESDB_CONNECTION_STRING'];
const name = 'EventStoreDB (real server)';

if (ESDB_CONNECTION_STRING === undefined) {
  const line = `ESDB_CONNECTION_STRING is not set: skipped: no EventStoreDB server for the suite "${name}" (the protocol double ran instead)`;
  // Jest drops console output of files whose tests are all skipped when it runs several files: write directly too.
  console.warn(line);
  process.stderr.write(`\n[skip] ${line}\n`);
  describe.skip(name, () => {
    it('runs the event store contract on a real server', async () => undefined);
  });
} else {
  const connectionString = ESDB_CONNECTION_STRING;
  describe(name, () => {
    describeEventStoreContract(name, async ({ registry, clock }) => createEventStoreDbEventStore({ connectionString, registry, clock }), { describe, it, beforeAll, afterAll });

    describe('server behaviour the double copies', () => {
      let client: EventStoreDBClient;
      beforeAll(() => {
        client = EventStoreDBClient.connectionString(connectionString);
      });
      afterAll(async () => {
        await client.dispose();
      });

      it('reports commit/prepare positions on stream reads (the adapter needs them)', async () => {
        const stream = `laborcase-probe-${randomUUID()}`;
        const appended = await client.appendToStream(stream, [jsonEvent({ type: 'Probe', data: { n: 0 } })]);
        const events = [];
        for await (const resolved of client.readStream(stream)) events.push(resolved);
        expect(events[0]?.event?.position).toEqual(appended.position);
      });

      it('includes the starting position in a backwards $all read (what the double does)', async () => {
        const stream = `laborcase-probe-${randomUUID()}`;
        const appended = await client.appendToStream(stream, [jsonEvent({ type: 'Probe', data: { n: 1 } })]);
        const events = [];
        for await (const resolved of client.readAll({ fromPosition: appended.position!, direction: BACKWARDS, maxCount: 1 })) events.push(resolved);
        expect(events[0]?.event?.streamId).toBe(stream);
      });
    });
  });
}
