/**
 * The store a command works on: PostgreSQL when `--pg-url` or `PG_URL` is given, otherwise PGlite in `--data-dir`
 * (default the demo's folder). Opened through a SQL client the CLI keeps, so the transparency log tree can keep its
 * nodes in the same database.
 */
import { isAbsolute, resolve } from 'node:path';
import type { CodecRegistry, EventStore } from '@laborcase/core';
import type { TreeStorage } from '@laborcase/core/transparency';
import { DEFAULT_DATA_DIR, withoutPassword } from '@laborcase/adapters';
import { createPGliteClient, createPgClient, createSqlTreeStorage, openSqlStore, type SqlClient } from '@laborcase/adapters/sql';
import { createDomainRegistry } from '@laborcase/domain';
import { CliError, EXIT } from './errors.js';
import type { CliIo } from './io.js';

export interface StoreOptions {
  readonly pgUrl?: string;
  readonly dataDir?: string;
  readonly schema?: string;
}

export interface OpenStore {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly tree: () => TreeStorage;
  readonly client: SqlClient;
  readonly location: string;
  close(): Promise<void>;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const openStore = async (options: StoreOptions, io: CliIo): Promise<OpenStore> => {
  const pgUrl = options.pgUrl ?? io.env['PG_URL'];
  const schema = options.schema ?? 'laborcase';
  const onPostgres = pgUrl !== undefined && pgUrl !== '';
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const folder = isAbsolute(dataDir) ? dataDir : resolve(io.cwd, dataDir);
  const location = onPostgres ? withoutPassword(pgUrl) : `PGlite in ${folder}`;
  const registry = createDomainRegistry();
  let client: SqlClient;
  let store: EventStore;
  try {
    client = onPostgres ? createPgClient({ connectionString: pgUrl, poolSize: 2 }) : await createPGliteClient({ dataDir: folder });
    store = await openSqlStore(client, { registry, schema }, onPostgres ? 'connect to PostgreSQL' : 'open PGlite');
  } catch (error) {
    const hint = onPostgres ? 'check --pg-url / PG_URL and that the server is running' : 'check --data-dir, and that no other process has the folder open';
    throw new CliError(EXIT.storeUnavailable, `store unavailable (${location}): ${reason(error)}; ${hint}`, { cause: error });
  }
  return { store, registry, client, location, tree: () => createSqlTreeStorage(client, schema), close: () => store.close() };
};

/** Run `work` on the opened store and close it whatever happens. */
export const withStore = async <T>(options: StoreOptions, io: CliIo, work: (opened: OpenStore) => Promise<T>): Promise<T> => {
  const opened = await openStore(options, io);
  try {
    return await work(opened);
  } finally {
    await opened.close().catch(() => undefined);
  }
};
