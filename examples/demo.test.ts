import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const runDemo = async (dataDir: string): Promise<string> => {
  // The README's default: embedded PGlite on a local folder, whatever PG_URL the test run has.
  const env = { ...process.env, PG_URL: '', DEMO_DATA_DIR: dataDir };
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@laborcase/source', '--import', 'tsx', 'examples/demo.ts'], { timeout: 90_000, env });
  return stdout;
};

const expectCaseG26_004 = (stdout: string): void => {
  expect(stdout).toMatch(/2026-01-13 +v0 +GrievanceFiled +ecea\.grievance-chair \(association-rep\) +class of 41, Art\. 17 Schedules & Workload; filed at step-2/);
  expect(stdout).toMatch(/2026-01-14 +v6 +DeadlineScheduled .* step-2\/answer due 2026-02-05 \(management; 10 school days from 2026-01-21, calendar v1\)/);
  expect(stdout).toMatch(/2026-01-27 +calendar +EmergencyClosureDeclared +ecps\.superintendent \(superintendent\) +emergency closure 2026-01-27 \(Snow, schoolsAndOffices\) → calendar v2/);
  expect(stdout).toMatch(/2026-01-27 +v7 +DeadlineRecalculated +calendar-deadline-recalculation \(process-manager\) +step-2\/answer due 2026-02-05 → 2026-02-06 \(calendar v2\)/);
  expect(stdout).toMatch(/2026-02-06 +v9 +StepAnswered .* step-2 denied \(on time\)/);
  expect(stdout).toMatch(/2026-05-28 +v18 +GrievanceClosed +aaa\.r-delgado \(arbitrator\) +awardSustainedInPart, resolved at arbitration/);
  expect(stdout).toMatch(/final state: closed, awardSustainedInPart, resolved at arbitration on 2026-05-28/);
  expect(stdout).toMatch(/calendar process manager: moved 1 deadline\(s\); run again: 0 event\(s\) appended/);
  expect(stdout).toMatch(/calendar-ecps-2025-26: ok, 2 events/);
  expect(stdout).toMatch(/agreement-ecea-2024-2027: ok, 7 events/);
  expect(stdout).toMatch(/grievance-G-26-004: ok, 19 events/);
  expect(stdout).toMatch(/flipped to "granted": broken at v9: content-altered/);
};

describe('README demo (pnpm demo)', () => {
  it('records case G-26-004 on PGlite, keeps the folder, and reads the case back on a second run', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'laborcase-demo-'));
    const dataDir = join(parent, 'store');
    try {
      const first = await runDemo(dataDir);
      expect(first).toContain(`store: pglite: PGlite in ${dataDir}`);
      expectCaseG26_004(first);
      expect(first).toContain(`The events stay in ${dataDir}; to start over: rm -rf ${dataDir}`);
      await access(dataDir);

      const second = await runDemo(dataDir);
      expect(second).toMatch(/G-26-004 is already recorded in this store \(an earlier run\): reading it back/);
      expectCaseG26_004(second);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
