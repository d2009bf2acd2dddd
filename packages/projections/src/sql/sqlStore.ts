/**
 * The SQL read-model store, on PostgreSQL or PGlite: plain tables per projection version (see `ddl.ts`), a
 * stable view per table for readers, and the runtime's own tables (checkpoints, dead letters, leases, the
 * DDL of every prepared version), created by versioned migrations.
 *
 * Writes in a transaction are buffered per table (last write per key wins) and sent with one statement per
 * table and kind (`unnest` of one array per column): before a `find`, a `deleteWhere`, at commit, and, without
 * waiting, whenever a table has `flushRows` unsent or 500 while the connection is idle (the server inserts those
 * while the handlers compute the next), so a batch costs a few round trips whatever its size. A transaction's
 * statements still run one after another on its connection (`ordered.ts`), and `get` answers from the
 * transaction's own writes and reads first.
 * Rows of keys the transaction has not seen in the table go as a plain INSERT, the rest as an upsert (`upsertOnly`).
 */
import { isGlobalPosition, type GlobalPosition } from '@laborcase/core';
import { InvalidProjection, InvalidRow, LeaseLost, ReadModelFailure } from '../errors.js';
import { leaseHoldOf, runLeaseKey, WRITTEN, type DeadLetter, type Lease, type ModelTarget, type NewDeadLetter, type ReadModelStore, type ReadModelTransaction, type TransactionOptions } from '../store.js';
import { checkIdentifier, handOut, keyHint, normaliseChanges, normaliseFilter, normaliseKey, rowKey, storedRowOver, withChanges, type ColumnType, type Row, type RowKey, type TableSpec } from '../tables.js';
import type { ReadModelSqlClient, ReadModelSqlExecutor } from './client.js';
import { q, RECORD_TYPES, selectExpression, tableDdl, tableName, viewName } from './ddl.js';
import { orderedExecutor } from './ordered.js';

export interface SqlReadModelOptions {
  readonly client: ReadModelSqlClient;
  /** Schema for every read-model table (default `laborcase_read`); may be the event store's database or another. */
  readonly schema?: string;
  /** Whether `close` closes the client too (default false: the caller owns it, e.g. shared with the event store). */
  readonly closeClient?: boolean;
  /**
   * Unsent rows of one table that go to the server without waiting for the transaction's end, however busy its
   * connection (default 1,000). An idle connection gets them sooner, from `min(flushRows, 500)` on.
   */
  readonly flushRows?: number;
}

interface Migration {
  readonly version: number;
  readonly up: (s: string) => string[];
}

/** Versioned, append-only: never edit one, add the next. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (s) => [
      `CREATE TABLE ${s}.projection_checkpoints (name text NOT NULL, version integer NOT NULL, position text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version))`,
      `CREATE TABLE ${s}.projection_active (name text PRIMARY KEY, version integer NOT NULL, activated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE ${s}.projection_versions (name text NOT NULL, version integer NOT NULL, ddl text NOT NULL, tables jsonb NOT NULL,
         prepared_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version))`,
      `CREATE TABLE ${s}.projection_dead_letters (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, version integer NOT NULL,
         event_id text NOT NULL, stream_id text NOT NULL, event_type text NOT NULL, global_position text NOT NULL, reason text NOT NULL,
         error text NOT NULL, recorded_at text NOT NULL, UNIQUE (name, version, event_id))`,
      `CREATE TABLE ${s}.projection_leases (key text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)`,
    ],
  },
];

/**
 * A write buffered in a transaction. `exists` tells whether the table holds the key as the server sees it so far
 * in the transaction (a row this transaction read or sent): such a row goes as an upsert, the others as a plain
 * INSERT first (see `upsertOnly`).
 */
type Pending = { readonly op: 'upsert'; readonly row: Row; readonly exists: boolean } | { readonly op: 'delete'; readonly key: Row; readonly exists: boolean };
/** What a transaction knows of a key: its last write, or the row a `get` read from the table (undefined: none). */
type Known = Pending | { readonly op: 'read'; readonly row: Row | undefined };

