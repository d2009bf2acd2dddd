/**
 * Issue 16's tamper suite on a PostgreSQL server. The district's operator (a superuser) switches the append-only
 * triggers off and edits the tables; the auditor holds a checkpoint both parties' witnesses cosigned before. Each
 * edit is caught by `verifyLog`, which names what it found; a witness refuses to cosign the edited log.
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, chainHash, type EventStore, type StoredEvent } from '@laborcase/core';
import { toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import {
  createLogTree,
  createWitness,
  generateNoteKey,
  inMemoryWitnessState,
  signCheckpoint,
  verifyLog,
  type LogProblem,
  type Witness,
} from '@laborcase/core/transparency';
import { createPgClient, createSqlTreeStorage, openSqlStore, type SqlClient, type SqlExecutor } from '@laborcase/adapters/sql';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const ORIGIN = 'ecps.example/labor-relations';
const STREAMS = 4;
const EVENTS_PER_STREAM = 5;

describeWithPostgres('verifyLog catches a superuser editing the log behind the store', (schemaFor) => {
  let client: SqlClient;
  let store: EventStore;
  let schema: string;
  let ids: string[];
  let note: string;
  let witnesses: Witness[];
  const keys = {
    log: generateNoteKey(ORIGIN, 'log'),
    association: generateNoteKey('ecea.example/witness', 'cosigner'),
    district: generateNoteKey('ecps.example/witness', 'cosigner'),
  };
  const policy = { origin: ORIGIN, log: keys.log.verifierKey, witnesses: [keys.association.verifierKey, keys.district.verifierKey], quorum: 2 };
  const tree = () => createLogTree({ store, storage: createSqlTreeStorage(client, schema), origin: ORIGIN });

  const cosign = async (): Promise<string> => {
    const t = tree();
    const { size } = await t.integrate();
    let signed = signCheckpoint(await t.checkpoint(), keys.log.signerKey);
    for (const witness of witnesses) signed = await witness.cosign(signed, await t.consistencyProof((await witness.latest())?.size ?? 0, size));
    return signed;
  };

  beforeEach(async () => {
    schema = schemaFor('tamper');
    client = createPgClient({ connectionString: PG_URL as string, poolSize: 2 });
    store = await openSqlStore(client, { registry: toyRegistry, schema });
    ids = Array.from({ length: STREAMS }, (_, i) => `grievance-${i}-${uuid()}`);
    const events = toyStream(EVENTS_PER_STREAM);
    for (let version = 0; version < EVENTS_PER_STREAM; version++)
      for (const id of ids) await store.append(id, [{ ...events[version]!, eventId: uuid() }], { expectedVersion: version === 0 ? NO_STREAM : version - 1 });
    witnesses = [keys.association, keys.district].map((key) =>
      createWitness({ key: key.signerKey, origin: ORIGIN, logKey: keys.log.verifierKey, state: inMemoryWitnessState() }),
    );
    note = await cosign();
    // The log goes on after the checkpoint, so removing events is not mistaken for a plain truncation.
    for (const id of ids.slice(0, 3)) await store.append(id, [{ ...toyStream(6)[5]!, eventId: uuid() }], { expectedVersion: EVENTS_PER_STREAM - 1 });
  }, 120_000);
  afterEach(async () => {
    await store.close();
  });

  /** Run edits as the superuser would: in one transaction, with the append-only triggers off. */
  const asSuperuser = (edit: (tx: SqlExecutor, s: string) => Promise<void>): Promise<void> =>
    client.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await edit(tx, `"${schema}"`);
    });

  const rowsOf = async (tx: SqlExecutor, s: string, streamId: string) =>
    tx.query<{ seq: string; stream_version: string; event_id: string; type: string; schema_version: number; data: unknown; metadata: StoredEvent['metadata']; prev_hash: string }>(
      `SELECT seq::text AS seq, stream_version::text AS stream_version, event_id, type, schema_version, data, metadata, prev_hash FROM ${s}.events WHERE stream_id = $1 ORDER BY events.stream_version`,
      [streamId],
    );

  /** Rewrite a stream's rows from `fromVersion` with `change`, re-hashing each and every later event, as a careful forger would. */
  const rehashStream = async (tx: SqlExecutor, s: string, streamId: string, fromVersion: number, change: (data: unknown) => unknown): Promise<void> => {
    let prevHash: string | undefined;
    for (const row of await rowsOf(tx, s, streamId)) {
      const version = Number(row.stream_version);
      if (version < fromVersion) continue;
      const data = version === fromVersion ? change(row.data) : row.data;
      const content = { eventId: row.event_id, streamId, streamVersion: version, type: row.type, schemaVersion: row.schema_version, data, metadata: row.metadata };
      const previous = prevHash ?? row.prev_hash;
      const hash = chainHash(previous, content);
      await tx.query(`UPDATE ${s}.events SET data = $2, prev_hash = $3, hash = $4 WHERE seq = $1`, [row.seq, JSON.stringify(data), previous, hash]);
      await tx.query(`UPDATE ${s}.streams SET last_hash = $2 WHERE stream_id = $1 AND version = $3`, [streamId, hash, version]);
      prevHash = hash;
    }
  };

  const verdict = async (): Promise<LogProblem[]> => {
    const result = await verifyLog(store, note, policy, { storage: createSqlTreeStorage(client, schema) });
    expect(result.ok).toBe(result.problems.length === 0);
    return [...result.problems];
  };

  it('the untouched log verifies', async () => {
    expect(await verdict()).toEqual([]);
  });

  it('an event updated in place', async () => {
    await asSuperuser((tx, s) => tx.query(`UPDATE ${s}.events SET data = jsonb_set(data, '{disposition}', '"granted"') WHERE stream_id = $1 AND stream_version = 1`, [ids[0]]).then(() => undefined));
    expect((await verdict())[0]).toMatchObject({ kind: 'altered-event', streamId: ids[0], streamVersion: 1 });
  });

  it('a middle event deleted', async () => {
    await asSuperuser((tx, s) => tx.query(`DELETE FROM ${s}.events WHERE stream_id = $1 AND stream_version = 2`, [ids[1]]).then(() => undefined));
    expect((await verdict())[0]).toMatchObject({ kind: 'missing-event', streamId: ids[1], streamVersion: 2 });
  });

  it("a stream's last events deleted (and its head row moved back to hide it)", async () => {
    await asSuperuser(async (tx, s) => {
      await tx.query(`DELETE FROM ${s}.events WHERE stream_id = $1 AND stream_version >= 3`, [ids[3]]);
      await tx.query(`UPDATE ${s}.streams SET version = 2, last_hash = (SELECT hash FROM ${s}.events WHERE stream_id = $1 AND stream_version = 2) WHERE stream_id = $1`, [ids[3]]);
    });
    const problems = await verdict();
    expect(problems[0]).toMatchObject({ kind: 'missing-event', streamId: ids[3] });
    expect(problems.filter((p) => p.kind === 'missing-event').map((p) => (p as { streamVersion: number }).streamVersion).sort()).toEqual([3, 4]);
  });

  it('a whole stream deleted', async () => {
    await asSuperuser(async (tx, s) => {
      await tx.query(`DELETE FROM ${s}.events WHERE stream_id = $1`, [ids[3]]);
      await tx.query(`DELETE FROM ${s}.streams WHERE stream_id = $1`, [ids[3]]);
    });
    expect(await verdict()).toContainEqual({ kind: 'deleted-stream', streamId: ids[3] });
  });

  it('two events swapped in the global order', async () => {
    await asSuperuser((tx, s) =>
      tx
        .query(
          `UPDATE ${s}.events e SET tx_id = o.tx_id FROM ${s}.events o
           WHERE e.stream_id = $1 AND o.stream_id = $1 AND e.stream_version + o.stream_version = 3 AND e.stream_version IN (1, 2)`,
          [ids[2]],
        )
        .then(() => undefined),
    );
    expect((await verdict())[0]).toMatchObject({ kind: 'reordered' });
  });

  it('a modified event re-hashed together with every later event of its stream', async () => {
    await asSuperuser((tx, s) => rehashStream(tx, s, ids[0]!, 1, (data) => ({ ...(data as object), disposition: 'granted' })));
    const problems = await verdict();
    expect(problems[0]).toMatchObject({ kind: 're-hashed', streamId: ids[0], streamVersion: 1 });
    expect(problems.at(-1)?.kind).toBe('history-differs');
  });

  it('the whole log and its tree rebuilt with a different history: caught by the root alone, and no witness cosigns it', async () => {
    await asSuperuser(async (tx, s) => {
      for (const id of ids) await rehashStream(tx, s, id, 0, (data) => ({ ...(data as object), grievant: 'someone else' }));
      await tx.query(`DELETE FROM ${s}.tree_nodes`);
      await tx.query(`DELETE FROM ${s}.tree_leaves`);
      await tx.query(`UPDATE ${s}.tree_head SET size = 0, position = '00000000000000000000'`);
    });
    const forged = tree();
    await forged.integrate();
    const problems = await verdict();
    expect(problems).toEqual([expect.objectContaining({ kind: 'history-differs' })]);
    const forgedNote = signCheckpoint(await forged.checkpoint(), keys.log.signerKey);
    const seen = (await witnesses[0]!.latest())!.size;
    await expect(witnesses[0]!.cosign(forgedNote, await forged.consistencyProof(seen, (await forged.head()).size))).rejects.toMatchObject({ code: 'Inconsistent' });
  });

  it('the triggers refuse the same edits when nobody switches them off', async () => {
    await expect(client.query(`UPDATE "${schema}".events SET type = 'Forged' WHERE stream_id = $1`, [ids[0]])).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "${schema}".tree_leaves`)).rejects.toThrow(/append-only/);
    expect(await verdict()).toEqual([]);
  });
});
