/**
 * Auditor-trust benchmark (issue 16), printed as one JSON document:
 *
 *   npx tsx --conditions=@laborcase/source bench/transparency.ts                  # memory only
 *   PG_URL=postgres://… npx tsx --conditions=@laborcase/source bench/transparency.ts   # and PostgreSQL
 *   BENCH_EVENTS=200000 …                                                        # a smaller log (default 1,000,000)
 *
 * - tree: integrating a log of BENCH_EVENTS sealed toy events (served from memory by `ArrayEventStore`, so the
 *   figure is the tree's work) into the tree storage (memory; PostgreSQL tables), then signing a checkpoint and
 *   having two witnesses cosign it (the second growth step carries a consistency proof).
 * - proofs: median and p95 time of an inclusion proof of a random leaf and a consistency proof between random
 *   sizes, each including its single storage read, and of verifying them.
 * - appendOverhead: sequential one-event appends on a real store with the tree follower running beside them (in
 *   the same process, the worst case for CPU) versus a second store without it, in chunks alternating A B B A
 *   over BENCH_ROUNDS rounds (default 5); the ratio is the time with / without (1.05 = 5% overhead).
 *   BENCH_SETTLE_MS sets the follower's settle time (default 1,000 ms).
 */
import { performance } from 'node:perf_hooks';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, positionFromSegments, type EventStore, type StoredEvent } from '@laborcase/core';
import { sealEvents, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import {
  createLogTree,
  createWitness,
  eventLeafHash,
  generateNoteKey,
  inMemoryTreeStorage,
  inMemoryWitnessState,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type LogTree,
  type TreeStorage,
} from '@laborcase/core/transparency';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createPgClient, createSqlTreeStorage, migrate, openSqlStore, type SqlClient } from '@laborcase/adapters/sql';
import { ArrayEventStore } from './arrayEventStore.js';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const PG_URL = process.env['PG_URL'];
/** The follower's settle time (default: `follow`'s own, 1,000 ms). */
const SETTLE_MS = process.env['BENCH_SETTLE_MS'] === undefined ? undefined : Number(process.env['BENCH_SETTLE_MS']);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const ORIGIN = 'bench.example/log';
const round = (n: number): number => Math.round(n * 1000) / 1000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const randomInt = (below: number): number => Math.floor(Math.random() * below);

/** A log of `count` sealed events over streams of 10, in global order. */
const generateLog = (count: number): StoredEvent[] => {
  const events: StoredEvent[] = [];
  const template = toyStream(10);
  for (let stream = 0; events.length < count; stream++) {
    const streamId = `grievance-${stream}`;
    const batch = template.slice(0, Math.min(10, count - events.length)).map((e) => ({ ...e, eventId: uuid(), schemaVersion: 1, metadata: e.metadata }));
    for (const sealed of sealEvents(streamId, { version: NO_STREAM, hash: '0'.repeat(64) }, batch, '2026-12-01T09:00:00.000Z'))
      events.push({ ...sealed, globalPosition: positionFromSegments(BigInt(events.length + 1)) });
  }
  return events;
};

const timeTree = async (log: StoredEvent[], storage: TreeStorage) => {
  const store = new ArrayEventStore(log);
  const tree = createLogTree({ store, storage, origin: ORIGIN, batchSize: 5_000 });
  const keys = { log: generateNoteKey(ORIGIN, 'log'), a: generateNoteKey('a.example/w', 'cosigner'), b: generateNoteKey('b.example/w', 'cosigner') };
  const witnesses = [keys.a, keys.b].map((k) => createWitness({ key: k.signerKey, origin: ORIGIN, logKey: keys.log.verifierKey, state: inMemoryWitnessState() }));
  // Witnesses first see the tree at half the log, then cosign the full one with a consistency proof.
  const halfStore = new ArrayEventStore(log.slice(0, Math.floor(log.length / 2)));
  const halfTree = createLogTree({ store: halfStore, storage, origin: ORIGIN, batchSize: 5_000 });
  let start = performance.now();
  await halfTree.integrate();
  let note = signCheckpoint(await halfTree.checkpoint(), keys.log.signerKey);
  for (const w of witnesses) note = await w.cosign(note, []);
  await tree.integrate();
  const integrateMs = performance.now() - start;
  start = performance.now();
  note = signCheckpoint(await tree.checkpoint(), keys.log.signerKey);
  const proof = await tree.consistencyProof(Math.floor(log.length / 2), log.length);
  for (const w of witnesses) note = await w.cosign(note, proof);
  const checkpointAndCosignMs = performance.now() - start;
  return { tree, integrateMs, checkpointAndCosignMs };
};

