/**
 * The `laborcase` command on a PGlite folder holding case G-26-004 (seeded through the services): most commands
 * in-process through `runCli` with a captured io, and the real bin as a child process for the exit codes and
 * output a shell sees.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey } from '@laborcase/core/transparency';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import { EXIT, runCli, type CliIo } from '@laborcase/cli';
import { DEFAULT_REBUILD_BATCH_SIZE } from '@laborcase/projections';
import { runBin, type Ran } from './bin.js';
import { seedG26_004 } from './seed.js';
import { ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';

const ORIGIN = 'ecps.example/labor-relations';

let dir: string;
let dataDir: string;

const cli = (...argv: string[]): Promise<Ran> => cliWith({}, ...argv);

const cliWith = async (extra: Partial<CliIo>, ...argv: string[]): Promise<Ran> => {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    clock: () => new Date('2026-06-01T12:00:00Z'),
    cwd: dir,
    interactive: false,
    ...extra,
  };
  const code = await runCli(['--data-dir', dataDir, ...argv], io);
  return { code, stdout, stderr };
};

/** The real bin, as a shell runs it, on the seeded folder. */
const bin = (...argv: string[]): Promise<Ran> => runBin('--data-dir', dataDir, ...argv);

const answerDeadline = (timelineJson: string): unknown => {
  const state = (JSON.parse(timelineJson) as { state: { deadlines: { deadlineId: string; dueOn: string }[] } }).state;
  return state.deadlines.find((d) => d.deadlineId === 'G-26-004/step-2/answer')?.dueOn;
};

