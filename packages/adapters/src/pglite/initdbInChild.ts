import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Whether `folder` holds no PostgreSQL cluster yet (PGlite would run initdb on opening it). */
export const needsInitdb = async (folder: string): Promise<boolean> =>
  access(join(folder, 'PG_VERSION')).then(
    () => false,
    () => true,
  );

/** The child's whole program: open (which runs initdb on an empty folder) and close. */
const CHILD_PROGRAM = `
const [pglitePath, dataDir] = process.argv.slice(1);
require(pglitePath).PGlite.create({ dataDir }).then((db) => db.close()).then(
  () => process.exit(0),
  (error) => { console.error(error && error.stack || String(error)); process.exit(1); },
);`;

/**
 * Create the PostgreSQL cluster of an empty PGlite folder in a short-lived child process. PGlite's initdb grows
 * its WebAssembly memory to about 800 MB, and WebAssembly memory never shrinks: done in this process, that
 * would stay resident for the process's lifetime. Opening the initialised folder here afterwards costs about
 * 350 MB instead (PGlite's own footprint, most of it shared_buffers and its in-memory file system).
 */
export const initdbInChild = async (folder: string): Promise<void> => {
  const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['-e', CHILD_PROGRAM, pglitePath, folder], { timeout: 300_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`PGlite initdb in ${folder} failed: ${stderr.trim() || error.message}`, { cause: error }));
    });
  });
};
