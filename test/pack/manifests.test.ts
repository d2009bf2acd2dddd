/**
 * Each package's manifest and build configuration, checked statically (fast; the build and the install are
 * test/pack/packInstall.test.ts): what users get is dist/ with a README and the licence, every subpath export
 * points at a built file whose source the build compiles, and tsc -b knows each workspace dependency.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ROOT, publishedSources, readJson, readTsconfig, workspacePackages } from '../architecture/sources.js';

const root = readJson<{ engines: { node: string } }>(join(ROOT, 'package.json'));
const packages = workspacePackages();
const rootLicence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s', (_name, pkg) => {
  const { manifest } = pkg;

  it('is an ESM, side-effect-free package for the Node versions the workspace promises, under the MIT licence', () => {
    expect(manifest.name).toBe(`@laborcase/${pkg.folder}`);
    expect(manifest).toMatchObject({ type: 'module', sideEffects: false, license: 'MIT', engines: { node: root.engines.node } });
    expect(manifest.repository).toMatchObject({ type: 'git', directory: `packages/${pkg.folder}` });
    expect(manifest.description?.length).toBeGreaterThan(20);
    expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(rootLicence);
  });

  it('publishes dist/ (without build info), its README and LICENSE', () => {
    expect(manifest.files).toEqual(['dist', '!dist/**/*.tsbuildinfo', 'README.md', 'LICENSE']);
    if (manifest.private !== true) expect(existsSync(join(pkg.dir, 'README.md'))).toBe(true);
    expect(manifest.scripts?.['build']).toMatch(/tsc -b tsconfig\.build\.json$/);
  });

  it('maps every export to the built form of a source the build compiles', () => {
    const exports = Object.entries(manifest.exports ?? {});
    expect(exports.length).toBeGreaterThan(0);
    const compiled = new Set(publishedSources(pkg).map((file) => relative(pkg.dir, file).split(sep).join('/')));
    for (const [subpath, conditions] of exports) {
      expect([subpath, Object.keys(conditions)]).toEqual([subpath, ['@laborcase/source', 'types', 'default']]);
      const source = conditions['@laborcase/source']!;
      const stem = source.replace(/^\.\/src\//, '').replace(/\.ts$/, '');
      expect([subpath, source, compiled.has(source.slice(2))]).toEqual([subpath, source, true]);
      expect(conditions).toMatchObject({ types: `./dist/${stem}.d.ts`, default: `./dist/${stem}.js` });
    }
    expect(manifest.types).toBe(manifest.exports?.['.']?.['types']);
  });

  it('builds with tsc -b, referencing exactly the workspace packages it depends on', () => {
    const config = readTsconfig<{ compilerOptions: Record<string, unknown>; references?: { path: string }[] }>(join(pkg.dir, 'tsconfig.build.json'));
    expect(config.compilerOptions).toMatchObject({ composite: true, rootDir: 'src', outDir: 'dist', customConditions: [] });
    const referenced = (config.references ?? []).map((ref) => relative(ROOT, resolve(pkg.dir, ref.path)).split(sep).join('/')).sort();
    const workspaceDeps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((dep) => dep.startsWith('@laborcase/'))
      .map((dep) => `packages/${dep.slice('@laborcase/'.length)}/tsconfig.build.json`)
      .sort();
    expect(referenced).toEqual(workspaceDeps);
  });
});

describe('the package map', () => {
  it('adapters depend on core, not on the domain; the domain on core only', () => {
    const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest]));
    const laborcaseDeps = (name: string) => Object.keys(byName.get(name)?.dependencies ?? {}).filter((dep) => dep.startsWith('@laborcase/'));
    expect(laborcaseDeps('@laborcase/core')).toEqual([]);
    expect(laborcaseDeps('@laborcase/domain')).toEqual(['@laborcase/core']);
    expect(laborcaseDeps('@laborcase/adapters')).toEqual(['@laborcase/core']);
  });

  it('no published package depends on canonicalize (it declares Node >= 22)', () => {
    for (const { manifest } of packages) expect(Object.keys(manifest.dependencies ?? {})).not.toContain('canonicalize');
  });
});
