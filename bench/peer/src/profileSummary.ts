/**
 * Where a child's CPU time went, from the `.cpuprofile` files `bench:peer --cpu-prof-dir <dir>` leaves: self time
 * per function and per package, as JSON.
 *
 *   npx tsx bench/peer/src/profileSummary.ts <dir>/laborcase-postgres-r1.cpuprofile [--top 20]
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

/** The parts of V8's `.cpuprofile` JSON read here. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly selfMs: number;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly SelfTime[];
  readonly packages: readonly SelfTime[];
}

/** The package a script belongs to: a workspace package, a dependency, Node itself, or V8's own entries. */
export const packageOf = (url: string): string => {
  if (url === '') return '(v8: gc, idle, program, native)';
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency !== null) return dependency[1] as string;
  const workspace = /\/packages\/([^/]+)\/src\//.exec(url);
  if (workspace !== null) return `@laborcase/${workspace[1]}`;
  return /\/bench\//.test(url) ? 'bench' : url;
};

const shortLocation = (frame: CallFrame): string => {
  const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|packages|bench)\//, '$1/');
  // Line and column in the code as run: tsx's transpiled output for TypeScript sources, so the column tells functions apart.
  return file === '' ? '' : ` ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
};

const ranked = (totals: ReadonlyMap<string, number>, totalMs: number, top: number): SelfTime[] =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({ name, selfMs: Math.round(micros / 1000), percent: Math.round((micros / 10 / totalMs) * 10) / 10 }));

export const summarizeProfile = (profile: CpuProfile, top: number): ProfileSummary => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (frame === undefined) return;
    total += micros;
    const name = `${frame.functionName || '(anonymous)'}${shortLocation(frame)}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  });
  const totalMs = total / 1000;
  return { totalMs: Math.round(totalMs), functions: ranked(functions, totalMs, top), packages: ranked(packages, totalMs, top) };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, flag, count] = process.argv.slice(2);
  const top = flag === '--top' ? Number(count) : 20;
  if (file === undefined || !Number.isInteger(top) || top < 1) {
    process.stderr.write('usage: profileSummary.ts <file.cpuprofile> [--top N]\n');
    process.exit(2);
  }
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${JSON.stringify(summarizeProfile(profile, top), null, 2)}\n`);
}
