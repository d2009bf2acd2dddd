/**
 * One library on one store, in a process of its own so its peak RSS is its own: runs the workloads and prints one
 * JSON line (`ChildResult`). Started by `peerBenchmark.ts` with a `ChildSpec` as its only argument; only the
 * measured library is imported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openerOf } from './openers.js';
import type { ChildResult, ChildSpec } from './protocol.js';
import { runWorkloads, warmUpSizes, type WorkloadFigures } from './workloads.js';

const spec = JSON.parse(process.argv[2] ?? '') as ChildSpec;
const dataDir = spec.store === 'pglite' ? await mkdtemp(join(tmpdir(), 'laborcase-peer-pglite-')) : undefined;
try {
  const open = await openerOf(spec.contender);
  if (spec.store === 'memory') {
    // Warm the code, not the data: the whole workload once on a throwaway store, so the measured run starts on an
    // empty store with its code paths compiled. On a database the I/O dominates and one store is set up per run,
    // so the untimed warm-up in runWorkloads is all there is there.
    const throwaway = await open(spec.store, spec.location);
    try {
      await runWorkloads(throwaway, warmUpSizes(spec.sizes), `${spec.run}-code-warm-up`);
    } finally {
      await throwaway.close();
    }
  }
  const contender = await open(spec.store, { ...spec.location, ...(dataDir === undefined ? {} : { dataDir }) });
  let figures: WorkloadFigures;
  try {
    figures = await runWorkloads(contender, spec.sizes, spec.run);
  } finally {
    await contender.close();
  }
  // maxRSS is in kilobytes: the process's high-water mark, taken after everything was measured.
  const result: ChildResult = { contender: spec.contender, store: spec.store, figures, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
