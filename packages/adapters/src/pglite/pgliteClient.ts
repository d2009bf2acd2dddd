import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from '../sql/client.js';
import { lockDataFolder } from './folderLock.js';
import { initdbInChild, needsInitdb } from './initdbInChild.js';

/** What the store runs queries on: a PGlite instance or one of its transactions. */
export interface PGliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<{ readonly rows: Row[] }>;
}

/**
 * The part of an open PGlite instance the store uses. Declared here, structurally, rather than as PGlite's own
 * class: PGlite's declarations need the DOM and Emscripten typings, which users of this package would otherwise
 * have to install to type-check with `skipLibCheck: false`. A `PGlite` instance fits it.
 */
export interface PGliteDatabase extends PGliteQueryable {
  transaction<T>(work: (tx: PGliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly closed: boolean;
}

const executor = (target: PGliteQueryable): SqlExecutor => ({
  async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await target.query<Row>(text, params as unknown[]);
    return result.rows;
  },
});

/**
 * PGlite's defaults with a smaller buffer cache: its files already sit in the OS page cache (on a folder) or in
 * JavaScript memory (in memory), so PostgreSQL's 128 MB default cache mostly holds second copies. 32 MB keeps
 * hot streams and indexes cached; the resident size of an open store drops by about 100 MB.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

export interface PGliteClientOptions {
  /** Folder for the database files (created with its parents if missing); omitted: in memory only. */
  readonly dataDir?: string;
  /** Or an open PGlite instance, which `close` leaves open. */
  readonly db?: PGliteDatabase;
}

/**
 * A `SqlClient` over PGlite: PostgreSQL compiled to WebAssembly, in this process, one connection.
 * PGlite serialises queries and transactions itself. No `listen`: only this process can write.
 */
export const createPGliteClient = async (options: PGliteClientOptions): Promise<SqlClient> => {
  const owns = options.db === undefined;
  // PGlite creates only the last folder of the path; the demo's `.data/laborcase` needs its parents too.
  const folder = owns && options.dataDir !== undefined && !options.dataDir.includes('://') ? options.dataDir : undefined;
  let unlock: (() => Promise<void>) | undefined;
  if (folder !== undefined) {
    await mkdir(folder, { recursive: true });
    // PGlite itself does not lock its folder: a second opener's writes would be acknowledged, then lost.
    unlock = await lockDataFolder(folder);
  }
  let db: PGliteDatabase;
  try {
    if (folder !== undefined && (await needsInitdb(folder))) await initdbInChild(folder);
    db = options.db ?? (await PGlite.create({ ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }), startParams: START_PARAMS }));
  } catch (error) {
    await unlock?.();
    throw error;
  }
  const base = executor(db);
  return {
    dialect: 'pglite',
    query: base.query,
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    async close() {
      try {
        if (owns && !db.closed) await db.close();
      } finally {
        await unlock?.();
        unlock = undefined;
      }
    },
  };
};
