import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

describe("the README's embedding example", () => {
  it('files a grievance through the service on PGlite and verifies its stream', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'laborcase-embedding-'));
    try {
      const env = { ...process.env, LABORCASE_DATA: join(parent, 'store') };
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--conditions=@laborcase/source', '--import', 'tsx', 'examples/embedding.ts'], {
        timeout: 90_000,
        env,
      });
      expect(stderr).not.toMatch(/Invalid|Error/);
      expect(stdout).toMatch(/deadlineId: 'G-25-001\/step-1\/meet'|G-25-001\//);
      expect(stdout).toMatch(/ok: true/);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
