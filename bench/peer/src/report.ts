/**
 * The JSON document the benchmark prints: per store and workload, each contender's samples (one per round), their
 * median and the ratios laborcase / Emmett, without and with laborcase's state cache. `reportProblems` lists what a document lacks, for the smoke test.
 */
import { median } from '../../measure.js';
import type { ChildResult } from './protocol.js';
import { contendersOn, type ContenderName, type Library, type StoreKind } from './contender.js';
import type { PeerSizes } from './options.js';
import type { PgbenchCeiling } from './pgbench.js';
import type { WorkloadFigures } from './workloads.js';

export const WORKLOADS = ['commandSequential', 'commandConcurrent', 'batchAppend', 'rehydrate', 'peakRss'] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface LibraryFigure {
  readonly median: number;
  readonly samples: readonly number[];
}

export interface Comparison {
  readonly unit: 'events/s' | 'MB';
  readonly better: 'higher' | 'lower';
  /** laborcase as configured by default: every command reads its stream. */
  readonly laborcase: LibraryFigure;
  /** laborcase with the command handler's state cache on. */
  readonly laborcaseCached: LibraryFigure;
  /** Null where Emmett has no such store (PGlite). */
  readonly emmett: LibraryFigure | null;
  /** laborcase's median / Emmett's median; above 1 is laborcase ahead for events/s, behind for MB. */
  readonly ratio: number | null;
  /** The same with the state cache on. */
  readonly ratioCached: number | null;
}

export interface StoreReport {
  readonly store: string;
  readonly workloads: Readonly<Record<Workload, Comparison>>;
}

export type PgbenchReport =
  | (PgbenchCeiling & {
      /** Each contender's sequential command path as a share of the one-client ceiling. */
      readonly commandPathShareOfOneClient: Readonly<Record<ContenderKey, number | null>>;
    })
  | { readonly skipped: string };

export interface PeerReport {
  readonly benchmark: 'laborcase-vs-emmett';
  readonly at: string;
  readonly node: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number };
  /** `os.loadavg()` (1, 5, 15 minutes) when the run started and when it ended. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly versions: Readonly<Record<Library, string>>;
  readonly rounds: number;
  readonly sizes: PeerSizes;
  readonly eventDataBytes: number;
  readonly stores: Readonly<Partial<Record<StoreKind, StoreReport>>>;
  readonly pgbench: PgbenchReport;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The contenders as the report's keys. */
export type ContenderKey = 'laborcase' | 'laborcaseCached' | 'emmett';

const figureOf = (samples: readonly number[]): LibraryFigure => ({ median: median(samples), samples });

const WORKLOAD_UNITS: Readonly<Record<Workload, Pick<Comparison, 'unit' | 'better'>>> = {
  commandSequential: { unit: 'events/s', better: 'higher' },
  commandConcurrent: { unit: 'events/s', better: 'higher' },
  batchAppend: { unit: 'events/s', better: 'higher' },
  rehydrate: { unit: 'events/s', better: 'higher' },
  peakRss: { unit: 'MB', better: 'lower' },
};

const sampleOf = (result: ChildResult, workload: Workload): number =>
  workload === 'peakRss' ? result.peakRssMb : result.figures[workload as keyof WorkloadFigures];

/** One store's comparison from every child run on it (one per library per round). */
export const compareStore = (store: StoreKind, description: string, results: readonly ChildResult[]): StoreReport => {
  const samplesOf = (contender: ContenderName, workload: Workload): number[] =>
    results.filter((r) => r.store === store && r.contender === contender).map((r) => sampleOf(r, workload));
  const hasEmmett = contendersOn(store).includes('emmett');
  const workloads = Object.fromEntries(
    WORKLOADS.map((workload): [Workload, Comparison] => {
      const laborcase = figureOf(samplesOf('laborcase', workload));
      const laborcaseCached = figureOf(samplesOf('laborcase-cached', workload));
      const emmett = hasEmmett ? figureOf(samplesOf('emmett', workload)) : null;
      const ratioTo = (ours: LibraryFigure): number | null => (emmett === null ? null : round2(ours.median / emmett.median));
      return [workload, { ...WORKLOAD_UNITS[workload], laborcase, laborcaseCached, emmett, ratio: ratioTo(laborcase), ratioCached: ratioTo(laborcaseCached) }];
    }),
  ) as Record<Workload, Comparison>;
  return { store: description, workloads };
};

