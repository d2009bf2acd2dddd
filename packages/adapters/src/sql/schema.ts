import type { SqlClient, SqlExecutor } from './client.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A validated, quoted schema name: only plain lower-case identifiers, so it can be spliced into SQL. */
export const quoteSchema = (schema: string): string => {
  if (!IDENTIFIER.test(schema)) {
    throw new RangeError(`schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), got ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
};

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL run once, in the migration transaction; `s` is the quoted schema. */
  readonly up: (s: string) => string;
}

/**
 * Versioned, append-only: never edit a released migration, add the next one. Applied in order inside one
 * transaction holding an advisory lock per schema, so processes starting together apply each exactly once.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    up: (s) => `
      CREATE TABLE ${s}.streams (
        stream_id   text PRIMARY KEY,
        -- Version of the last event; -1 only inside the transaction that creates the stream.
        version     bigint NOT NULL,
        last_hash   text NOT NULL
      );
      CREATE TABLE ${s}.events (
        seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writing transaction: global order is (tx_id, seq), read behind the oldest running transaction.
        tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        text NOT NULL,
        stream_id       text NOT NULL REFERENCES ${s}.streams (stream_id),
        stream_version  bigint NOT NULL CHECK (stream_version >= 0),
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        prev_hash       text NOT NULL,
        hash            text NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      -- Stream reads use events_stream_version_key; global and per-type reads use these.
      CREATE INDEX events_global_order_idx ON ${s}.events (tx_id, seq);
      CREATE INDEX events_type_order_idx ON ${s}.events (type, tx_id, seq);
    `,
  },
  {
    version: 2,
    name: 'append in one round trip',
    up: (s) => `
      -- Appends a batch sealed by the client after the head it believes current: the first event's
      -- (streamVersion - 1, prevHash). Under the stream row's lock it refuses a head that contradicts the last
      -- stored event ('corrupted'), answers 'moved' with the real head when the batch was sealed after another
      -- one (nothing written; the row stays locked until the caller's transaction ends), and otherwise inserts
      -- the events, moves the head and notifies p_channel (when given) in the caller's transaction.
      -- Everything it returns is text, like every other read of the store.
      CREATE FUNCTION ${s}.append_events(p_stream_id text, p_events jsonb, p_channel text)
      RETURNS TABLE (outcome text, version text, hash text, last_version text, tx_id text, seqs text)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        sealed_after bigint := (p_events -> 0 ->> 'streamVersion')::bigint - 1;
        sealed_on text := p_events -> 0 ->> 'prevHash';
        new_version bigint := (p_events -> -1 ->> 'streamVersion')::bigint;
        new_hash text := p_events -> -1 ->> 'hash';
        head_version bigint;
        head_hash text;
        stored_version bigint;
        stored_hash text;
        inserted_seqs text;
      BEGIN
        SELECT s.version, s.last_hash INTO head_version, head_hash FROM ${s}.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        IF NOT FOUND THEN
          IF sealed_after <> -1 OR sealed_on IS DISTINCT FROM repeat('0', 64) THEN
            RETURN QUERY SELECT 'moved', '-1', NULL::text, NULL::text, NULL::text, NULL::text;
            RETURN;
          END IF;
          INSERT INTO ${s}.streams AS s (stream_id, version, last_hash) VALUES (p_stream_id, new_version, new_hash)
            ON CONFLICT (stream_id) DO NOTHING;
          IF NOT FOUND THEN
            -- Created by a concurrent append since the look-up: wait for it, then report its head.
            SELECT s.version, s.last_hash INTO head_version, head_hash FROM ${s}.streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
            RETURN QUERY SELECT 'moved', head_version::text, head_hash, NULL::text, NULL::text, NULL::text;
            RETURN;
          END IF;
        ELSE
          -- The last stored event (one index look-up) must be the head the row describes.
          SELECT e.stream_version, e.hash INTO stored_version, stored_hash FROM ${s}.events e
            WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
          IF (head_version < 0 AND stored_version IS NOT NULL)
             OR (head_version >= 0 AND (stored_version IS DISTINCT FROM head_version OR stored_hash IS DISTINCT FROM head_hash)) THEN
            RETURN QUERY SELECT 'corrupted', head_version::text, head_hash, stored_version::text, NULL::text, NULL::text;
            RETURN;
          END IF;
          IF head_version <> sealed_after OR head_hash IS DISTINCT FROM sealed_on THEN
            RETURN QUERY SELECT 'moved', head_version::text, head_hash, NULL::text, NULL::text, NULL::text;
            RETURN;
          END IF;
          UPDATE ${s}.streams s SET version = new_version, last_hash = new_hash WHERE s.stream_id = p_stream_id;
        END IF;
        WITH inserted AS (
          INSERT INTO ${s}.events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
          SELECT e->>'eventId', p_stream_id, (e->>'streamVersion')::bigint, e->>'type', (e->>'schemaVersion')::integer,
                 e->'data', e->'metadata', e->>'prevHash', e->>'hash'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS batch(e, n)
          ORDER BY n
          RETURNING events.seq, events.stream_version
        )
        SELECT string_agg(inserted.seq::text, ',' ORDER BY inserted.stream_version) INTO inserted_seqs FROM inserted;
        IF p_channel IS NOT NULL THEN
          PERFORM pg_notify(p_channel, p_stream_id);
        END IF;
        RETURN QUERY SELECT 'appended', new_version::text, new_hash, NULL::text, pg_current_xact_id()::text, inserted_seqs;
      END
      $$;
    `,
  },
  {
    version: 3,
    name: 'merkle tree over the log',
    up: (s) => `
      -- The RFC 6962 tree the log follower keeps (@laborcase/core/transparency): how far it has integrated,
      -- the hash of every perfect subtree, and which event is at which leaf.
      CREATE TABLE ${s}.tree_head (
        id        smallint PRIMARY KEY CHECK (id = 1),
        size      bigint NOT NULL CHECK (size >= 0),
        position  text NOT NULL
      );
      INSERT INTO ${s}.tree_head (id, size, position) VALUES (1, 0, '00000000000000000000');
      CREATE TABLE ${s}.tree_nodes (
        level  smallint NOT NULL,
        idx    bigint NOT NULL,
        hash   bytea NOT NULL,
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE ${s}.tree_leaves (
        leaf_index       bigint PRIMARY KEY,
        event_id         text NOT NULL UNIQUE,
        stream_id        text NOT NULL,
        stream_version   bigint NOT NULL,
        event_hash       text NOT NULL,
        global_position  text NOT NULL
      );
      CREATE INDEX tree_leaves_stream_idx ON ${s}.tree_leaves (stream_id, stream_version);
    `,
  },
  {
    version: 4,
    name: 'append-only guard',
    up: (s) => `
      -- Defence in depth: rows of the log and of its tree are never changed or removed. A superuser can still
      -- disable these triggers; that is what signed, cosigned checkpoints catch (verifyLog).
      CREATE FUNCTION ${s}.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'laborcase: % on %.% refused: the log is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$;
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${s}.events FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER streams_no_delete BEFORE DELETE ON ${s}.streams FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON ${s}.streams FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER tree_nodes_append_only BEFORE UPDATE OR DELETE ON ${s}.tree_nodes FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER tree_nodes_no_truncate BEFORE TRUNCATE ON ${s}.tree_nodes FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER tree_leaves_append_only BEFORE UPDATE OR DELETE ON ${s}.tree_leaves FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_rewrite();
      CREATE TRIGGER tree_leaves_no_truncate BEFORE TRUNCATE ON ${s}.tree_leaves FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_rewrite();
    `,
  },
  {
    version: 5,
    name: 'stream reference checked per statement',
    up: (s) => `
      -- Every event still names a stream row, but the check runs once per INSERT statement instead of once per
      -- event: the foreign key's per-row trigger cost more than the rest of a 100-event append. Stream rows are
      -- never deleted (migration 4) and their ids never change (below), so a row that exists at insert time
      -- exists for good, and the parent lock the foreign key took per event protected nothing more.
      ALTER TABLE ${s}.events DROP CONSTRAINT events_stream_id_fkey;
      CREATE FUNCTION ${s}.refuse_unknown_stream() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        orphan text;
      BEGIN
        SELECT i.stream_id INTO orphan FROM inserted i
          WHERE NOT EXISTS (SELECT 1 FROM ${s}.streams st WHERE st.stream_id = i.stream_id) LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'laborcase: event of stream % inserted without its stream row', orphan USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER events_stream_exists AFTER INSERT ON ${s}.events REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_unknown_stream();
      CREATE TRIGGER streams_id_fixed BEFORE UPDATE OF stream_id ON ${s}.streams FOR EACH ROW
        WHEN (OLD.stream_id IS DISTINCT FROM NEW.stream_id) EXECUTE FUNCTION ${s}.refuse_rewrite();
    `,
  },
  {
    version: 6,
    name: 'stream order agrees with global order',
    up: (s) => `
      -- Global order is (tx_id, seq), but a transaction's id is taken at its first write, which may come before it
      -- waits for a stream's lock: a transaction that took its id early and locked the stream after a later one
      -- committed there would put its events before that one's in the global log, against the stream's order.
      -- Under the lock, such an append is refused ('reordered', nothing written) and the store retries it in a
      -- new transaction, whose id is necessarily later than every committed one.
      ALTER FUNCTION ${s}.append_events(text, jsonb, text) RENAME TO append_events_unordered;
      CREATE FUNCTION ${s}.append_events(p_stream_id text, p_events jsonb, p_channel text)
      RETURNS TABLE (outcome text, version text, hash text, last_version text, tx_id text, seqs text)
      LANGUAGE plpgsql AS $$
      DECLARE
        last_tx xid8;
      BEGIN
        PERFORM 1 FROM ${s}.streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
        SELECT e.tx_id INTO last_tx FROM ${s}.events e WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
        IF last_tx IS NOT NULL THEN
          IF last_tx > pg_current_xact_id() THEN
            RETURN QUERY SELECT 'reordered', st.version::text, st.last_hash, NULL::text, NULL::text, NULL::text
              FROM ${s}.streams st WHERE st.stream_id = p_stream_id;
            RETURN;
          END IF;
        END IF;
        RETURN QUERY SELECT * FROM ${s}.append_events_unordered(p_stream_id, p_events, p_channel);
      END
      $$;
    `,
  },
  {
    version: 7,
    name: 'append in one function, one look-up',
    up: (s) => `
      -- Migration 6's checks and migration 2's append in one function: the stream row is locked once and the last
      -- stored event read once (its version and hash for the head check, its transaction for the order check),
      -- instead of a wrapper and an inner function each reading both. The batch is read with one
      -- jsonb_to_recordset instead of nine field extractions per event. Outcomes and their order of precedence
      -- are migration 6's: 'reordered', then 'corrupted', then 'moved', else 'appended'.
      CREATE OR REPLACE FUNCTION ${s}.append_events(p_stream_id text, p_events jsonb, p_channel text)
      RETURNS TABLE (outcome text, version text, hash text, last_version text, tx_id text, seqs text)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        first_event jsonb := p_events -> 0;
        sealed_after bigint := (first_event ->> 'streamVersion')::bigint - 1;
        new_version bigint := (p_events -> -1 ->> 'streamVersion')::bigint;
        new_hash text := p_events -> -1 ->> 'hash';
        head_version bigint;
        head_hash text;
        row_found boolean;
        stored_version bigint;
        stored_hash text;
        stored_tx xid8;
      BEGIN
        SELECT st.version, st.last_hash INTO head_version, head_hash FROM ${s}.streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
        row_found := FOUND;
        SELECT e.stream_version, e.hash, e.tx_id INTO stored_version, stored_hash, stored_tx FROM ${s}.events e
          WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
        IF stored_tx > pg_current_xact_id() THEN
          outcome := 'reordered'; version := coalesce(head_version, -1)::text; hash := head_hash;
          RETURN NEXT;
          RETURN;
        END IF;
        -- Without a row, events read here belong to a concurrent append that created the stream after the row
        -- look-up (each statement reads what has committed by its start): the insert below answers 'moved'.
        IF row_found AND ((head_version < 0 AND stored_version IS NOT NULL)
           OR (head_version >= 0 AND (stored_version IS DISTINCT FROM head_version OR stored_hash IS DISTINCT FROM head_hash))) THEN
          outcome := 'corrupted'; version := head_version::text; hash := head_hash; last_version := stored_version::text;
          RETURN NEXT;
          RETURN;
        END IF;
        IF NOT row_found THEN
          IF sealed_after <> -1 OR first_event ->> 'prevHash' IS DISTINCT FROM repeat('0', 64) THEN
            outcome := 'moved'; version := '-1';
            RETURN NEXT;
            RETURN;
          END IF;
          INSERT INTO ${s}.streams AS st (stream_id, version, last_hash) VALUES (p_stream_id, new_version, new_hash)
            ON CONFLICT (stream_id) DO NOTHING;
          IF NOT FOUND THEN
            -- Created by a concurrent append since the look-up: wait for it, then report its head.
            SELECT st.version, st.last_hash INTO head_version, head_hash FROM ${s}.streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
            outcome := 'moved'; version := head_version::text; hash := head_hash;
            RETURN NEXT;
            RETURN;
          END IF;
        ELSE
          IF head_version <> sealed_after OR head_hash IS DISTINCT FROM first_event ->> 'prevHash' THEN
            outcome := 'moved'; version := head_version::text; hash := head_hash;
            RETURN NEXT;
            RETURN;
          END IF;
          UPDATE ${s}.streams st SET version = new_version, last_hash = new_hash WHERE st.stream_id = p_stream_id;
        END IF;
        WITH inserted AS (
          INSERT INTO ${s}.events (event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash)
          SELECT b."eventId", p_stream_id, b."streamVersion", b.type, b."schemaVersion", b.data, b.metadata, b."prevHash", b.hash
          FROM jsonb_to_recordset(p_events) AS b("eventId" text, "streamVersion" bigint, type text, "schemaVersion" integer,
                                                 data jsonb, metadata jsonb, "prevHash" text, hash text)
          ORDER BY b."streamVersion"
          RETURNING events.seq, events.stream_version
        )
        SELECT string_agg(inserted.seq::text, ',' ORDER BY inserted.stream_version) INTO seqs FROM inserted;
        IF p_channel IS NOT NULL THEN
          PERFORM pg_notify(p_channel, p_stream_id);
        END IF;
        outcome := 'appended'; version := new_version::text; hash := new_hash; tx_id := pg_current_xact_id()::text;
        RETURN NEXT;
      END
      $$;
      DROP FUNCTION ${s}.append_events_unordered(text, jsonb, text);
    `,
  },
  {
    version: 8,
    name: 'the global position is the primary key',
    up: (s) => `
      -- Every event row fed five B-trees: seq (the primary key), (tx_id, seq) for global order, and the event id,
      -- stream and type keys. Nothing reads by seq alone, and seq is unique by itself (an identity column), so
      -- the position (tx_id, seq) becomes the primary key and one index serves both: four index entries per event
      -- instead of five (pgbench, 100-row inserts: ~3.0 ms against ~4.4 ms of server CPU). On a populated log
      -- this builds the new index once, holding writes off the table while it does.
      CREATE UNIQUE INDEX events_position_key ON ${s}.events (tx_id, seq);
      ALTER TABLE ${s}.events DROP CONSTRAINT events_pkey;
      ALTER TABLE ${s}.events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_position_key;
      DROP INDEX ${s}.events_global_order_idx;
    `,
  },
];

/** Advisory-lock key of a schema's migrations (any stable 64-bit number; hashtext is built in). */
const lockKey = (schema: string): string => `laborcase.migrations.${schema}`;

/** Bring `schema` up to the latest migration. Idempotent; safe when several processes call it at once. */
export const migrate = async (client: SqlClient, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> => {
  const s = quoteSchema(schema);
  // Up to date already: touch nothing, so an application role holding only SELECT/INSERT (see the README's
  // database roles) can open a store its owner migrated.
  const [existing] = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`${s}.schema_migrations`]);
  if (existing?.present === true) {
    const rows = await client.query<{ version: string }>(`SELECT version::text AS version FROM ${s}.schema_migrations`);
    const applied = new Set(rows.map((r) => Number(r.version)));
    if (migrations.every((m) => applied.has(m.version))) return [];
  }
  return client.transaction(async (tx: SqlExecutor) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(schema)]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.query<{ version: string }>(`SELECT version::text AS version FROM ${s}.schema_migrations`);
    const applied = new Set(rows.map((r) => Number(r.version)));
    const newlyApplied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of splitStatements(migration.up(s))) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
};

/**
 * Split a migration into statements: drop comment lines, then split on `;` outside `$$ … $$` function bodies
 * (the only quoting our migrations use around a `;`).
 */
export const splitStatements = (sql: string): string[] => {
  const text = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  const statements: string[] = [];
  let current = '';
  text.split('$$').forEach((part, index) => {
    if (index % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const pieces = part.split(';');
    current += pieces[0] ?? '';
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  });
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement !== '');
};
