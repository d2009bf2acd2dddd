export { InMemoryEventStore, createInMemoryEventStore, type InMemoryEventStoreOptions } from './memory/inMemoryEventStore.js';
export { systemClock, uuidV7 } from './system.js';
export { SqlEventStore, type SqlEventStoreOptions, type SqlStoreHooks } from './sql/sqlEventStore.js';
export type { SqlClient, SqlExecutor } from './sql/client.js';
export { MIGRATIONS, migrate, type Migration } from './sql/schema.js';
export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres/createPostgresEventStore.js';
export { createPgClient, type PgClientOptions } from './postgres/pgClient.js';
export { createPGliteEventStore, type PGliteEventStoreOptions } from './pglite/createPGliteEventStore.js';
export { createPGliteClient } from './pglite/pgliteClient.js';
