import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

describe('README demo', () => {
  it('files, answers, appeals and verifies a toy grievance, and spots the tampered answer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'laborcase-demo-'));
    // The README's default: embedded PGlite on a local folder, whatever PG_URL the test run has.
    const env = { ...process.env, DEMO_DATA_DIR: join(dataDir, 'store'), PG_URL: '' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@laborcase/source', '--import', 'tsx', 'examples/demo.ts'], { timeout: 60_000, env }).finally(() =>
      rm(dataDir, { recursive: true, force: true }),
    );
    expect(stdout).toMatch(/store: pglite: PGlite in /);
    expect(stdout).toMatch(/appeal after closure → rejected \(NotOpen/);
    expect(stdout).toMatch(/verifyStream: \{\s+ok: true,\s+checked: 5/);
    expect(stdout).toMatch(/ok: false,[\s\S]*index: 1,[\s\S]*reason: 'content-altered'/);
  });
});
