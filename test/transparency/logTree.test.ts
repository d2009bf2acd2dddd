/**
 * Issue 16 on the in-memory store: the tree follows the log, checkpoints are signed and cosigned by both
 * parties' witnesses, proof bundles verify offline, and `verifyLog` names each kind of tampering. The tampered
 * store below hands out an edited log, as a database edited behind the store's back would (the PostgreSQL
 * tamper suite edits real rows).
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, chainHash, type EventStore, type StoredEvent } from '@laborcase/core';
import { toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import {
  createLogTree,
  createProofBundle,
  createWitness,
  generateNoteKey,
  inMemoryTreeStorage,
  inMemoryWitnessState,
  openCheckpoint,
  signCheckpoint,
  verifyLog,
  verifyProofBundle,
  type TreeStorage,
} from '@laborcase/core/transparency';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createPGliteClient, createSqlTreeStorage, openSqlStore, type SqlClient } from '@laborcase/adapters/sql';

const ORIGIN = 'ecps.example/labor-relations';

interface Backend {
  readonly store: EventStore;
  readonly storage: () => TreeStorage;
}

const backends: ReadonlyArray<[string, () => Promise<Backend>]> = [
  ['memory', async () => ({ store: createInMemoryEventStore({ registry: toyRegistry }), storage: inMemoryTreeStorage })],
  [
    'PGlite',
    async () => {
      // One database for the file (starting PGlite is the slow part), a schema per test; the stores must not close it.
      sharedPGlite ??= createPGliteClient({});
      const shared = await sharedPGlite;
      const client: SqlClient = { ...shared, query: shared.query.bind(shared), transaction: shared.transaction.bind(shared), close: async () => undefined };
      const schema = `tree_${(schemas += 1)}`;
      const store = await openSqlStore(client, { registry: toyRegistry, schema });
      return { store, storage: () => createSqlTreeStorage(client, schema) };
    },
  ],
];
let sharedPGlite: Promise<SqlClient> | undefined;
let schemas = 0;
const opened: EventStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await (await sharedPGlite)?.close();
});

describe.each(backends)('on %s', (_, backend) => {
  const setup = async (streams = 3, eventsPerStream = 4) => {
    const { store, storage: newStorage } = await backend();
    opened.push(store);
    const ids = Array.from({ length: streams }, () => `grievance-${uuid()}`);
    // Interleave the streams so the global order mixes them, as a real office's log does.
    for (let round = 0; round < eventsPerStream; round++) {
      for (const id of ids) {
        const [event] = toyStream(eventsPerStream).slice(round, round + 1);
        await store.append(id, [{ ...event!, eventId: uuid() }], { expectedVersion: round === 0 ? NO_STREAM : round - 1 });
      }
    }
    const storage = newStorage();
    const tree = createLogTree({ store, storage, origin: ORIGIN });
    const keys = {
      log: generateNoteKey(ORIGIN, 'log'),
      association: generateNoteKey('ecea.example/witness', 'cosigner'),
      district: generateNoteKey('ecps.example/witness', 'cosigner'),
    };
    const witnesses = [keys.association, keys.district].map((key) =>
      createWitness({ key: key.signerKey, origin: ORIGIN, logKey: keys.log.verifierKey, state: inMemoryWitnessState() }),
    );
    const policy = { origin: ORIGIN, log: keys.log.verifierKey, witnesses: [keys.association.verifierKey, keys.district.verifierKey], quorum: 2 };
    /** Integrate, sign, and have both witnesses cosign (each with a consistency proof from what it saw last). */
    const cosignedCheckpoint = async (): Promise<string> => {
      await tree.integrate();
      let note = signCheckpoint(await tree.checkpoint(), keys.log.signerKey);
      const { size } = await tree.head();
      for (const witness of witnesses) note = await witness.cosign(note, await tree.consistencyProof((await witness.latest())?.size ?? 0, size));
      return note;
    };
    return { store, storage, newStorage, tree, ids, keys, witnesses, policy, cosignedCheckpoint };
  };

  /** A view of `inner` whose global log has been edited. */
  const tampered = (inner: EventStore, edit: (events: StoredEvent[]) => StoredEvent[]): EventStore => ({
    ...inner,
    async *readAll(options) {
      const events: StoredEvent[] = [];
      for await (const event of inner.readAll(options)) events.push(event);
      yield* edit(events);
    },
  });

  const rehash = (events: StoredEvent[]): StoredEvent[] => {
    const heads = new Map<string, string>();
    return events.map((event) => {
      const prevHash = heads.get(event.streamId) ?? event.prevHash;
      const hash = chainHash(prevHash, event);
      heads.set(event.streamId, hash);
      return { ...event, prevHash, hash };
    });
  };

  describe('log tree, checkpoints and witnesses over a store', () => {
    it('integrates the log in order, and the cosigned checkpoint opens under the two-party policy', async () => {
      const { tree, policy, cosignedCheckpoint } = await setup();
      const note = await cosignedCheckpoint();
      const opened = openCheckpoint(note, policy);
      expect(opened.checkpoint.size).toBe(12);
      expect(opened.cosignedBy.map((c) => c.name)).toEqual(['ecea.example/witness', 'ecps.example/witness']);
      expect((await tree.head()).size).toBe(12);
    });

    it('integrates in batches and concurrently without a leaf twice', async () => {
      const { store, storage } = await setup(4, 5);
      const a = createLogTree({ store, storage, origin: ORIGIN, batchSize: 3 });
      const b = createLogTree({ store, storage, origin: ORIGIN, batchSize: 4 });
      await Promise.all([a.integrate(), b.integrate()]);
      const leaves = await storage.leaves(0, 100);
      expect(leaves.map((leaf) => leaf.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      const single = createLogTree({ store, storage: inMemoryTreeStorage(), origin: ORIGIN });
      await single.integrate();
      expect(await a.checkpoint()).toEqual(await single.checkpoint());
    });

    it('follows the log as it grows, in batches, until aborted', async () => {
      const { store, ids, tree } = await setup();
      const controller = new AbortController();
      const following = tree.follow({ signal: controller.signal, settleMs: 20 });
      for (let i = 0; i < 3; i++) await store.append(ids[i]!, [{ ...toyStream(5)[4]!, eventId: uuid() }], { expectedVersion: 3 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      expect((await following).size).toBe(15);
      await expect(tree.follow({ signal: 'no' as unknown as AbortSignal })).rejects.toMatchObject({ field: 'signal' });
    });

    it('witnesses keep cosigning as the log grows', async () => {
      const { store, ids, policy, cosignedCheckpoint } = await setup();
      await cosignedCheckpoint();
      await store.append(ids[0]!, [{ ...toyStream(5)[4]!, eventId: uuid() }], { expectedVersion: 3 });
      const later = await cosignedCheckpoint();
      expect(openCheckpoint(later, policy).checkpoint.size).toBe(13);
    });

    it('verifyLog passes on the untouched log, including events appended after the checkpoint', async () => {
      const { store, ids, policy, storage, cosignedCheckpoint } = await setup();
      const note = await cosignedCheckpoint();
      await store.append(ids[1]!, [{ ...toyStream(5)[4]!, eventId: uuid() }], { expectedVersion: 3 });
      const result = await verifyLog(store, note, policy, { storage });
      expect(result).toMatchObject({ ok: true, eventsChecked: 13, streamsChecked: 3, problems: [] });
    });

    const tamperings: ReadonlyArray<[string, (events: StoredEvent[], ids: string[]) => StoredEvent[], string[]]> = [
      ['an event altered in place', (events) => events.map((e, i) => (i === 4 ? { ...e, data: { ...(e.data as object), disposition: 'granted' } } : e)), ['altered-event']],
      ['a middle event deleted', (events) => events.filter((_, i) => i !== 4), ['missing-event']],
      ['a stream\'s last events deleted', (events, ids) => events.filter((e) => !(e.streamId === ids[2] && e.streamVersion >= 2)), ['missing-event']],
      ['a whole stream deleted', (events, ids) => events.filter((e) => e.streamId !== ids[1]), ['deleted-stream']],
      ['the log truncated', (events) => events.slice(0, 9), ['truncated-log']],
      ['two events of one stream swapped', (events) => { const copy = [...events]; [copy[1], copy[4]] = [copy[4]!, copy[1]!]; return copy; }, ['reordered']],
      [
        'an event changed and its stream re-hashed from there on',
        (events, ids) =>
          rehash(events.map((e) => (e.streamId === ids[0] && e.streamVersion === 1 ? { ...e, data: { ...(e.data as object), disposition: 'granted' } } : e))),
        ['re-hashed', 'history-differs'],
      ],
      ['the whole log rebuilt with a different history', (events) => rehash(events.map((e) => ({ ...e, metadata: { ...e.metadata, recordedAt: '2020-01-01T00:00:00.000Z' } }))), ['re-hashed', 'history-differs']],
    ];

    it.each(tamperings)('verifyLog against a checkpoint cosigned before: %s', async (_, edit, kinds) => {
      const { store, ids, policy, storage, cosignedCheckpoint } = await setup();
      const note = await cosignedCheckpoint();
      const result = await verifyLog(tampered(store, (events) => edit(events, ids)), note, policy, { storage });
      expect(result.ok).toBe(false);
      const found = new Set(result.problems.map((p) => p.kind));
      for (const kind of kinds) expect(found).toContain(kind);
      expect(result.problems[0]?.kind).toBe(kinds[0]);
    });

    it('without the tree\'s records, a re-hashed history is still caught by the root', async () => {
      const { store, policy, cosignedCheckpoint } = await setup();
      const note = await cosignedCheckpoint();
      const backdated = (events: StoredEvent[]): StoredEvent[] =>
        rehash(events.map((e, i) => (i === 3 ? { ...e, metadata: { ...e.metadata, recordedAt: '2021-01-01T00:00:00.000Z' } } : e)));
      const result = await verifyLog(tampered(store, backdated), note, policy);
      expect(result.problems.map((p) => p.kind)).toEqual(['history-differs']);
    });

    it('a checkpoint that fails the policy is refused before anything is read', async () => {
      const { store, policy, tree, keys } = await setup();
      await tree.integrate();
      const unwitnessed = signCheckpoint(await tree.checkpoint(), keys.log.signerKey);
      await expect(verifyLog(store, unwitnessed, policy)).rejects.toMatchObject({ code: 'QuorumNotMet' });
    });
  });

  describe('proof bundles', () => {
    const bundleFor = async () => {
      const context = await setup();
      const note = await context.cosignedCheckpoint();
      const bundle = await createProofBundle(context.tree, context.storage as TreeStorage, context.store, context.ids[1]!, note);
      return { ...context, note, bundle: JSON.parse(JSON.stringify(bundle)) as typeof bundle };
    };

    it('verifies offline with only the bundle and the public keys', async () => {
      const { bundle, policy, ids } = await bundleFor();
      const result = verifyProofBundle(bundle, policy);
      expect(result).toMatchObject({ ok: true, streamId: ids[1], events: 4, problems: [] });
    });

    it('catches an altered event, a dropped event and a proof for another leaf', async () => {
      const { bundle, policy } = await bundleFor();
      const altered = { ...bundle, entries: bundle.entries.map((e, i) => (i === 2 ? { ...e, event: { ...e.event, data: { toStep: 9 } } } : e)) };
      expect(verifyProofBundle(altered, policy).problems.map((p) => p.kind)).toContain('chain');
      const dropped = { ...bundle, entries: bundle.entries.filter((_, i) => i !== 1) };
      expect(verifyProofBundle(dropped, policy).problems.map((p) => p.kind)).toEqual(['chain']);
      const moved = { ...bundle, entries: bundle.entries.map((e, i) => (i === 0 ? { ...e, leafIndex: e.leafIndex + 1 } : e)) };
      expect(verifyProofBundle(moved, policy).problems).toEqual([expect.objectContaining({ kind: 'not-included' })]);
    });

    it('refuses a malformed bundle naming the field, and one whose checkpoint lacks a party', async () => {
      const { bundle, policy } = await bundleFor();
      expect(() => verifyProofBundle({ ...bundle, entries: [{ ...bundle.entries[0], inclusionProof: ['nope'] }] }, policy)).toThrow(
        expect.objectContaining({ field: 'entries.0.inclusionProof.0' }),
      );
      expect(() => verifyProofBundle('{}', policy)).toThrow(expect.objectContaining({ code: 'MalformedNote' }));
      expect(() => verifyProofBundle(bundle, { ...policy, quorum: 2, witnesses: [policy.witnesses[0]!, generateNoteKey('third.example', 'cosigner').verifierKey] })).toThrow(
        expect.objectContaining({ code: 'QuorumNotMet' }),
      );
    });
  });
});
