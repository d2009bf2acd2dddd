import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

describe('README demo', () => {
  it('files, answers, appeals and verifies a toy grievance, and spots the tampered answer', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { timeout: 60_000 });
    expect(stdout).toMatch(/appeal after closure → rejected \(NotOpen/);
    expect(stdout).toMatch(/verifyStream: \{\s+ok: true,\s+checked: 5/);
    expect(stdout).toMatch(/ok: false,[\s\S]*index: 1,[\s\S]*reason: 'content-altered'/);
  });
});
