/**
 * What the architecture tests read: the workspace's packages, their source files and what each file imports
 * (parsed by the TypeScript compiler, so an import named in a comment or a string is not one).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGES_DIR = join(ROOT, 'packages');

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly license?: string;
  readonly repository?: { readonly type: string; readonly url: string; readonly directory?: string };
  readonly engines?: Record<string, string>;
  readonly type?: string;
  readonly sideEffects?: boolean;
  readonly types?: string;
  readonly files?: readonly string[];
  readonly exports?: Record<string, Record<string, string>>;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** Folder name under packages/. */
  readonly folder: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A tsconfig file's JSON (they hold comments, which the TypeScript parser reads). */
export const readTsconfig = <T>(path: string): T => {
  const parsed = ts.readConfigFile(path, ts.sys.readFile);
  if (parsed.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n'));
  return parsed.config as T;
};

export const workspacePackages = (): WorkspacePackage[] =>
  readdirSync(PACKAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PACKAGES_DIR, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(PACKAGES_DIR, entry.name);
      return { folder: entry.name, dir, manifest: readJson<Manifest>(join(dir, 'package.json')) };
    });

export const isSpec = (path: string): boolean => /\.(spec|test)\.ts$/.test(path);

/** Every .ts file under `dir` (node_modules and dist left out), as absolute paths. */
export const tsFiles = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
};

/** The module specifiers a file imports or re-exports, statically or dynamically, types included. */
export const importsOf = (path: string): string[] =>
  ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map((file) => file.fileName);

const builtins = new Set(builtinModules);

/** `node:fs`, and the bare spellings of Node's built-in modules (`fs`, `fs/promises`). */
export const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtins.has(specifier);

/** The package a bare specifier names: `@scope/name` or `name` (`fp-ts/lib/Either.js` → `fp-ts`). */
export const packageOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
};

export const isRelative = (specifier: string): boolean => specifier.startsWith('./') || specifier.startsWith('../');

/** Repository-relative path with forward slashes, for messages. */
export const repoPath = (path: string): string => relative(ROOT, path).split(sep).join('/');

/** A tsconfig `include`/`exclude` pattern (`src/**\/*.spec.ts`) as a test on a package-relative path. */
export const globMatcher = (pattern: string): ((path: string) => boolean) => {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*' && pattern[i + 2] === '/') {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(path);
};

/** The files a package's build compiles (and so publishes): its tsconfig.build.json's include minus exclude. */
export const publishedSources = (pkg: WorkspacePackage): string[] => {
  const config = readTsconfig<{ include?: string[]; exclude?: string[] }>(join(pkg.dir, 'tsconfig.build.json'));
  const include = (config.include ?? []).map(globMatcher);
  const exclude = (config.exclude ?? []).map(globMatcher);
  return tsFiles(pkg.dir).filter((file) => {
    const path = relative(pkg.dir, file).split(sep).join('/');
    return include.some((m) => m(path)) && !exclude.some((m) => m(path));
  });
};
