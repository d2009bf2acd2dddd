/**
 * Issue 14: PGlite's initdb grows its WebAssembly memory to ~800 MB, which never shrinks. The store runs initdb
 * of a new folder in a child process, so the process that keeps the store open holds only the opened database.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { NO_STREAM } from '@laborcase/core';
import { createPGliteEventStore } from '@laborcase/adapters';
import { collect, toyRegistry, toyStream } from '@laborcase/core/adapter-kit';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'laborcase-pglite-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('opening a new folder leaves this process well under initdb’s footprint, and the folder a working cluster', async () => {
  const dataDir = join(dir, 'events');
  const before = process.memoryUsage().external;
  const store = await createPGliteEventStore({ dataDir, registry: toyRegistry });
  const grown = process.memoryUsage().external - before;
  // initdb in this process: ~660 MB of WebAssembly memory and buffers; the opened database alone: ~150-250 MB.
  expect(grown).toBeLessThan(400 * 1024 * 1024);
  await access(join(dataDir, 'PG_VERSION'));
  const streamId = `s-${uuid()}`;
  const written = await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
  await store.close();
  const reopened = await createPGliteEventStore({ dataDir, registry: toyRegistry });
  expect(await collect(reopened.readStream(streamId))).toEqual(written.events);
  await reopened.close();
}, 300_000);
