/**
 * Issue 10, item 2: a PGlite data folder has one owner. A second opener (another store in this process, or
 * another process) is refused with `DataFolderLocked` naming the folder and the holder, instead of having its
 * appends acknowledged and then lost; a lock left by a crashed process (its pid no longer running) is taken over.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { DataFolderLocked, PGLITE_LOCK_FILE, createPGliteEventStore } from '@laborcase/adapters';
import { NO_STREAM } from '@laborcase/core';
import { collect, filed, rejection, toyRegistry } from '@laborcase/core/adapter-kit';

const clock = () => new Date('2026-03-02T09:00:00.000Z');

/** A pid that certainly belongs to no running process: a child that has already exited. */
const deadPid = async (): Promise<number> => {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
};

describe('PGlite data folder lock', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'laborcase-lock-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a second store on the same folder in this process, naming the folder and the holder; reopens after close', async () => {
    const dataDir = join(root, 'same-process');
    const first = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    const error = await rejection(createPGliteEventStore({ dataDir, registry: toyRegistry, clock }));
    expect(error).toBeInstanceOf(DataFolderLocked);
    expect(error).toMatchObject({ code: 'DataFolderLocked', folder: dataDir, holderPid: process.pid });
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toContain(String(process.pid));
    // The first store is untouched and keeps what it acknowledges.
    const streamId = `s-${uuid()}`;
    await first.append(streamId, [filed()], { expectedVersion: NO_STREAM });
    await first.close();
    await expect(access(join(dataDir, PGLITE_LOCK_FILE))).rejects.toThrow();
    const again = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    expect(await collect(again.readStream(streamId))).toHaveLength(1);
    await again.close();
  });

  it('refuses a folder held by another running process', async () => {
    const dataDir = join(root, 'other-process');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const seed = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
      await seed.close();
      await writeFile(join(dataDir, PGLITE_LOCK_FILE), JSON.stringify({ pid: holder.pid, hostname: hostname(), since: new Date().toISOString() }));
      const error = await rejection(createPGliteEventStore({ dataDir, registry: toyRegistry, clock }));
      expect(error).toBeInstanceOf(DataFolderLocked);
      expect(error).toMatchObject({ folder: dataDir, holderPid: holder.pid });
      // The holder's lock is left alone.
      expect(JSON.parse(await readFile(join(dataDir, PGLITE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder.pid });
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a process that died, and an unreadable lock file is refused, not ignored', async () => {
    const dataDir = join(root, 'stale');
    const seed = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    await seed.close();
    const pid = await deadPid();
    await writeFile(join(dataDir, PGLITE_LOCK_FILE), JSON.stringify({ pid, hostname: hostname(), since: new Date().toISOString() }));
    const store = await createPGliteEventStore({ dataDir, registry: toyRegistry, clock });
    expect(JSON.parse(await readFile(join(dataDir, PGLITE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();

    await writeFile(join(dataDir, PGLITE_LOCK_FILE), 'garbage');
    const error = await rejection(createPGliteEventStore({ dataDir, registry: toyRegistry, clock }));
    expect(error).toBeInstanceOf(DataFolderLocked);
    expect(error).toMatchObject({ folder: dataDir, holderPid: undefined });
  });
});
