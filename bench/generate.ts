/**
 * Writes a generated district history (bench/generator) into an event store and prints a JSON report.
 *
 *   npx -y pnpm@9.15.9 generate                              # in memory (nothing kept), seed 1, 2 school years, scale 1
 *   BENCH_SEED=7 BENCH_YEARS=10 BENCH_EVENTS=1000000 npx -y pnpm@9.15.9 generate   # scale chosen for ~1M events
 *   BENCH_SCALE=3 npx -y pnpm@9.15.9 generate -- --data-dir /tmp/ecps          # into PGlite (the folder must be new)
 *   npx -y pnpm@9.15.9 generate -- --pg-url postgres://… [--schema ecps_generated]  # into PostgreSQL
 *
 * Environment: BENCH_SEED (integer, default 1), BENCH_YEARS (default 2), BENCH_SCALE (default 1) or BENCH_EVENTS (an
 * event target: sets the scale from the measured events per school year), BENCH_DRIVER (`deciders`, default, or
 * `services`). Progress goes to stderr every two seconds.
 */
import { parseArgs } from 'node:util';
import { createDomainRegistry } from '@laborcase/domain';
import { createInMemoryEventStore, openEventStore } from '@laborcase/adapters';
import { START, comparePositions, type EventStore } from '@laborcase/core';
import { EVENTS_PER_YEAR_AT_SCALE_1, createSimulatedClock, generateDistrictHistory, type DriverKind } from './generator/index.js';

const { values } = parseArgs({ options: { 'pg-url': { type: 'string' }, 'data-dir': { type: 'string' }, schema: { type: 'string' } }, allowPositionals: false });

const integer = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
};

const seed = integer('BENCH_SEED', 1);
const schoolYears = integer('BENCH_YEARS', 2);
const target = integer('BENCH_EVENTS', 0);
const scale = target > 0 ? target / (EVENTS_PER_YEAR_AT_SCALE_1 * schoolYears) : Number(process.env['BENCH_SCALE'] ?? 1);
const driver = (process.env['BENCH_DRIVER'] ?? 'deciders') as DriverKind;
if (driver !== 'deciders' && driver !== 'services') throw new Error(`BENCH_DRIVER is deciders or services, got ${driver}`);

const registry = createDomainRegistry();
const clock = createSimulatedClock();
const opened: { store: EventStore; where: string } =
  values['pg-url'] !== undefined || values['data-dir'] !== undefined
    ? await openEventStore({ registry, clock: clock.now, pgUrl: values['pg-url'], ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }), ...(values.schema === undefined ? {} : { schema: values.schema }) }).then(
        (o) => ({ store: o.store, where: `${o.backend}: ${o.location}${values.schema === undefined ? '' : `, schema ${values.schema}`}` }),
      )
    : { store: createInMemoryEventStore({ registry, clock: clock.now }), where: 'in memory' };

try {
  // The generator's stream ids repeat from run to run: it writes into an empty store only.
  if (comparePositions(await opened.store.headPosition(), START) !== 0) throw new Error(`${opened.where} already holds events; use a new folder or schema`);
  const report = await generateDistrictHistory({ store: opened.store, seed, schoolYears, scale, clock, driver, registry, progress: (line) => process.stderr.write(`${line}\n`) });
  console.log(JSON.stringify({ generator: 'district-history', store: opened.where, node: process.version, ...report }, null, 2));
} finally {
  await opened.store.close();
}
