/**
 * The packages as a user gets them: build them all once (`pnpm -r build`), `pnpm pack` every publishable one,
 * install the tarballs with plain npm into a scratch project outside the workspace (dependencies from the npm
 * registry), then, in that project:
 * - run test/pack/consumer/fileGrievance.mjs: a grievance filed on PGlite in a real folder and its chain verified,
 *   through the public API only; then the installed `laborcase` bin verifies that folder;
 * - run the store contract suite on Node's own test runner (test/pack/consumer/contract.node-test.mjs);
 * - type-check test/pack/consumer/consumer.ts and an import of every entry point (strict, NodeNext,
 *   skipLibCheck false);
 * - check that nothing installed declares a Node range narrower than the one the packages promise.
 *
 * Set KEEP_PACK_SCRATCH=1 to keep the scratch folder (its path is printed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { ROOT, readJson, workspacePackages, type Manifest } from '../architecture/sources.js';

const run = promisify(execFile);
const MINUTE = 60_000;
const CONSUMER_DIR = join(ROOT, 'test', 'pack', 'consumer');

/** pnpm as the test command was started (`npx -y pnpm@9.15.9 test` sets npm_execpath), or through npx. */
const pnpm = (args: string[], cwd: string) => {
  const execPath = process.env['npm_execpath'];
  return execPath !== undefined && /pnpm/.test(execPath)
    ? run(process.execPath, [execPath, ...args], { cwd, maxBuffer: 64 << 20 })
    : run('npx', ['-y', 'pnpm@9.15.9', ...args], { cwd, maxBuffer: 64 << 20 });
};

const rootManifest = readJson<{ engines: { node: string }; devDependencies: Record<string, string> }>(join(ROOT, 'package.json'));
const publishable = workspacePackages().filter((pkg) => pkg.manifest.private !== true);
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

interface Scratch {
  readonly dir: string;
  readonly tarballs: Map<string, string>;
  readonly timings: Record<string, number>;
}

const timed = async <T>(timings: Record<string, number>, step: string, work: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[step] = Date.now() - started;
  }
};

/** The packages installed under `dir/node_modules`, nested ones included, with their manifests. */
const installed = (modules: string): { path: string; manifest: Manifest }[] => {
  const out: { path: string; manifest: Manifest }[] = [];
  if (!existsSync(modules)) return out;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const folders = entry.name.startsWith('@')
      ? readdirSync(join(modules, entry.name), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(modules, entry.name, e.name))
      : [join(modules, entry.name)];
    for (const folder of folders) {
      const manifestPath = join(folder, 'package.json');
      if (existsSync(manifestPath)) out.push({ path: folder, manifest: readJson<Manifest>(manifestPath) });
      out.push(...installed(join(folder, 'node_modules')));
    }
  }
  return out;
};

