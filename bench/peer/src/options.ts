/**
 * The benchmark's settings: every size is a flag (`--streams 200`) or an environment variable (`PEER_STREAMS=200`),
 * the flag winning. A bad value is an `InvalidSetting` naming the flag, before anything runs.
 */
import { resolve } from 'node:path';
import { STORES, type StoreKind } from './contender.js';
import { MAX_COMMANDS_PER_STREAM } from './grievance.js';

export interface PeerSizes {
  /** Streams driven through the command path, each by `eventsPerStream` commands of one event. */
  readonly streams: number;
  readonly eventsPerStream: number;
  /** Concurrent workers for the second command-path run, each on its own streams. */
  readonly workers: number;
  readonly batches: number;
  readonly batchSize: number;
  /** Events in the stream that is rehydrated. */
  readonly longStream: number;
  /** Timed rehydrations of the long stream (the median is kept). */
  readonly rehydrations: number;
}

export interface PeerOptions {
  readonly rounds: number;
  readonly stores: readonly StoreKind[];
  readonly sizes: PeerSizes;
  /** Seconds per `pgbench` run (1 client, then 8); 0 skips the ceiling. */
  readonly pgbenchSeconds: number;
  /** An existing server to use; without it a throwaway cluster (fsync on) is started on `pgPort`. */
  readonly pgUrl?: string;
  readonly pgPort: number;
  /** When set, every child runs under `node --cpu-prof` and writes `<library>-<store>-r<round>.cpuprofile` here. */
  readonly cpuProfDir?: string;
}

export const FULL_SIZES: PeerSizes = { streams: 2000, eventsPerStream: 10, workers: 8, batches: 200, batchSize: 100, longStream: 20_000, rehydrations: 5 };

export class InvalidSetting extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

const FLAG_DEFAULTS = {
  rounds: 3,
  streams: FULL_SIZES.streams,
  'events-per-stream': FULL_SIZES.eventsPerStream,
  workers: FULL_SIZES.workers,
  batches: FULL_SIZES.batches,
  'batch-size': FULL_SIZES.batchSize,
  'long-stream': FULL_SIZES.longStream,
  rehydrations: FULL_SIZES.rehydrations,
  'pgbench-seconds': 10,
  'pg-port': 54413,
} as const;

type Source = (flag: string) => string | undefined;

const envName = (flag: string): string => `PEER_${flag.replace(/-/g, '_').toUpperCase()}`;

const sourceOf = (argv: readonly string[], env: NodeJS.ProcessEnv): Source => {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new InvalidSetting(arg, 'expected a --flag');
    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    const value = equals === -1 ? argv[++i] : arg.slice(equals + 1);
    if (value === undefined) throw new InvalidSetting(`--${name}`, 'needs a value');
    flags.set(name, value);
  }
  const known = new Set([...Object.keys(FLAG_DEFAULTS), 'stores', 'pg-url', 'cpu-prof-dir']);
  for (const name of flags.keys()) if (!known.has(name)) throw new InvalidSetting(`--${name}`, `unknown flag (known: ${[...known].map((k) => `--${k}`).join(', ')})`);
  return (flag) => flags.get(flag) ?? env[envName(flag)];
};

const integer = (source: Source, flag: keyof typeof FLAG_DEFAULTS, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  const raw = source(flag);
  if (raw === undefined) return FLAG_DEFAULTS[flag];
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidSetting(`--${flag}`, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

const storesFrom = (source: Source): StoreKind[] => {
  const raw = source('stores');
  if (raw === undefined) return [...STORES];
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new InvalidSetting('--stores', `name at least one of ${STORES.join(', ')}`);
  for (const name of names) if (!(STORES as readonly string[]).includes(name)) throw new InvalidSetting('--stores', `unknown store "${name}" (known: ${STORES.join(', ')})`);
  return [...new Set(names)] as StoreKind[];
};

export const parseOptions = (argv: readonly string[], env: NodeJS.ProcessEnv): PeerOptions => {
  const source = sourceOf(argv, env);
  const streams = integer(source, 'streams', 1);
  const sizes: PeerSizes = {
    streams,
    eventsPerStream: integer(source, 'events-per-stream', 1, MAX_COMMANDS_PER_STREAM),
    workers: integer(source, 'workers', 1, streams),
    batches: integer(source, 'batches', 1),
    batchSize: integer(source, 'batch-size', 1, 10_000),
    longStream: integer(source, 'long-stream', 1),
    rehydrations: integer(source, 'rehydrations', 1),
  };
  const pgUrl = source('pg-url') ?? env['PG_URL'];
  const cpuProfDir = source('cpu-prof-dir');
  return {
    rounds: integer(source, 'rounds', 1),
    stores: storesFrom(source),
    sizes,
    pgbenchSeconds: integer(source, 'pgbench-seconds', 0, 600),
    pgPort: integer(source, 'pg-port', 1024, 65_535),
    ...(pgUrl === undefined || pgUrl === '' ? {} : { pgUrl }),
    ...(cpuProfDir === undefined || cpuProfDir === '' ? {} : { cpuProfDir: resolve(cpuProfDir) }),
  };
};
