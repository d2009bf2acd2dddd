/**
 * The little a SQL event store needs from a database driver. Implemented over a node-postgres pool
 * (`../postgres/pgClient.ts`) and over PGlite (`../pglite/pgliteClient.ts`); both run the same SQL.
 *
 * Rows come back exactly as the driver gives them; the store selects everything it reads as `text`
 * (numbers, xid8, JSON) so that driver type parsers never change what it sees.
 */
export interface QueryOptions {
  /**
   * A hot statement of fixed text: the driver may prepare it once per connection and reuse the plan
   * (node-postgres does; PGlite ignores it). Never for text built from values.
   */
  readonly prepare?: boolean;
}

export interface SqlExecutor {
  query<Row extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
}

export interface SqlClient extends SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** Run `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Subscribe to NOTIFY on `channel` over a dedicated connection. Absent when the database cannot be
   * shared with other processes (PGlite), where polling and in-process wake-ups suffice.
   */
  listen?(channel: string, onNotify: () => void, onError: (error: unknown) => void): Promise<() => Promise<void>>;
  /**
   * Send a NOTIFY on `channel` (an identifier) in a transaction of its own, without waiting for it to be durable:
   * the wake-up for `listen` after an append has committed. Absent where `listen` is.
   */
  notify?(channel: string): Promise<void>;
  /** Release every connection the client owns. */
  close(): Promise<void>;
}
