import { createHash } from 'node:crypto';
import pg from 'pg';
import { EventStoreError } from '@laborcase/core';
import type { QueryOptions, SqlClient, SqlExecutor } from '../sql/client.js';

export interface PgClientOptions {
  /** Connect with this URL (the store owns and ends the pool) … */
  readonly connectionString?: string;
  /** … or use this pool (the caller owns it; `close` leaves it open). */
  readonly pool?: pg.Pool;
  /** Connections in the pool the store creates (default 10). */
  readonly poolSize?: number;
  /** Server-side `statement_timeout` of the pool the store creates (default 30,000 ms). */
  readonly statementTimeoutMs?: number;
  /** How long to wait for a free connection before failing (default 10,000 ms). */
  readonly connectionTimeoutMs?: number;
}

const ignoreConnectionError = (): void => {};

/** What `notify` splices into its statement: a plain identifier, as the store's channel names are. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A statement's name on the server, derived from its text: the same text always gets the same name, so a
 * connection prepares it once, and two texts never share a name (node-postgres refuses a name reused for new text).
 */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `laborcase_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
};

const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query<Row extends object>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Row[]> {
    const values = params as unknown[];
    const result = await target.query<Row>(options?.prepare === true ? { name: statementName(text), text, values } : { text, values });
    return result.rows;
  },
});

/** A `SqlClient` over a node-postgres pool, plus a dedicated connection for LISTEN. */
export const createPgClient = (options: PgClientOptions): SqlClient => {
  const ownsPool = options.pool === undefined;
  if (ownsPool && options.connectionString === undefined) throw new TypeError('give either connectionString or pool');
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      statement_timeout: statementTimeout,
      // A transaction left open (a crashed caller) would hold back the global log's horizon: cut it off.
      idle_in_transaction_session_timeout: Math.max(statementTimeout * 2, 60_000),
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      application_name: 'laborcase-event-store',
    });
  // An idle connection that dies emits 'error' on the pool; unhandled, that would crash the process.
  // The pool drops the connection and the next query gets a fresh one (or a mapped error).
  const onIdleError = (): void => {};
  pool.on('error', onIdleError);
  // And every connection gets a listener of its own for life: pg-pool leaves a checked-out client without one,
  // and a backend that dies while the client is checked out (even between pg-pool's hand-over and its first
  // query) would otherwise be an unhandled 'error' event that ends the process. The dead client's next query
  // fails, which the store reports as StoreUnavailable.
  const guard = (client: pg.PoolClient): void => {
    client.on('error', ignoreConnectionError);
  };
  pool.on('connect', guard);
  const base = executor(pool);

  return {
    dialect: 'postgres',
    query: base.query,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      // pg-pool removes its own 'error' listener while a client is checked out: without one of ours, a backend
      // terminated between statements (pg_terminate_backend, a restart, a failover) is an unhandled 'error'
      // event that ends the process. Keep the error; the next statement on the dead connection then fails and
      // the caller gets it (StoreUnavailable once mapped), and the connection is destroyed on release.
      let lost: Error | undefined;
      const onConnectionError = (error: Error): void => {
        lost ??= error;
      };
      connection.on('error', onConnectionError);
      let broken: Error | undefined;
      try {
        // Explicit, whatever the server's default: the append locks the stream row, then reads what is committed.
        await connection.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await work(executor(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        if (lost === undefined) {
          try {
            await connection.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
        }
        // Once the connection is gone, report that (not a follow-on "not queryable"), unless the work already
        // failed with an answer of the port's own (a wrong expected version found before the loss).
        if (lost !== undefined && !(error instanceof EventStoreError)) throw lost;
        throw error;
      } finally {
        // Releasing with an error destroys a connection whose state is unknown instead of reusing it.
        // Our listener stays: a destroyed client may still emit; pg-pool re-adds its own on a healthy release.
        if (lost === undefined && broken === undefined) connection.off('error', onConnectionError);
        connection.release(lost ?? broken);
      }
    },
    async listen(channel, onNotify, onError) {
      const listener = new pg.Client({ ...pool.options, statement_timeout: undefined });
      listener.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      listener.on('error', (error) => {
        onError(error);
        void listener.end().catch(() => undefined);
      });
      await listener.connect();
      await listener.query(`LISTEN "${channel}"`);
      return async () => {
        await listener.end();
      };
    },
    async notify(channel) {
      if (!CHANNEL.test(channel)) throw new RangeError(`channel must be a lower-case SQL identifier, got ${JSON.stringify(channel)}`);
      // One simple-protocol query is one implicit transaction, so SET LOCAL covers the NOTIFY's commit only.
      await pool.query(`SET LOCAL synchronous_commit TO off; NOTIFY "${channel}"`);
    },
    async close() {
      if (ownsPool) await pool.end();
      else {
        pool.off('error', onIdleError);
        pool.off('connect', guard);
      }
    },
  };
};