/** A transaction's writes to one table: what it knows per key (answers `get`), and the writes not yet sent to the server. */
interface TableWrites {
  readonly known: Map<RowKey, Known>;
  unsent: Map<RowKey, Pending>;
}

/**
 * Whether the table holds `key` as the server sees it, before a write replacing `previous`, what the transaction
 * knew of it: unknown counts as no (a plain INSERT finds out); a write still unsent changed nothing there yet.
 */
const existsBefore = (previous: Known | undefined, unsent: Map<RowKey, Pending>, key: RowKey): boolean => {
  if (previous === undefined) return false;
  if (previous.op === 'read') return previous.row !== undefined;
  return unsent.get(key) === previous ? previous.exists : previous.op === 'upsert';
};

const DEFAULT_FLUSH_ROWS = 1_000;
/**
 * Unsent rows of a table that go to the server as soon as the transaction's connection is idle: the server
 * writes them while the handlers compute the next, instead of waiting for a full buffer (or for the next
 * `deleteWhere` or `find`, which wait for everything sent before them). Fewer rows per statement cost more
 * statements; this many keep that overhead small.
 */
const IDLE_FLUSH_ROWS = 500;
const UNIQUE_VIOLATION = '23505';
/** The driver's unique-violation error, as it is or as the `cause` of the `ReadModelFailure` wrapping it. */
const isUniqueViolation = (error: unknown): boolean => {
  const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);
  return codeOf(error) === UNIQUE_VIOLATION || (error instanceof ReadModelFailure && codeOf(error.cause) === UNIQUE_VIOLATION);
};

/** Characters that must be escaped inside a quoted element of an array literal. */
const NEEDS_ESCAPE = /["\\]/;

/**
 * One column of `rows` as a PostgreSQL array literal (`{"a","b",NULL}`), the text the server parses for
 * `$n::text[]` and the like; built here in one pass, where the driver would escape every element with two regex
 * replacements. Values are those `storedRow` let through: strings, finite numbers, booleans, null, and JSON
 * values for json columns, which travel as their text.
 */
const arrayLiteral = (rows: readonly Row[], column: string, json: boolean): string => {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const value = (rows[i] as Row)[column];
    if (value === null || value === undefined) {
      out += 'NULL';
      continue;
    }
    const text = json ? JSON.stringify(value) : String(value);
    out += NEEDS_ESCAPE.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
  }
  return `${out}}`;
};

const decodeValue = (type: ColumnType, value: unknown): Row[string] => {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(value);
    case 'json':
      return JSON.parse(String(value)) as Row[string];
    case 'boolean':
      return value === true || value === 't' || value === 'true';
    default:
      return String(value);
  }
};