describe('the packed packages, installed with npm outside the workspace', () => {
  let scratch: Scratch;

  beforeAll(async () => {
    const timings: Record<string, number> = {};
    const dir = mkdtempSync(join(tmpdir(), 'laborcase-pack-'));
    const tarballDir = join(dir, 'tarballs');
    const project = join(dir, 'project');
    mkdirSync(tarballDir);
    mkdirSync(project);
    scratch = { dir, tarballs: new Map(), timings };

    await timed(timings, 'build', () => pnpm(['-r', 'build'], ROOT));
    await timed(timings, 'pack', async () => {
      for (const pkg of publishable) {
        const before = new Set(readdirSync(tarballDir));
        await pnpm(['pack', '--pack-destination', tarballDir], pkg.dir);
        const created = readdirSync(tarballDir).filter((name) => !before.has(name));
        expect(created).toHaveLength(1);
        scratch.tarballs.set(pkg.manifest.name, join(tarballDir, created[0]!));
      }
    });

    const dependencies = Object.fromEntries([...scratch.tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'laborcase-pack-scratch',
          private: true,
          type: 'module',
          dependencies,
          // What a TypeScript user of the test kit adds: Node's types and the test kit's optional peer.
          devDependencies: { '@types/node': rootManifest.devDependencies['@types/node'], 'fast-check': rootManifest.devDependencies['fast-check'] },
        },
        null,
        2,
      ),
    );
    cpSync(CONSUMER_DIR, project, { recursive: true });
    await timed(timings, 'npm install', () =>
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--engine-strict'], { cwd: project, maxBuffer: 64 << 20 }),
    );
  }, 20 * MINUTE);

  afterAll(() => {
    if (scratch === undefined) return;
    console.info(`pack-and-install timings (ms): ${JSON.stringify(scratch.timings)}`);
    if (process.env['KEEP_PACK_SCRATCH'] === '1') console.info(`scratch project kept in ${scratch.dir}`);
    else rmSync(scratch.dir, { recursive: true, force: true });
  });

  const project = () => join(scratch.dir, 'project');

  it('packs every publishable package: dist, README and LICENSE only, workspace ranges replaced by versions', async () => {
    expect([...scratch.tarballs.keys()].sort()).toEqual(publishable.map((pkg) => pkg.manifest.name).sort());
    for (const [name, tarball] of scratch.tarballs) {
      const { stdout } = await run('tar', ['-tzf', tarball]);
      const files = stdout.trim().split('\n').map((line) => line.replace(/^package\//, ''));
      const unexpected = files.filter((file) => !/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map))$/.test(file));
      expect([name, unexpected]).toEqual([name, []]);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']));
      const manifest = readJson<Manifest>(join(project(), 'node_modules', name, 'package.json'));
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toMatch(/workspace:/);
    }
  });

  it('installs nothing that declares a narrower Node range than the packages promise', () => {
    const promise = rootManifest.engines.node;
    const narrower = installed(join(project(), 'node_modules'))
      .filter(({ manifest }) => typeof manifest.engines?.['node'] === 'string' && !semver.subset(promise, manifest.engines['node']))
      .map(({ manifest }) => `${manifest.name}@${manifest.version} engines.node ${manifest.engines?.['node']}`);
    expect(narrower).toEqual([]);
    for (const pkg of publishable) expect(readJson<Manifest>(join(project(), 'node_modules', pkg.manifest.name, 'package.json')).engines).toEqual({ node: promise });
  });

  it('files and verifies a grievance on PGlite in a real folder, through the public API', async () => {
    const dataDir = join(scratch.dir, 'pglite-data');
    const { stdout } = await timed(scratch.timings, 'fileGrievance.mjs', () => run(process.execPath, ['fileGrievance.mjs', dataDir], { cwd: project() }));
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as {
      streamId: string;
      types: string[];
      actors: string[];
      verification: { ok: boolean; checked: number };
      tampered: { ok: boolean; reason: string; index: number };
    };
    expect(report.streamId).toBe('grievance-G-25-001');
    expect(report.types[0]).toBe('GrievanceFiled');
    expect(report.types).toContain('StepMeetingScheduled');
    expect(report.actors).toEqual(['ecea.grievance-chair', 'ecps.northwood-principal']);
    expect(report.verification).toMatchObject({ ok: true, checked: report.types.length });
    expect(report.tampered).toEqual({ ok: false, reason: 'content-altered', index: 0 });
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
  }, 5 * MINUTE);

  it('installs the laborcase bin, which verifies the folder fileGrievance.mjs wrote', async () => {
    const dataDir = join(scratch.dir, 'pglite-data');
    const bin = join(project(), 'node_modules', '.bin', 'laborcase');
    const { stdout } = await timed(scratch.timings, 'laborcase verify', () => run(bin, ['--data-dir', dataDir, 'verify'], { cwd: project(), env: { ...process.env, PG_URL: '' } }));
    expect(stdout).toMatch(/^chains ok: [1-9]\d* stream\(s\), [1-9]\d* event\(s\)\n$/);
  }, 5 * MINUTE);

  it('the installed bin copies that folder into another, keeping every hash: the two Merkle roots are equal', async () => {
    const dataDir = join(scratch.dir, 'pglite-data');
    const bin = join(project(), 'node_modules', '.bin', 'laborcase');
    const env = { ...process.env, PG_URL: '' };
    const { stdout } = await timed(scratch.timings, 'laborcase copy', () => run(bin, ['copy', '--from', dataDir, '--to', join(scratch.dir, 'pglite-copy')], { cwd: project(), env }));
    const roots = [...stdout.matchAll(/root ([0-9a-f]{64})/g)].map((m) => m[1]);
    expect(roots).toHaveLength(2);
    expect(roots[1]).toBe(roots[0]);
    expect(stdout).toMatch(/verified: same events, same hashes, same order\n$/);
  }, 5 * MINUTE);

  it('runs the store contract suite on node:test, without jest', async () => {
    const { stdout } = await timed(scratch.timings, 'node --test', () =>
      run(process.execPath, ['--test', '--test-reporter=tap', 'contract.node-test.mjs'], { cwd: project(), maxBuffer: 64 << 20 }),
    );
    const count = (label: string): number => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(stdout)?.[1] ?? Number.NaN);
    expect(count('fail')).toBe(0);
    expect(count('pass')).toBeGreaterThan(40);
  }, 5 * MINUTE);

  it('type-checks a TypeScript consumer of every entry point (strict, NodeNext, skipLibCheck false)', async () => {
    const entryPoints = publishable.flatMap((pkg) =>
      Object.keys(pkg.manifest.exports ?? {}).map((subpath) => (subpath === '.' ? pkg.manifest.name : `${pkg.manifest.name}/${subpath.slice(2)}`)),
    );
    writeFileSync(
      join(project(), 'entryPoints.ts'),
      `${entryPoints.map((spec, i) => `import * as entry${i} from '${spec}';`).join('\n')}\n\nexport const entryPoints = { ${entryPoints.map((spec, i) => `'${spec}': entry${i}`).join(', ')} };\n`,
    );
    writeFileSync(
      join(project(), 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        files: ['entryPoints.ts', 'consumer.ts'],
      }),
    );
    const result = await timed(scratch.timings, 'tsc', () =>
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project(), maxBuffer: 64 << 20 }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      ),
    );
    expect(result).toBe('');

    // Every entry point has something in it at run time, too.
    const script = `const specs = ${JSON.stringify(entryPoints)};\nconst counts = {};\nfor (const spec of specs) counts[spec] = Object.keys(await import(spec)).length;\nconsole.log(JSON.stringify(counts));\n`;
    writeFileSync(join(project(), 'entryPoints.mjs'), script);
    const { stdout } = await run(process.execPath, ['entryPoints.mjs'], { cwd: project() });
    const counts = JSON.parse(stdout) as Record<string, number>;
    console.info(`run-time exports per entry point: ${JSON.stringify(counts)}`);
    for (const spec of entryPoints) expect([spec, (counts[spec] ?? 0) > 0]).toEqual([spec, true]);
  }, 5 * MINUTE);
});
