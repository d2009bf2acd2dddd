/**
 * What the SQL read-model store needs from a database: the same shape as `SqlClient` from
 * `@laborcase/adapters/sql` (so `createPgClient` and `createPGliteClient` fit as they are), declared here
 * structurally so this package does not depend on the adapters. Rows come back as the driver gives them.
 */
export interface ReadModelSqlExecutor {
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface ReadModelSqlClient extends ReadModelSqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** One transaction on one connection: COMMIT when `work` resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: ReadModelSqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