/** Driver errors become `ReadModelFailure` (the driver's error as `cause`); everything else passes through. */
const guard = (db: ReadModelSqlExecutor): ReadModelSqlExecutor => ({
  async query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> {
    try {
      return await db.query<R>(text, params);
    } catch (error) {
      throw new ReadModelFailure(`read-model SQL failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  },
});

const guardClient = (client: ReadModelSqlClient): ReadModelSqlClient => ({
  dialect: client.dialect,
  query: guard(client).query,
  async transaction<T>(work: (tx: ReadModelSqlExecutor) => Promise<T>): Promise<T> {
    const fromWork = new Set<unknown>();
    try {
      return await client.transaction((tx) =>
        work(guard(tx)).catch((error: unknown) => {
          fromWork.add(error);
          throw error;
        }),
      );
    } catch (error) {
      // The work's own errors (and guarded query errors) pass through; BEGIN/COMMIT failures are the driver's.
      if (fromWork.has(error) || error instanceof ReadModelFailure || !(error instanceof Error)) throw error;
      throw new ReadModelFailure(`read-model transaction failed: ${error.message}`, { cause: error });
    }
  },
  close: () => client.close(),
});

export const createSqlReadModelStore = async (options: SqlReadModelOptions): Promise<ReadModelStore> => {
  if (typeof options !== 'object' || options === null || typeof options.client !== 'object' || options.client === null) {
    throw new InvalidProjection('client', 'is required (createPgClient or createPGliteClient from @laborcase/adapters/sql fit)');
  }
  const schema = checkIdentifier('schema', options.schema ?? 'laborcase_read', 40);
  const flushRows = options.flushRows ?? DEFAULT_FLUSH_ROWS;
  if (!Number.isSafeInteger(flushRows) || flushRows < 1) throw new InvalidProjection('flushRows', `must be a positive integer, got ${String(flushRows)}`);
  const idleFlushRows = Math.min(flushRows, IDLE_FLUSH_ROWS);
  const client = guardClient(options.client);
  const s = q(schema);

  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`laborcase.read-models.${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.projection_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set((await tx.query<{ version: string }>(`SELECT version::text AS version FROM ${s}.projection_migrations`)).map((r) => Number(r.version)));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.up(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.projection_migrations (version) VALUES ($1)`, [migration.version]);
    }
  });

  const specOf = (target: ModelTarget, table: string): TableSpec => {
    const spec = target.tables.find((t) => t.name === table);
    if (spec === undefined) throw new InvalidRow(table, 'table', `is not a table of ${target.name} v${target.version}`);
    return spec;
  };
  const rel = (target: ModelTarget, table: string): string => `${s}.${q(tableName(target, table))}`;
  const selectList = (spec: TableSpec): string => Object.entries(spec.columns).map(([c, t]) => selectExpression(c, t)).join(', ');
  const decodeRow = (spec: TableSpec, raw: Record<string, unknown>): Row =>
    Object.freeze(Object.fromEntries(Object.entries(spec.columns).map(([c, t]) => [c, decodeValue(t, raw[c])])));
  const whereOf = (filter: Row, offset = 0): { sql: string; params: unknown[] } => {
    const params: unknown[] = [];
    const parts = Object.entries(filter).map(([column, value]) => {
      if (value === null) return `${q(column)} IS NULL`;
      params.push(value);
      return `${q(column)} = $${offset + params.length}`;
    });
    return { sql: parts.length === 0 ? 'true' : parts.join(' AND '), params };
  };
  const selectRows = async (db: ReadModelSqlExecutor, target: ModelTarget, spec: TableSpec, filter: Row): Promise<Row[]> => {
    const where = whereOf(filter);
    const rows = await db.query<Record<string, unknown>>(
      // ORDER BY names the table's columns (r.), not the selected text forms of the same names.
      `SELECT ${selectList(spec)} FROM ${rel(target, spec.name)} AS r WHERE ${where.sql} ORDER BY ${spec.primaryKey.map((c) => `r.${q(c)}`).join(', ')}`,
      where.params,
    );
    return rows.map((raw) => decodeRow(spec, raw));
  };
  /**
   * Rows as one typed array per column (`unnest($1::text[], $2::bigint[], …)` turns them back into rows): the
   * server reads arrays of plain values for less than a JSON document of objects. JSON values travel as their text.
   */
  const unnestOf = (spec: TableSpec, columns: readonly string[]): string =>
    `unnest(${columns.map((c, i) => `$${i + 1}::${RECORD_TYPES[spec.columns[c] as ColumnType]}[]`).join(', ')}) AS x(${columns.map(q).join(', ')})`;
  const columnArrays = (spec: TableSpec, columns: readonly string[], rows: readonly Row[]): string[] =>
    columns.map((c) => arrayLiteral(rows, c, spec.columns[c] === 'json'));

  /** An `update` of a row the transaction has not seen: one UPDATE statement, values typed as the columns are. */
  const updateRow = async (db: ReadModelSqlExecutor, target: ModelTarget, spec: TableSpec, key: Row, changes: Row): Promise<void> => {
    const columns = Object.keys(changes);
    const typed = (column: string, at: number): string => `$${at}::${RECORD_TYPES[spec.columns[column] as ColumnType]}`;
    const valueOf = (column: string, value: Row[string] | undefined): unknown => (value !== null && spec.columns[column] === 'json' ? JSON.stringify(value) : value);
    const set = columns.map((column, i) => `${q(column)} = ${typed(column, i + 1)}`).join(', ');
    const where = spec.primaryKey.map((column, i) => `${q(column)} = ${typed(column, columns.length + i + 1)}`).join(' AND ');
    await db.query(`UPDATE ${rel(target, spec.name)} SET ${set} WHERE ${where}`, [
      ...columns.map((column) => valueOf(column, changes[column])),
      ...spec.primaryKey.map((column) => key[column]),
    ]);
  };

  /**
   * Tables (relations) whose rows go as upserts (`ON CONFLICT … DO UPDATE`); the others get plain INSERTs. An
   * upsert costs the server an index probe and a speculative insertion per row, and many tables get new keys only
   * (one row per event). A plain INSERT runs in a savepoint: if a key is there already (unique violation), the
   * chunk is rolled back to it and sent again as an upsert, and the table is upserted from then on.
   */
  const upsertOnly = new Set<string>();

  const flushTable = async (db: ReadModelSqlExecutor, target: ModelTarget, spec: TableSpec, pending: Map<RowKey, Pending>): Promise<void> => {
    if (pending.size === 0) return;
    const deletes: Row[] = [];
    const inserts: Row[] = [];
    const upserts: Row[] = [];
    for (const entry of pending.values()) {
      if (entry.op === 'delete') deletes.push(entry.key);
      else (entry.exists ? upserts : inserts).push(entry.row);
    }
    pending.clear();
    const pk = spec.primaryKey.map(q).join(', ');
    if (deletes.length > 0) {
      await db.query(`DELETE FROM ${rel(target, spec.name)} WHERE (${pk}) IN (SELECT ${pk} FROM ${unnestOf(spec, spec.primaryKey)})`, columnArrays(spec, spec.primaryKey, deletes));
    }
    const relation = rel(target, spec.name);
    const columns = Object.keys(spec.columns);
    const insert = `INSERT INTO ${relation} (${columns.map(q).join(', ')}) SELECT ${columns.map(q).join(', ')} FROM ${unnestOf(spec, columns)}`;
    const others = columns.filter((c) => !spec.primaryKey.includes(c));
    const upsert = `${insert} ON CONFLICT (${pk}) ${others.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${others.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')}`}`;
    if (upsertOnly.has(relation)) upserts.push(...inserts.splice(0));
    if (inserts.length > 0) {
      const params = columnArrays(spec, columns, inserts);
      await db.query('SAVEPOINT laborcase_rows');
      try {
        await db.query(insert, params);
        await db.query('RELEASE SAVEPOINT laborcase_rows');
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await db.query('ROLLBACK TO SAVEPOINT laborcase_rows');
        await db.query('RELEASE SAVEPOINT laborcase_rows');
        upsertOnly.add(relation);
        upserts.push(...inserts);
      }
    }
    if (upserts.length > 0) await db.query(upsert, columnArrays(spec, columns, upserts));
  };

  const store: ReadModelStore = {
    kind: client.dialect,
    prepare: (target) =>
      client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`laborcase.read-models.${schema}.${target.name}`]);
        const ddl = target.tables.flatMap((table) => tableDdl(s, target, table));
        const text = ddl.join(';\n');
        const [known] = await tx.query<{ ddl: string }>(`SELECT ddl FROM ${s}.projection_versions WHERE name = $1 AND version = $2`, [target.name, target.version]);
        if (known !== undefined && known.ddl !== text) {
          throw new InvalidProjection('version', `${target.name} v${target.version} was prepared with other tables; bump the version to change them`);
        }
        if (known !== undefined) return;
        for (const statement of ddl) await tx.query(statement);
        await tx.query(`INSERT INTO ${s}.projection_versions (name, version, ddl, tables) VALUES ($1, $2, $3, $4::jsonb)`, [target.name, target.version, text, JSON.stringify(target.tables)]);
      }),
    drop: (target) =>
      client.transaction(async (tx) => {
        const [active] = await tx.query<{ version: number }>(`SELECT version FROM ${s}.projection_active WHERE name = $1`, [target.name]);
        if (active !== undefined && Number(active.version) === target.version) {
          for (const table of target.tables) await tx.query(`DROP VIEW IF EXISTS ${s}.${q(viewName(target.name, table.name))}`);
          await tx.query(`DELETE FROM ${s}.projection_active WHERE name = $1`, [target.name]);
        }
        for (const table of target.tables) await tx.query(`DROP TABLE IF EXISTS ${rel(target, table.name)}`);
        for (const meta of ['projection_checkpoints', 'projection_versions']) {
          await tx.query(`DELETE FROM ${s}.${meta} WHERE name = $1 AND version = $2`, [target.name, target.version]);
        }
        await tx.query(`DELETE FROM ${s}.projection_dead_letters WHERE name = $1 AND version = $2`, [target.name, target.version]);
      }),
    transaction<T>(target: ModelTarget, work: (tx: ReadModelTransaction) => Promise<T>, txOptions: TransactionOptions = {}): Promise<T> {
      /**
       * Extends the held leases, locking their rows until COMMIT; LeaseLost unless the owner holds all of them (at
       * the start: unexpired, as an inline projection's check sees them; at commit they are still locked).
       */
      const extendHeld = async (db: ReadModelSqlExecutor, owner: string, keys: readonly string[], ttlMs: number, live: boolean): Promise<void> => {
        const extended = await db.query(
          `UPDATE ${s}.projection_leases SET expires_at = clock_timestamp() + $3::bigint * interval '1 millisecond'
           WHERE key = ANY($1::text[]) AND owner = $2${live ? ' AND expires_at > clock_timestamp()' : ''} RETURNING key`,
          [keys, owner, ttlMs],
        );
        if (extended.length !== keys.length) throw new LeaseLost(target.name, owner);
      };
      return client.transaction(async (connection) => {
        const db = orderedExecutor(connection);
        const hold = leaseHoldOf(target, txOptions);
        if (hold !== undefined) await extendHeld(db, hold.owner, hold.keys, hold.ttlMs, true);
        const buffers = new Map<string, TableWrites>();
        const buffer = (table: string): TableWrites => {
          let found = buffers.get(table);
          if (found === undefined) buffers.set(table, (found = { known: new Map(), unsent: new Map() }));
          return found;
        };
        /** Take the table's unsent writes, to hand them to the connection (after everything queued before them). */
        const take = (table: string): Map<RowKey, Pending> | undefined => {
          const writes = buffer(table);
          if (writes.unsent.size === 0) return undefined;
          const taken = writes.unsent;
          writes.unsent = new Map();
          return taken;
        };
        const send = async (table: string): Promise<void> => {
          const taken = take(table);
          if (taken !== undefined) await db.run(() => flushTable(connection, target, specOf(target, table), taken));
        };
        const write = (table: string, key: RowKey, entry: Pending): void => {
          const writes = buffer(table);
          writes.known.set(key, entry);
          writes.unsent.set(key, entry);
          if (writes.unsent.size < idleFlushRows || (writes.unsent.size < flushRows && !db.idle())) return;
          const taken = take(table) as Map<RowKey, Pending>;
          db.runInBackground(() => flushTable(connection, target, specOf(target, table), taken));
        };
        const tx: ReadModelTransaction = {
          // A row this transaction wrote is answered, and a write buffered, synchronously: a settled promise (a
          // rejected one on bad input, as an async function would give), no async machinery per call.
          get(table, key) {
            try {
              const spec = specOf(target, table);
              const normal = normaliseKey(spec, key);
              const writes = buffer(table);
              const at = rowKey(spec, normal);
              const written = writes.known.get(at);
              if (written !== undefined) return Promise.resolve(written.op === 'delete' ? undefined : handOut(written.row));
              return selectRows(db, target, spec, normal).then(([row]) => {
                // Kept, so a write of the key after it goes as an upsert (the row is there) or an insert (it is not).
                if (!writes.known.has(at)) writes.known.set(at, { op: 'read', row });
                return row;
              });
            } catch (error) {
              return Promise.reject(error);
            }
          },
          upsert(table, row) {
            try {
              const spec = specOf(target, table);
              const writes = buffer(table);
              const hint = keyHint(spec, row);
              const before = hint === undefined ? undefined : writes.known.get(hint);
              const normal = storedRowOver(spec, row, before === undefined || before.op === 'delete' ? undefined : before.row);
              const key = rowKey(spec, normal);
              const previous = key === hint ? before : writes.known.get(key);
              write(table, key, { op: 'upsert', row: normal, exists: existsBefore(previous, writes.unsent, key) });
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          update(table, key, changes) {
            try {
              const spec = specOf(target, table);
              const normalKey = normaliseKey(spec, key);
              const normal = normaliseChanges(spec, changes);
              const writes = buffer(table);
              const at = rowKey(spec, normalKey);
              const known = writes.known.get(at);
              if (known === undefined) {
                // Not seen by this transaction: the server applies the changes, in order after what was sent before.
                if (Object.keys(normal).length > 0) db.runInBackground(() => updateRow(connection, target, spec, normalKey, normal));
              } else if (known.op !== 'delete' && known.row !== undefined) {
                write(table, at, { op: 'upsert', row: withChanges(known.row, normal), exists: existsBefore(known, writes.unsent, at) });
              }
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          delete(table, key) {
            try {
              const spec = specOf(target, table);
              const normal = normaliseKey(spec, key);
              const writes = buffer(table);
              const at = rowKey(spec, normal);
              write(table, at, { op: 'delete', key: normal, exists: existsBefore(writes.known.get(at), writes.unsent, at) });
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          async deleteWhere(table, filter) {
            const spec = specOf(target, table);
            const where = whereOf(normaliseFilter(spec, filter));
            await send(table);
            // The rows this transaction wrote may be among those deleted: from here on, ask the table.
            buffer(table).known.clear();
            const rows = await db.query<{ n: string }>(`WITH d AS (DELETE FROM ${rel(target, table)} WHERE ${where.sql} RETURNING 1) SELECT count(*)::text AS n FROM d`, where.params);
            return Number(rows[0]?.n ?? 0);
          },
          async find(table, filter) {
            const spec = specOf(target, table);
            const normal = normaliseFilter(spec, filter);
            await send(table);
            return selectRows(db, target, spec, normal);
          },
          async checkpoint() {
            const [row] = await db.query<{ position: string }>(`SELECT position FROM ${s}.projection_checkpoints WHERE name = $1 AND version = $2`, [target.name, target.version]);
            return row !== undefined && isGlobalPosition(row.position) ? row.position : undefined;
          },
          async setCheckpoint(position) {
            if (!isGlobalPosition(position)) throw new InvalidProjection('position', `is not a global position: ${String(position)}`);
            await db.query(
              `INSERT INTO ${s}.projection_checkpoints (name, version, position) VALUES ($1, $2, $3)
               ON CONFLICT (name, version) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
              [target.name, target.version, position],
            );
          },
          async addDeadLetter(letter: NewDeadLetter) {
            await db.query(
              `INSERT INTO ${s}.projection_dead_letters (name, version, event_id, stream_id, event_type, global_position, reason, error, recorded_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
               ON CONFLICT (name, version, event_id) DO UPDATE SET error = EXCLUDED.error, reason = EXCLUDED.reason, recorded_at = EXCLUDED.recorded_at`,
              [target.name, target.version, letter.eventId, letter.streamId, letter.eventType, letter.globalPosition, letter.reason, letter.error, letter.recordedAt],
            );
          },
          async removeDeadLetter(id) {
            const rows = await db.query(`DELETE FROM ${s}.projection_dead_letters WHERE id = $1 AND name = $2 AND version = $3 RETURNING id`, [id, target.name, target.version]);
            return rows.length > 0;
          },
        };
        try {
          const result = await work(tx);
          for (const table of buffers.keys()) await send(table);
          if (hold !== undefined) {
            // The rows have been locked since the start: only the expiry moves, to commit time + ttl.
            await extendHeld(db, hold.owner, hold.keys, hold.ttlMs, false);
          } else if (txOptions.leaseOwner !== undefined) {
            // Locks the lease row until COMMIT, so it cannot be taken over between this check and the commit.
            const held = await db.query(`SELECT 1 FROM ${s}.projection_leases WHERE key = $1 AND owner = $2 AND expires_at > clock_timestamp() FOR SHARE`, [
              runLeaseKey(target.name, target.version),
              txOptions.leaseOwner,
            ]);
            if (held.length === 0) throw new LeaseLost(target.name, txOptions.leaseOwner);
          }
          await db.settle();
          return result;
        } catch (error) {
          // Nothing of this transaction may still be on its way when the connection rolls it back.
          await db.settle().catch(() => undefined);
          throw error;
        }
      });
    },
    checkpoint: async (target) => {
      const [row] = await client.query<{ position: string }>(`SELECT position FROM ${s}.projection_checkpoints WHERE name = $1 AND version = $2`, [target.name, target.version]);
      return row !== undefined && isGlobalPosition(row.position) ? row.position : undefined;
    },
    rows: async (target, table, filter) => {
      const spec = specOf(target, table);
      return selectRows(client, target, spec, normaliseFilter(spec, filter));
    },
    deadLetters: async (target) => {
      const rows = await client.query<Record<string, string>>(
        `SELECT id::text AS id, event_id, stream_id, event_type, global_position, reason, error, recorded_at
         FROM ${s}.projection_dead_letters WHERE name = $1 AND version = $2 ORDER BY id`,
        [target.name, target.version],
      );
      return rows.map(
        (r): DeadLetter => ({
          id: Number(r['id']),
          projection: target.name,
          version: target.version,
          eventId: String(r['event_id']),
          streamId: String(r['stream_id']),
          eventType: String(r['event_type']),
          globalPosition: String(r['global_position']) as GlobalPosition,
          reason: r['reason'] === 'quarantined' ? 'quarantined' : 'handler-failed',
          error: String(r['error']),
          recordedAt: String(r['recorded_at']),
        }),
      );
    },
    activeVersion: async (name) => {
      const [row] = await client.query<{ version: string }>(`SELECT version::text AS version FROM ${s}.projection_active WHERE name = $1`, [name]);
      return row === undefined ? undefined : Number(row.version);
    },
    activate: (target) =>
      client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`laborcase.read-models.${schema}.${target.name}`]);
        const [previous] = await tx.query<{ tables: TableSpec[] }>(
          `SELECT v.tables FROM ${s}.projection_active a JOIN ${s}.projection_versions v USING (name, version) WHERE a.name = $1`,
          [target.name],
        );
        const old = (previous?.tables ?? []) as readonly TableSpec[];
        for (const table of [...old, ...target.tables]) await tx.query(`DROP VIEW IF EXISTS ${s}.${q(viewName(target.name, table.name))}`);
        for (const table of target.tables) {
          await tx.query(`CREATE VIEW ${s}.${q(viewName(target.name, table.name))} AS SELECT * FROM ${rel(target, table.name)}`);
        }
        await tx.query(
          `INSERT INTO ${s}.projection_active (name, version) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, activated_at = now()`,
          [target.name, target.version],
        );
      }),
    acquireLease: async (key, owner, ttlMs) => {
      const granted = await client.query<{ owner: string; expires_at: string }>(
        `INSERT INTO ${s}.projection_leases AS l (key, owner, expires_at) VALUES ($1, $2, clock_timestamp() + $3::bigint * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE l.owner = EXCLUDED.owner OR l.expires_at <= clock_timestamp()
         RETURNING owner, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at`,
        [key, owner, Math.max(1, Math.floor(ttlMs))],
      );
      const row =
        granted[0] ??
        (
          await client.query<{ owner: string; expires_at: string }>(
            `SELECT owner, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at FROM ${s}.projection_leases WHERE key = $1`,
            [key],
          )
        )[0];
      if (row === undefined) throw new ReadModelFailure(`lease ${key} vanished while being taken`);
      return { owner: row.owner, expiresAt: row.expires_at } satisfies Lease;
    },
    releaseLease: async (key, owner) => {
      await client.query(`DELETE FROM ${s}.projection_leases WHERE key = $1 AND owner = $2`, [key, owner]);
    },
    close: async () => {
      if (options.closeClient === true) await client.close();
    },
  };
  return store;
};
