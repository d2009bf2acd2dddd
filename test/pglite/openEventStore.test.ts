import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { openEventStore } from '@laborcase/adapters';
import { NO_STREAM } from '@laborcase/core';
import { toyRegistry, toyStream } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const clock = () => new Date('2026-03-02T09:00:00.000Z');

describe('openEventStore (the demo default)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'laborcase-open-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('without a PostgreSQL URL opens PGlite on the local folder, creating it, and keeps data there', async () => {
    const dataDir = join(root, 'nested', 'data');
    const streamId = `grievance-${uuid()}`;
    const opened = await openEventStore({ registry: toyRegistry, clock, pgUrl: '', dataDir });
    expect(opened).toMatchObject({ backend: 'pglite', location: `PGlite in ${dataDir}` });
    await opened.store.append(streamId, toyStream(2), { expectedVersion: NO_STREAM });
    await opened.store.close();
    expect((await stat(dataDir)).isDirectory()).toBe(true);
    const reopened = await openEventStore({ registry: toyRegistry, clock, dataDir });
    expect(await reopened.store.streamVersion(streamId)).toBe(1);
    await reopened.store.close();
  });
});

describeWithPostgres('openEventStore with PG_URL', (schemaFor) => {
  it('opens PostgreSQL and never shows the password', async () => {
    const url = new URL(PG_URL as string);
    url.password = 'secret-password';
    const schema = schemaFor('open');
    // The server trusts loopback connections, so the dummy password does not matter.
    const opened = await openEventStore({ registry: toyRegistry, clock, pgUrl: url.toString(), schema });
    expect(opened.backend).toBe('postgres');
    expect(opened.location).not.toContain('secret-password');
    expect(await opened.store.streamVersion(`grievance-${uuid()}`)).toBe(NO_STREAM);
    await opened.store.close();
  });
});
