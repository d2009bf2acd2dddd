import pg from 'pg';
import type { SqlClient, SqlExecutor } from '../sql/client.js';

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

const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
  async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await target.query<Row>(text, params as unknown[]);
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
  const base = executor(pool);

  return {
    dialect: 'postgres',
    query: base.query,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        // Explicit, whatever the server's default: the append locks the stream row, then reads what is committed.
        await connection.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await work(executor(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        // Releasing with an error destroys a connection whose state is unknown instead of reusing it.
        connection.release(broken);
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
    async close() {
      if (ownsPool) await pool.end();
      else pool.off('error', onIdleError);
    },
  };
};
