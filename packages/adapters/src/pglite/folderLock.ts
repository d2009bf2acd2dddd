import { randomUUID } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EventStoreError } from '@laborcase/core';

/** The lock file a PGlite event store keeps in its data folder while it is open. */
export const PGLITE_LOCK_FILE = 'laborcase.lock';

/**
 * Another store holds the PGlite data folder (another process, or another store in this process). Nothing was
 * opened. `holderPid` is the holder's process id, `undefined` when the lock file cannot be read (remove it by
 * hand once sure that no process uses the folder).
 */
export class DataFolderLocked extends EventStoreError {
  readonly code = 'DataFolderLocked' as const;
  constructor(
    readonly folder: string,
    readonly holderPid: number | undefined,
    readonly lockFile: string,
    detail: string,
  ) {
    super(`PGlite data folder ${folder} is in use: ${detail} (lock file ${lockFile})`);
  }
}

interface LockContent {
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
  readonly token?: string;
}

const parseLock = (text: string): LockContent | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, hostname: host, since } = value as Record<string, unknown>;
    if (!(typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0) || typeof host !== 'string' || typeof since !== 'string') return undefined;
    return value as LockContent;
  } catch {
    return undefined;
  }
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Take the folder's lock: a file holding this process's pid, created atomically (written aside, then hard-linked
 * into place, which fails if it exists). A lock whose pid no longer runs on this host is stale (a crash) and
 * is taken over; a live holder, a holder on another host or an unreadable lock file is `DataFolderLocked`.
 * Resolves to the release function.
 */
export const lockDataFolder = async (folder: string): Promise<() => Promise<void>> => {
  const lockFile = join(folder, PGLITE_LOCK_FILE);
  const token = randomUUID();
  const mine: LockContent = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), token };
  const aside = `${lockFile}.${token}`;
  await writeFile(aside, JSON.stringify(mine), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(aside, lockFile);
        return async () => {
          // Remove only our own lock: never one a later owner took over.
          const current = await readFile(lockFile, 'utf8').catch(() => '');
          if (parseLock(current)?.token === token) await unlink(lockFile).catch(() => undefined);
        };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const text = await readFile(lockFile, 'utf8').catch((error: unknown) => (errorCode(error) === 'ENOENT' ? undefined : ''));
      if (text === undefined) continue; // released meanwhile: try again
      const holder = parseLock(text);
      if (holder === undefined) throw new DataFolderLocked(folder, undefined, lockFile, 'its lock file is unreadable; delete it if no process uses the folder');
      if (holder.hostname !== hostname()) {
        throw new DataFolderLocked(folder, holder.pid, lockFile, `held by process ${holder.pid} on host ${holder.hostname} since ${holder.since}`);
      }
      if (isRunning(holder.pid)) {
        const who = holder.pid === process.pid ? `another store in this process (${holder.pid})` : `process ${holder.pid}`;
        throw new DataFolderLocked(folder, holder.pid, lockFile, `held by ${who} since ${holder.since}`);
      }
      // Stale: its process is gone (a crash). Remove it and try again.
      await unlink(lockFile).catch(() => undefined);
    }
    throw new DataFolderLocked(folder, undefined, lockFile, 'the lock changed hands while opening; try again');
  } finally {
    await unlink(aside).catch(() => undefined);
  }
};