const timeProofs = async (tree: LogTree, size: number, samples = 500) => {
  const checkpoint = await tree.checkpoint(size);
  const inclusion: number[] = [];
  const inclusionVerify: number[] = [];
  const consistency: number[] = [];
  const consistencyVerify: number[] = [];
  for (let i = 0; i < samples; i++) {
    const leaf = randomInt(size);
    let start = performance.now();
    const proof = await tree.inclusionProof(leaf, size);
    inclusion.push(performance.now() - start);
    start = performance.now();
    // A random leaf hash will not verify; the timing of the walk is what is measured.
    verifyInclusion(eventLeafHash('0'.repeat(64)), leaf, size, proof, checkpoint.rootHash);
    inclusionVerify.push(performance.now() - start);
    const older = 1 + randomInt(size - 1);
    start = performance.now();
    const cproof = await tree.consistencyProof(older, size);
    consistency.push(performance.now() - start);
    const old = await tree.checkpoint(older);
    start = performance.now();
    if (!verifyConsistency(older, size, old.rootHash, checkpoint.rootHash, cproof)) throw new Error('consistency proof failed');
    consistencyVerify.push(performance.now() - start);
  }
  return {
    samples,
    inclusionProofMs: { p50: round(median(inclusion)), p95: round(p95(inclusion)) },
    inclusionVerifyMs: { p50: round(median(inclusionVerify)), p95: round(p95(inclusionVerify)) },
    consistencyProofMs: { p50: round(median(consistency)), p95: round(p95(consistency)) },
    consistencyVerifyMs: { p50: round(median(consistencyVerify)), p95: round(p95(consistencyVerify)) },
  };
};

/** `count` sequential one-event appends on fresh streams; returns the milliseconds they took. */
const appendChunk = async (store: EventStore, count: number): Promise<number> => {
  const start = performance.now();
  for (let i = 0; i < count; i++) await store.append(`bench-${uuid()}`, [toyStream(1)[0]!], { expectedVersion: NO_STREAM });
  return performance.now() - start;
};

const caughtUp = async (tree: LogTree, store: EventStore): Promise<void> => {
  const target = await store.headPosition();
  while ((await tree.head()).position !== target) await new Promise((resolve) => setTimeout(resolve, 20));
};

/**
 * Two stores open side by side, one with a follower integrating its tree, one without; chunks of sequential
 * appends alternate A B B A so drift in the machine's load falls on both. Each timed chunk includes all the
 * follower's work done while it ran; after a chunk with the tree, the follower's last integration finishes
 * before the next chunk starts (untimed), so it never lands on the other store's clock.
 */
const appendOverhead = async (open: () => Promise<{ store: EventStore; storage: () => TreeStorage }>, chunk: number, rounds = ROUNDS) => {
  const plain = await open();
  const followed = await open();
  const controller = new AbortController();
  const tree = createLogTree({ store: followed.store, storage: followed.storage(), origin: ORIGIN });
  const follower = tree.follow({ signal: controller.signal, ...(SETTLE_MS === undefined ? {} : { settleMs: SETTLE_MS }) });
  const ms = { withTree: 0, without: 0 };
  try {
    for (const store of [plain.store, followed.store]) await appendChunk(store, Math.ceil(chunk / 10));
    await caughtUp(tree, followed.store);
    for (let round = 0; round < rounds; round++) {
      for (const withTree of [false, true, true, false]) {
        if (withTree) {
          ms.withTree += await appendChunk(followed.store, chunk);
          await caughtUp(tree, followed.store);
        } else ms.without += await appendChunk(plain.store, chunk);
      }
    }
  } finally {
    controller.abort();
    await follower;
    await Promise.all([plain.store.close(), followed.store.close()]);
  }
  const appends = chunk * rounds * 2;
  return {
    appendsPerSide: appends,
    withoutTreeEventsPerSecond: round((appends * 1000) / ms.without),
    withTreeEventsPerSecond: round((appends * 1000) / ms.withTree),
    overheadRatio: round(ms.withTree / ms.without),
  };
};

const results: Record<string, unknown> = { events: EVENTS };
const log = generateLog(EVENTS);

{
  const { tree, integrateMs, checkpointAndCosignMs } = await timeTree(log, inMemoryTreeStorage());
  results['memory'] = {
    tree: { integrateMs: round(integrateMs), eventsPerSecond: round((EVENTS * 1000) / integrateMs), checkpointAndCosignMs: round(checkpointAndCosignMs) },
    proofs: await timeProofs(tree, EVENTS),
    appendOverhead: await appendOverhead(async () => ({ store: createInMemoryEventStore({ registry: toyRegistry }), storage: inMemoryTreeStorage }), 10_000),
  };
}

if (PG_URL !== undefined) {
  const schema = `bench_tree_${uuid().replace(/-/g, '').slice(0, 8)}`;
  const client: SqlClient = createPgClient({ connectionString: PG_URL, poolSize: 4 });
  try {
    await migrate(client, schema);
    const { tree, integrateMs, checkpointAndCosignMs } = await timeTree(log, createSqlTreeStorage(client, schema));
    const overheadSchemas: string[] = [];
    results['postgres'] = {
      tree: { integrateMs: round(integrateMs), eventsPerSecond: round((EVENTS * 1000) / integrateMs), checkpointAndCosignMs: round(checkpointAndCosignMs) },
      proofs: await timeProofs(tree, EVENTS),
      appendOverhead: await appendOverhead(async () => {
        const overheadSchema = `${schema}_${overheadSchemas.length}`;
        overheadSchemas.push(overheadSchema);
        const appendClient = createPgClient({ connectionString: PG_URL, poolSize: 4 });
        const store = await openSqlStore(appendClient, { registry: toyRegistry, schema: overheadSchema });
        return { store, storage: () => createSqlTreeStorage(appendClient, overheadSchema) };
      }, 1_000),
    };
    for (const overheadSchema of overheadSchemas) await client.query(`DROP SCHEMA IF EXISTS "${overheadSchema}" CASCADE`);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.close();
  }
}

console.log(JSON.stringify(results, null, 2));
