/**
 * @laborcase/adapters/sql: the building blocks under the PostgreSQL and PGlite stores, for tests, benchmarks,
 * tooling and other drivers. Most callers want the factories at the package root instead.
 *
 * - `openSqlStore(client, settings)` migrates and opens a store on any `SqlClient`, with the test `hooks`
 *   (fault injection inside the append transaction) the root factories do not take;
 * - `createPgClient` / `createPGliteClient` are the two `SqlClient`s;
 * - `migrate` / `MIGRATIONS` apply the versioned schema;
 * - `createSqlTreeStorage` keeps the log's Merkle tree (`@laborcase/core/transparency`) in the same database.
 */
export { SqlEventStore, type AppendInTransaction, type SqlEventStoreOptions, type SqlStoreHooks } from './sqlEventStore.js';
export type { SqlClient, SqlExecutor } from './client.js';
export { MIGRATIONS, migrate, type Migration } from './schema.js';
export { createSqlTreeStorage } from './treeStorage.js';
export { openSqlStore, type SqlStoreOptions, type SqlStoreSettings } from './openSqlStore.js';
export { createPgClient, type PgClientOptions } from '../postgres/pgClient.js';
export { createPGliteClient, type PGliteClientOptions, type PGliteDatabase, type PGliteQueryable } from '../pglite/pgliteClient.js';
