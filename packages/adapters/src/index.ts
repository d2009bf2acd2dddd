/**
 * @laborcase/adapters: event stores behind the @laborcase/core port. The root exports the factories and their
 * options only; the SQL building blocks (the store class, driver clients, migrations, test hooks) are at
 * `@laborcase/adapters/sql`.
 */
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './memory/inMemoryEventStore.js';
export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres/createPostgresEventStore.js';
export { createPGliteEventStore, type PGliteEventStoreOptions } from './pglite/createPGliteEventStore.js';
export type { PGliteDatabase } from './pglite/pgliteClient.js';
export { DataFolderLocked, PGLITE_LOCK_FILE } from './pglite/folderLock.js';
export type { SqlStoreOptions } from './sql/openSqlStore.js';
export { DEFAULT_DATA_DIR, openEventStore, withoutPassword, type OpenEventStoreOptions, type OpenedEventStore } from './openEventStore.js';
export { systemClock, uuidV7 } from './system.js';