const writeKeyFiles = (): { logKey: string; keys: string; witnesses: { key: string; state: string }[] } => {
  const log = generateNoteKey(ORIGIN, 'log');
  const association = generateNoteKey('ecea.example/witness', 'cosigner');
  const district = generateNoteKey('ecps.example/witness', 'cosigner');
  writeFileSync(join(dir, 'log.key'), log.signerKey);
  writeFileSync(join(dir, 'log.pub'), log.verifierKey);
  writeFileSync(join(dir, 'ecea.key'), association.signerKey);
  writeFileSync(join(dir, 'ecps.key'), district.signerKey);
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ origin: ORIGIN, log: log.verifierKey, witnesses: [association.verifierKey, district.verifierKey], quorum: 2 }));
  return {
    logKey: 'log.key',
    keys: 'keys.json',
    witnesses: [
      { key: 'ecea.key', state: 'ecea-state.json' },
      { key: 'ecps.key', state: 'ecps-state.json' },
    ],
  };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'laborcase-cli-'));
  dataDir = join(dir, 'pglite');
  await seedG26_004(dataDir);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('laborcase timeline', () => {
  it('shows G-26-004 on 2026-02-01 with the Step 2 answer due 2/6 under calendar v2, and 2/5 as known before the snow day was taken in', async () => {
    const now = await cli('timeline', 'grievance-G-26-004', '--as-effective-on', '2026-02-01', '--format', 'json');
    expect(now.code).toBe(EXIT.ok);
    expect(answerDeadline(now.stdout)).toBe('2026-02-06');
    const entries = (JSON.parse(now.stdout) as { entries: { type: string; recordedAt: string; dueDates: { rule: string }[] }[] }).entries;
    const recalculated = entries.find((e) => e.type === 'DeadlineRecalculated');
    expect(recalculated?.dueDates[0]?.rule).toMatch(/v2$/);
    expect(entries.some((e) => e.type === 'StepAnswered')).toBe(false); // answered 2026-02-06, after the date asked

    const before = new Date(Date.parse(recalculated!.recordedAt) - 1).toISOString();
    const then = await cli('timeline', 'grievance-G-26-004', '--as-effective-on', '2026-02-01', '--as-known-at', before, '--format', 'json');
    expect(then.code).toBe(EXIT.ok);
    expect(answerDeadline(then.stdout)).toBe('2026-02-05');
  });

  it('prints who recorded each fact, in text and CSV', async () => {
    const text = await cli('timeline', 'grievance-G-26-004');
    expect(text.stdout).toMatch(/GrievanceFiled\s+ecea\.grievance-chair \(association-rep\)/);
    expect(text.stdout).toMatch(/DeadlineRecalculated\s+calendar-deadline-recalculation \(process-manager\)\s+G-26-004\/step-2\/answer due 2026-02-06/);
    expect(text.stdout).toMatch(/state \(grievance\):\n\{\n\s+"status": "closed"/);
    const csv = await cli('timeline', 'grievance-G-26-004', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('streamVersion,effectiveOn,recordedAt,type,actorId,role,onBehalfOf,status,relatedEventId,dueDates,eventId');
  });

  it('names the option for a malformed date (exit 2) and the stream for an unknown one (exit 1), in one line', async () => {
    const badDate = await cli('timeline', 'grievance-G-26-004', '--as-effective-on', '2026-02-30');
    expect([badDate.code, badDate.stderr]).toEqual([EXIT.usage, 'laborcase: --as-effective-on: must be a date YYYY-MM-DD, got "2026-02-30"\n']);
    const unknown = await cli('timeline', 'grievance-G-99-999');
    expect(unknown.code).toBe(EXIT.problem);
    expect(unknown.stderr).toMatch(/^laborcase: stream grievance-G-99-999: no events; check the stream id/);
    expect(unknown.stderr.split('\n')).toHaveLength(2);
  });
});

describe('laborcase checkpoints and verify', () => {
  it('signs, cosigns by both parties, verifies the log and an offline bundle, then names a tampered event', async () => {
    const files = writeKeyFiles();
    expect((await cli('checkpoint', 'sign', '--key', files.logKey, '--out', 'cp.0')).code).toBe(EXIT.ok);
    let note = 'cp.0';
    for (const [i, witness] of files.witnesses.entries()) {
      const cosigned = await cli('checkpoint', 'cosign', note, '--key', witness.key, '--log-key', 'log.pub', '--state', witness.state, '--out', `cp.${i + 1}`);
      expect([cosigned.code, cosigned.stderr]).toEqual([EXIT.ok, '']);
      note = `cp.${i + 1}`;
    }
    writeFileSync(join(dir, 'garbled-state.json'), '{ not json');
    const garbled = await cli('checkpoint', 'cosign', 'cp.0', '--key', files.witnesses[0]!.key, '--log-key', 'log.pub', '--state', 'garbled-state.json');
    expect([garbled.code, garbled.stderr]).toEqual([EXIT.file, 'laborcase: --state garbled-state.json: must be a JSON object keyed by origin\n']);
    // A witness that remembers another tree of the same size refuses: to it, this log is a fork.
    const size = Number(/tree size: (\d+)/.exec((await cli('checkpoint', 'show', 'cp.0')).stdout)?.[1]);
    writeFileSync(join(dir, 'forked-state.json'), JSON.stringify({ [ORIGIN]: { size, rootHash: '00'.repeat(32) } }));
    const refused = await cli('checkpoint', 'cosign', 'cp.0', '--key', files.witnesses[0]!.key, '--log-key', 'log.pub', '--state', 'forked-state.json');
    expect([refused.code, refused.stderr]).toEqual([EXIT.problem, expect.stringMatching(/^laborcase: checkpoint cosign: ecea\.example\/witness refuses to cosign: a different tree of the same size \d+ \(a fork\)\n$/)]);
    const shown = await cli('checkpoint', 'show', note);
    expect(shown.stdout).toMatch(new RegExp(`^origin: ${ORIGIN}\ntree size: \\d+\n`));
    expect(shown.stdout.match(/signed by/g)).toHaveLength(3);

    const verified = await cli('verify', '--checkpoint', note, '--keys', files.keys);
    expect([verified.code, verified.stderr]).toEqual([EXIT.ok, '']);
    expect(verified.stdout).toMatch(/log consistent with the checkpoint: \d+ events, cosigned by ecea\.example\/witness, ecps\.example\/witness/);

    expect((await cli('proof', 'grievance-G-26-004', '--checkpoint', note, '--out', 'bundle.json')).code).toBe(EXIT.ok);
    const bundle = await cli('verify-bundle', 'bundle.json', '--keys', files.keys);
    expect([bundle.code, bundle.stdout]).toEqual([EXIT.ok, expect.stringMatching(/^bundle ok: \d+ event\(s\) of grievance-G-26-004/)]);
    const forged = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as { entries: { event: { data: Record<string, unknown> } }[] };
    forged.entries[0]!.event.data['memberCount'] = 4;
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    expect((await cli('verify-bundle', 'forged.json', '--keys', files.keys)).code).toBe(EXIT.problem);

    // A superuser flips the Step 2 answer behind the append-only guard.
    const client = await createPGliteClient({ dataDir });
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE laborcase.events SET data = jsonb_set(data, '{disposition}', '"granted"') WHERE stream_id = 'grievance-G-26-004' AND type = 'StepAnswered'`);
    } finally {
      await client.close();
    }
    const tampered = await cli('verify');
    expect(tampered.code).toBe(EXIT.problem);
    expect(tampered.stdout).toMatch(/^FAILED: stream grievance-G-26-004 broken at version \d+ \(event [0-9a-f-]+\): content-altered/);
  }, 120_000);

  it('rejects a keys file naming the bad field, and a checkpoint without keys as a usage error', async () => {
    writeFileSync(join(dir, 'bad-keys.json'), JSON.stringify({ origin: ORIGIN, log: 'not a key' }));
    writeFileSync(join(dir, 'any.note'), 'x');
    const badKeys = await cli('verify-bundle', 'bundle.json', '--keys', 'bad-keys.json');
    expect([badKeys.code, badKeys.stderr]).toEqual([EXIT.file, expect.stringMatching(/^laborcase: --keys bad-keys\.json: log is not a verifier key/)]);
    const noKeys = await cli('verify', '--checkpoint', 'any.note');
    expect([noKeys.code, noKeys.stderr]).toEqual([EXIT.usage, 'laborcase: --keys: required with --checkpoint (the keys you trust)\n']);
  });
});

describe('laborcase reports', () => {
  it('writes every read-model report as JSON with its stamp, and CSV rows', async () => {
    const names = ['open-cases', 'time-to-resolution', 'deadline-compliance', 'upcoming-deadlines', 'recurring-topics', 'arbitration', 'bargaining-board', 'er-funnel'];
    for (const name of names) {
      const json = await cli('report', name, '--as-effective-on', '2026-02-01', '--format', 'json');
      expect([name, json.code, json.stderr]).toEqual([name, EXIT.ok, '']);
      expect(JSON.parse(json.stdout)).toMatchObject({ stamp: { asEffectiveOn: '2026-02-01', asKnownAt: null } });
    }
    const open = await cli('report', 'open-cases', '--as-effective-on', '2026-02-01', '--format', 'csv', '--out', 'open.csv');
    expect(open.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'open.csv'), 'utf8')).toMatch(/schedules-workload/);
    const unknown = await cli('report', 'everything');
    expect([unknown.code, unknown.stderr]).toEqual([EXIT.usage, expect.stringMatching(/^laborcase: <name>: unknown report "everything"; one of open-cases,/)]);
    expect(unknown.stderr).toContain(names.join(', '));
    const board = await cli('report', 'board', '--as-effective-on', '2026-02-01', '--format', 'html', '--out', 'board.html');
    expect([board.code, board.stderr]).toEqual([EXIT.ok, '']);
    expect(readFileSync(join(dir, 'board.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg/i);
    const notHtml = await cli('report', 'open-cases', '--format', 'html');
    expect([notHtml.code, notHtml.stderr]).toEqual([EXIT.usage, expect.stringMatching(/--format/)]);
    const boardAsJson = await cli('report', 'board');
    expect(boardAsJson.code).toBe(EXIT.usage);
  });

  it('lists the deadlines due and who owes them', async () => {
    const due = await cli('deadlines', '--today', '2026-01-28', '--within', '10', '--as-effective-on', '2026-01-28');
    expect(due.code).toBe(EXIT.ok);
    expect(due.stdout).toMatch(/2026-02-06\s+G-26-004\s+G-26-004\/step-2\/answer\s+answer at step-2: owed by management/);
  });
});

describe('laborcase rebuild', () => {
  it('rebuilds a read model into its SQL tables and reports the figures', async () => {
    const rebuilt = await cli('rebuild', 'open-cases');
    expect([rebuilt.code, rebuilt.stderr]).toEqual([EXIT.ok, '']);
    expect(rebuilt.stdout).toMatch(/^rebuilt open_cases v\d+: \d+ event\(s\) in \d+ ms \(\d+ events\/s\), now live\n$/);
  });

  it('stops cleanly when interrupted: exit 130, one line, and a later rebuild still works', async () => {
    const interrupt = new AbortController();
    interrupt.abort();
    const stopped = await cliWith({ interrupt: interrupt.signal }, 'rebuild', 'time-to-resolution');
    expect([stopped.code, stopped.stderr]).toEqual([EXIT.interrupted, 'laborcase: rebuild of time-to-resolution cancelled: the live read model is unchanged; run it again to rebuild\n']);
    expect((await cli('rebuild', 'time-to-resolution')).code).toBe(EXIT.ok);
    const unknown = await cli('rebuild', 'everything');
    expect(unknown.code).toBe(EXIT.usage);
  });

  it("its help names the runtime's own default batch size", async () => {
    const help = await cli('rebuild', '--help');
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain(`(default ${DEFAULT_REBUILD_BATCH_SIZE.toLocaleString('en-US')})`);
    expect(DEFAULT_REBUILD_BATCH_SIZE).toBe(5_000);
  });
});

describe('laborcase import', () => {
  it('imports a calendar through the service, and rejects a malformed one naming its line and field, recording nothing', async () => {
    const fresh = join(dir, 'import-pglite');
    const document = JSON.parse(JSON.stringify(ecpsCalendar2025_26Document)) as { holidays: { date: string }[] };
    document.holidays[2]!.date = '2025-13-45';
    const text = JSON.stringify(document, null, 2);
    writeFileSync(join(dir, 'bad-calendar.json'), text);
    const expectedLine = text.split('\n').findIndex((line) => line.includes('2025-13-45')) + 1;
    const rejected = await cli('--data-dir', fresh, 'import', 'calendar', 'bad-calendar.json', '--actor', 'ecps.board-secretary', '--role', 'board-of-education');
    expect(rejected.code).toBe(EXIT.problem);
    expect(rejected.stderr).toMatch(new RegExp(`^laborcase: bad-calendar\\.json:${expectedLine}: holidays\\.2\\.date: .*nothing was recorded\\n$`));
    expect((await cli('--data-dir', fresh, 'verify')).stdout).toBe('chains ok: 0 stream(s), 0 event(s)\n');

    writeFileSync(join(dir, 'calendar.json'), JSON.stringify(ecpsCalendar2025_26Document, null, 2));
    const imported = await cli('--data-dir', fresh, 'import', 'calendar', 'calendar.json', '--actor', 'ecps.board-secretary', '--role', 'board-of-education');
    expect([imported.code, imported.stderr, imported.stdout]).toEqual([EXIT.ok, '', 'imported calendar calendar.json: 1 event(s) recorded in calendar-ecps-2025-26\n']);
    writeFileSync(join(dir, 'broken.json'), '{\n  "districtId": "ecps",\n  oops\n}');
    const notJson = await cli('--data-dir', fresh, 'import', 'agreement', 'broken.json', '--actor', 'x', '--role', 'labor-relations');
    expect([notJson.code, notJson.stderr]).toEqual([EXIT.problem, expect.stringMatching(/^laborcase: broken\.json:3: not JSON: /)]);
  }, 60_000);
});

describe('the laborcase bin, run as a shell runs it', () => {
  it('prints help for every command and exits 0; a usage error exits 2', async () => {
    const help = await bin('timeline', '--help');
    expect([help.code, help.stderr, help.stdout]).toEqual([0, '', expect.stringMatching(/Usage: laborcase timeline \[options\] <stream>/)]);
    const missing = await bin('timeline');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/missing required argument 'stream'/);
  }, 60_000);

  it('answers the auditor: the timeline as of a date, a stream chain verified (exit 0), an unreachable server (exit 3)', async () => {
    const timeline = await bin('timeline', 'grievance-G-26-004', '--as-effective-on', '2026-02-01');
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toMatch(/G-26-004\/step-2\/answer due 2026-02-06 \(10 school days, calendar-ecps-2025-26 v2\)/);
    const verify = await bin('verify', '--stream', 'calendar-ecps-2025-26');
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringMatching(/^chains ok: 1 stream\(s\)/)]);
    const unavailable = await bin('--pg-url', 'postgres://nobody@127.0.0.1:1/none', 'verify');
    expect(unavailable.code).toBe(EXIT.storeUnavailable);
    expect(unavailable.stderr).toMatch(/^laborcase: store unavailable \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\): .*check --pg-url/);
    expect(unavailable.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

const pgUrl = process.env['PG_URL'];
(pgUrl === undefined || pgUrl === '' ? describe.skip : describe)('the laborcase bin on PostgreSQL (PG_URL)', () => {
  const schema = `cli_${process.pid}`;
  const onPg = (...argv: string[]): Promise<Ran> => bin('--pg-url', pgUrl!, '--schema', schema, ...argv);

  beforeAll(() => seedG26_004({ pgUrl: pgUrl!, schema }), 120_000);
  afterAll(async () => {
    const client = createPgClient({ connectionString: pgUrl! });
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.close();
  });

  it('shows the timeline as of 2026-02-01 and verifies every chain', async () => {
    const timeline = await onPg('timeline', 'grievance-G-26-004', '--as-effective-on', '2026-02-01', '--format', 'json');
    expect([timeline.code, timeline.stderr]).toEqual([0, '']);
    expect(answerDeadline(timeline.stdout)).toBe('2026-02-06');
    const verify = await onPg('verify');
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringMatching(/^chains ok: 3 stream\(s\), \d+ event\(s\)\n$/)]);
  }, 60_000);
});
