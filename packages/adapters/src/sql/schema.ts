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
];

/** Advisory-lock key of a schema's migrations (any stable 64-bit number; hashtext is built in). */
const lockKey = (schema: string): string => `laborcase.migrations.${schema}`;

/** Bring `schema` up to the latest migration. Idempotent; safe when several processes call it at once. */
export const migrate = async (client: SqlClient, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> => {
  const s = quoteSchema(schema);
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

/** Migrations hold plain DDL (no function bodies), so dropping comment lines and splitting on `;` is enough. */
const splitStatements = (sql: string): string[] =>
  sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