export const pgbenchReport = (ceiling: PgbenchCeiling, postgres: StoreReport | undefined): PgbenchReport => {
  const share = (key: ContenderKey): number | null => {
    const figure = postgres?.workloads.commandSequential[key];
    return figure == null ? null : round2(figure.median / ceiling.oneClient.tps);
  };
  return { ...ceiling, commandPathShareOfOneClient: { laborcase: share('laborcase'), laborcaseCached: share('laborcaseCached'), emmett: share('emmett') } };
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

const figureProblems = (figure: unknown, path: string, rounds: number): string[] => {
  if (!isObject(figure)) return [`${path} is missing`];
  const problems: string[] = [];
  if (!isPositive(figure['median'])) problems.push(`${path}.median is not a positive number`);
  const samples = figure['samples'];
  if (!Array.isArray(samples) || samples.length !== rounds || !samples.every(isPositive)) problems.push(`${path}.samples is not ${rounds} positive numbers`);
  return problems;
};

const comparisonProblems = (comparison: unknown, path: string, rounds: number, withEmmett: boolean): string[] => {
  if (!isObject(comparison)) return [`${path} is missing`];
  const problems = [...figureProblems(comparison['laborcase'], `${path}.laborcase`, rounds), ...figureProblems(comparison['laborcaseCached'], `${path}.laborcaseCached`, rounds)];
  if (comparison['unit'] !== 'events/s' && comparison['unit'] !== 'MB') problems.push(`${path}.unit is not events/s or MB`);
  if (withEmmett) {
    problems.push(...figureProblems(comparison['emmett'], `${path}.emmett`, rounds));
    for (const ratio of ['ratio', 'ratioCached']) if (!isPositive(comparison[ratio])) problems.push(`${path}.${ratio} is not a positive number`);
  } else if (comparison['emmett'] !== null || comparison['ratio'] !== null || comparison['ratioCached'] !== null) {
    problems.push(`${path} has Emmett figures on a store Emmett lacks`);
  }
  return problems;
};

const pgbenchProblems = (pgbench: unknown): string[] => {
  if (!isObject(pgbench)) return ['pgbench is missing'];
  if (typeof pgbench['skipped'] === 'string') return [];
  const problems: string[] = [];
  for (const run of ['oneClient', 'eightClients']) {
    const figures = pgbench[run];
    if (!isObject(figures) || !isPositive(figures['tps'])) problems.push(`pgbench.${run}.tps is not a positive number`);
  }
  if (!isObject(pgbench['commandPathShareOfOneClient'])) problems.push('pgbench.commandPathShareOfOneClient is missing');
  return problems;
};

/** Every way `report` falls short of a full `PeerReport` for the stores asked for; empty when it is whole. */
export const reportProblems = (report: unknown, stores: readonly StoreKind[]): string[] => {
  if (!isObject(report)) return ['the report is not an object'];
  const problems: string[] = [];
  if (report['benchmark'] !== 'laborcase-vs-emmett') problems.push('benchmark is not "laborcase-vs-emmett"');
  const rounds = report['rounds'];
  if (!Number.isInteger(rounds) || (rounds as number) < 1) problems.push('rounds is not a positive integer');
  if (!isPositive(report['eventDataBytes'])) problems.push('eventDataBytes is not a positive number');
  for (const key of ['machine', 'versions', 'sizes']) if (!isObject(report[key])) problems.push(`${key} is missing`);
  const reported = isObject(report['stores']) ? report['stores'] : {};
  for (const store of stores) {
    const storeReport = reported[store];
    if (!isObject(storeReport) || !isObject(storeReport['workloads'])) {
      problems.push(`stores.${store} is missing`);
      continue;
    }
    const workloads = storeReport['workloads'];
    const withEmmett = contendersOn(store).includes('emmett');
    for (const workload of WORKLOADS) problems.push(...comparisonProblems(workloads[workload], `stores.${store}.workloads.${workload}`, rounds as number, withEmmett));
  }
  problems.push(...pgbenchProblems(report['pgbench']));
  return problems;
};
