/**
 * EventStoreDB adapter benchmark against the in-repo protocol double, printed as one JSON document.
 *
 *   npx tsx --conditions=@laborcase/source bench/eventstoredb.ts
 *
 * These are CLIENT + DOUBLE figures (loopback gRPC to an in-process, in-memory double): an upper bound on what
 * @eventstore/db-client, grpc-js and the adapter cost, not EventStoreDB server numbers (a real server fsyncs each
 * write: see ../shared/eventstoredb.md §6). Both append paths: BatchAppend (advertised, production) and plain Append.
 * For comparison, the same appends made with the bare client (no adapter: no head read, no hash chain, no id claims).
 */
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { NO_STREAM, type EventStore } from '@laborcase/core';
import { filed, toyRegistry, toyStream, uniqueStream } from '@laborcase/core/adapter-kit';
import { createEventStoreDbEventStore } from '@laborcase/adapters/eventstoredb';
import { EventStoreDbDouble } from '../test/eventstoredb/double.js';
import { measure } from './measure.js';

const SEQUENTIAL = Number(process.env['BENCH_SEQUENTIAL'] ?? 300);
const CONCURRENT = Number(process.env['BENCH_CONCURRENT'] ?? 1_000);
const BATCHES = Number(process.env['BENCH_BATCHES'] ?? 20);

const round = (n: number): number => Math.round(n * 10) / 10;

/** `count` operations started at once; throughput over the whole burst. */
const burst = async (count: number, run: (i: number) => Promise<unknown>) => {
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => run(i)));
  const ms = performance.now() - start;
  return { operations: count, totalMs: round(ms), opsPerSecond: round((count * 1000) / ms) };
};

const adapterWorkloads = async (store: EventStore) => {
  const sequential = await measure('sequential 1-event appends (new stream each)', SEQUENTIAL, () => store.append(uniqueStream(), [filed()], { expectedVersion: NO_STREAM }));
  const concurrent = await burst(CONCURRENT, () => store.append(uniqueStream(), [filed()], { expectedVersion: NO_STREAM }));
  const batch = await measure('100-event appends (new stream each)', BATCHES, () => store.append(uniqueStream(), toyStream(100), { expectedVersion: NO_STREAM }), 1);
  return { sequential1Event: sequential, concurrent1Event: concurrent, batch100: { ...batch, eventsPerSecond: round(batch.opsPerSecond * 100) } };
};

const bareClientWorkloads = async (client: EventStoreDBClient) => {
  const event = () => jsonEvent({ type: 'ToyGrievanceFiled', data: filed().data as never, metadata: filed().metadata as never });
  const sequential = await measure('bare client: sequential 1-event appends', SEQUENTIAL, () => client.appendToStream(uniqueStream(), event(), { expectedRevision: 'no_stream' }));
  const concurrent = await burst(CONCURRENT, () => client.appendToStream(uniqueStream(), event(), { expectedRevision: 'no_stream' }));
  const batch = await measure('bare client: 100-event appends', BATCHES, () => client.appendToStream(uniqueStream(), Array.from({ length: 100 }, event), { expectedRevision: 'no_stream' }), 1);
  return { sequential1Event: sequential, concurrent1Event: concurrent, batch100: { ...batch, eventsPerSecond: round(batch.opsPerSecond * 100) } };
};

const results: Record<string, unknown> = {};
for (const [path, advertiseBatchAppend] of [
  ['BatchAppend', true],
  ['Append', false],
] as const) {
  const double = new EventStoreDbDouble({ advertiseBatchAppend });
  const connectionString = await double.start();
  const client = EventStoreDBClient.connectionString(connectionString);
  const store = createEventStoreDbEventStore({ client, registry: toyRegistry });
  try {
    results[path] = { adapter: await adapterWorkloads(store), bareClient: await bareClientWorkloads(client) };
  } finally {
    await store.close();
    await client.dispose();
    await double.stop();
  }
}

console.log(
  JSON.stringify(
    {
      label: 'client + protocol double (in-process, loopback, in-memory): NOT EventStoreDB server figures',
      node: process.version,
      cpus: cpus().length,
      client: '@eventstore/db-client 6.2.1',
      results,
    },
    null,
    2,
  ),
);
