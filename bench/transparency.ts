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
 * - appendOverhead: sequential one-event appends on a real store with the tree follower running beside them
 *   versus without it, alternating A B A B over 3 rounds; the ratio is with / without.
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

/** Sequential one-event appends on fresh streams, with or without a follower integrating the tree beside them. */
const appendRun = async (store: EventStore, storage: TreeStorage | undefined, appends: number) => {
  const controller = new AbortController();
  const tree = storage === undefined ? undefined : createLogTree({ store, storage, origin: ORIGIN });
  const follower = tree?.follow({ signal: controller.signal });
  const start = performance.now();
  for (let i = 0; i < appends; i++) await store.append(`bench-${uuid()}`, [toyStream(1)[0]!], { expectedVersion: NO_STREAM });
  const ms = performance.now() - start;
  controller.abort();
  await follower;
  return (appends * 1000) / ms;
};

const appendOverhead = async (open: () => Promise<{ store: EventStore; storage: () => TreeStorage }>, appends: number) => {
  const withTree: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const follow of [false, true]) {
      const { store, storage } = await open();
      try {
        (follow ? withTree : without).push(await appendRun(store, follow ? storage() : undefined, appends));
      } finally {
        await store.close();
      }
    }
  }
  return {
    appends,
    withoutTreeEventsPerSecond: round(median(without)),
    withTreeEventsPerSecond: round(median(withTree)),
    overheadRatio: round(median(without) / median(withTree)),
  };
};

const results: Record<string, unknown> = { events: EVENTS };
const log = generateLog(EVENTS);

{
  const { tree, integrateMs, checkpointAndCosignMs } = await timeTree(log, inMemoryTreeStorage());
  results['memory'] = {
    tree: { integrateMs: round(integrateMs), eventsPerSecond: round((EVENTS * 1000) / integrateMs), checkpointAndCosignMs: round(checkpointAndCosignMs) },
    proofs: await timeProofs(tree, EVENTS),
    appendOverhead: await appendOverhead(async () => ({ store: createInMemoryEventStore({ registry: toyRegistry }), storage: inMemoryTreeStorage }), 20_000),
  };
}

if (PG_URL !== undefined) {
  const schema = `bench_tree_${uuid().replace(/-/g, '').slice(0, 8)}`;
  const client: SqlClient = createPgClient({ connectionString: PG_URL, poolSize: 4 });
  try {
    await migrate(client, schema);
    const { tree, integrateMs, checkpointAndCosignMs } = await timeTree(log, createSqlTreeStorage(client, schema));
    const overheadSchema = `${schema}_a`;
    results['postgres'] = {
      tree: { integrateMs: round(integrateMs), eventsPerSecond: round((EVENTS * 1000) / integrateMs), checkpointAndCosignMs: round(checkpointAndCosignMs) },
      proofs: await timeProofs(tree, EVENTS),
      appendOverhead: await appendOverhead(async () => {
        const appendClient = createPgClient({ connectionString: PG_URL, poolSize: 4 });
        await client.query(`DROP SCHEMA IF EXISTS "${overheadSchema}" CASCADE`);
        const store = await openSqlStore(appendClient, { registry: toyRegistry, schema: overheadSchema });
        return { store, storage: () => createSqlTreeStorage(appendClient, overheadSchema) };
      }, 2_000),
    };
    await client.query(`DROP SCHEMA IF EXISTS "${overheadSchema}" CASCADE`);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.close();
  }
}

console.log(JSON.stringify(results, null, 2));
