/**
 * The `laborcase` bin as a shell runs it: a child process of node on packages/cli/src/bin.ts (through tsx, so the
 * tests need no build), with PG_URL cleared unless the arguments name a server.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../architecture/sources.js';

const run = promisify(execFile);

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const command = (argv: readonly string[]): [string, string[]] => [
  process.execPath,
  ['--conditions=@laborcase/source', '--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts'), ...argv],
];

// cwd is the repository root, where tsx resolves from.
const options = { cwd: ROOT, env: { ...process.env, PG_URL: '' } };

export const runBin = async (...argv: string[]): Promise<Ran> => {
  const [file, args] = command(argv);
  try {
    const { stdout, stderr } = await run(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** The bin started and left running, for tests that signal it. */
export const spawnBin = (...argv: string[]): ChildProcessWithoutNullStreams => {
  const [file, args] = command(argv);
  return spawn(file, args, options);
};
