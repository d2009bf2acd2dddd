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
    version: 3,
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
 * Migrations hold DDL and `$$`-quoted function bodies: drop comment lines, then split on the `;` that are outside
 * dollar quotes (PGlite runs one statement per parameterless query here, as node-postgres does).
 */
export const splitStatements = (sql: string): string[] => {
  const text = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$$', i)) {
      quoted = !quoted;
      current += '$$';
      i += 1;
    } else if (text[i] === ';' && !quoted) {
      statements.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  statements.push(current);
  return statements.map((part) => part.trim()).filter((part) => part !== '');
};
