import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

describe('ECPS demo (pnpm demo:ecps)', () => {
  it('runs case G-26-004 on PGlite in a temporary folder, prints the timeline and the chain checks, and removes the folder', async () => {
    // The default: embedded PGlite, whatever PG_URL the test run has.
    const env = { ...process.env, PG_URL: '' };
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@laborcase/source', '--import', 'tsx', 'examples/ecps-demo.ts'], { timeout: 60_000, env });

    const folder = /store: pglite: PGlite in (\S+)/.exec(stdout)?.[1];
    expect(folder).toBeDefined();
    await expect(access(folder!)).rejects.toThrow();

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
  });
});
