/**
 * The package boundaries, checked on the sources (no build needed):
 * - the domain does no I/O outside its service.ts files and never reaches an adapter or a projection;
 * - core knows nothing of the packages built on it; adapters know core, not the domain;
 * - no package reaches into another's folder by a relative path;
 * - what a package publishes imports only what its manifest declares (dependencies or peers), so an
 *   installed package never needs a module its users did not get.
 */
import { describe, expect, it } from '@jest/globals';
import { basename, dirname, join, resolve, sep } from 'node:path';
import {
  PACKAGES_DIR,
  importsOf,
  isNodeBuiltin,
  isRelative,
  isSpec,
  packageOf,
  publishedSources,
  repoPath,
  tsFiles,
  workspacePackages,
} from './sources.js';

interface Violation {
  readonly file: string;
  readonly specifier: string;
}

/** Every import of `files` that `forbidden` flags, as `file → specifier` lines (empty when clean). */
const violations = (files: readonly string[], forbidden: (specifier: string, file: string) => boolean): string[] =>
  files
    .flatMap((file) => importsOf(file).map((specifier): Violation => ({ file, specifier })))
    .filter(({ file, specifier }) => forbidden(specifier, file))
    .map(({ file, specifier }) => `${repoPath(file)} → ${specifier}`);

const named = (...packages: string[]) => (specifier: string): boolean => packages.includes(packageOf(specifier));

const sourcesOf = (folder: string, { specs }: { specs: boolean }): string[] =>
  tsFiles(join(PACKAGES_DIR, folder, 'src')).filter((file) => specs || !isSpec(file));

describe('package boundaries', () => {
  it('finds the sources it checks', () => {
    expect(sourcesOf('domain', { specs: false }).length).toBeGreaterThan(20);
    expect(sourcesOf('core', { specs: true }).length).toBeGreaterThan(20);
    expect(sourcesOf('adapters', { specs: true }).length).toBeGreaterThan(5);
  });

  it('the domain does no I/O: node built-ins only in service.ts files', () => {
    const found = violations(sourcesOf('domain', { specs: false }), (specifier, file) => isNodeBuiltin(specifier) && basename(file) !== 'service.ts');
    expect(found).toEqual([]);
  });

  it('the domain never imports an adapter or a projection', () => {
    const found = violations(sourcesOf('domain', { specs: false }), named('@laborcase/adapters', '@laborcase/projections'));
    expect(found).toEqual([]);
  });

  it('core imports none of the packages built on it', () => {
    const found = violations(sourcesOf('core', { specs: true }), named('@laborcase/domain', '@laborcase/adapters', '@laborcase/projections'));
    expect(found).toEqual([]);
  });

  it('adapters import core, never the domain', () => {
    const found = violations(sourcesOf('adapters', { specs: true }), named('@laborcase/domain'));
    expect(found).toEqual([]);
  });

  it('projections import the domain only in the labor read models and reactors (src/labor/, src/reactors/)', () => {
    const domainFolders = ['labor', 'reactors'].map((folder) => join(PACKAGES_DIR, 'projections', 'src', folder) + sep);
    const found = violations(sourcesOf('projections', { specs: true }), (specifier, file) => named('@laborcase/domain')(specifier) && !domainFolders.some((folder) => file.startsWith(folder)));
    expect(found).toEqual([]);
    // The check sees the labor folder's domain imports (so it is not vacuous).
    const labor = sourcesOf('projections', { specs: false }).filter((file) => file.startsWith(domainFolders[0] as string));
    expect(labor.some((file) => importsOf(file).some(named('@laborcase/domain')))).toBe(true);
  });

  it('no package reaches into another package folder by a relative path', () => {
    const found = workspacePackages().flatMap((pkg) =>
      violations(tsFiles(join(pkg.dir, 'src')), (specifier, file) => {
        if (!isRelative(specifier)) return false;
        const target = resolve(dirname(file), specifier);
        return target.startsWith(PACKAGES_DIR + sep) && !target.startsWith(pkg.dir + sep);
      }),
    );
    expect(found).toEqual([]);
  });

  it('the checks see imports the way they are written', () => {
    // A self-test of the parser on this very file: comments and strings naming a module are not imports.
    const self = importsOf(new URL(import.meta.url).pathname);
    expect(self).toEqual(expect.arrayContaining(['@jest/globals', 'node:path', './sources.js']));
    expect(self).not.toContain('@laborcase/adapters');
    expect(isNodeBuiltin('fs/promises')).toBe(true);
    expect(isNodeBuiltin('node:crypto')).toBe(true);
    expect(isNodeBuiltin('fp-ts/lib/Either.js')).toBe(false);
    expect(packageOf('@laborcase/domain/grievance')).toBe('@laborcase/domain');
    expect(packageOf('fp-ts/lib/Either.js')).toBe('fp-ts');
  });

  describe.each(workspacePackages().map((pkg) => [pkg.manifest.name, pkg] as const))('%s', (_name, pkg) => {
    it('publishes only files that import what its manifest declares (dependencies, peers, itself, Node)', () => {
      const { name, dependencies = {}, peerDependencies = {} } = pkg.manifest;
      const declared = new Set([name, ...Object.keys(dependencies), ...Object.keys(peerDependencies)]);
      const published = publishedSources(pkg);
      expect(published.some(isSpec)).toBe(false);
      const found = violations(published, (specifier) => !isRelative(specifier) && !isNodeBuiltin(specifier) && !declared.has(packageOf(specifier)));
      expect(found).toEqual([]);
    });
  });
});
