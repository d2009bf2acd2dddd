/**
 * One library's memory rehydrate alone, many times, for profiling and before/after comparisons (not part of
 * `bench:peer`): a 20,000-event stream, then `--rounds` timed rehydrations; prints µs per event as JSON.
 *
 *   npx tsx --conditions=@laborcase/source bench/peer/src/rehydrateLoop.ts [laborcase|laborcase-cached|emmett] [--rounds 50] [--commands 20000]
 *
 * `--commands N` first runs N commands (the command-path workload's script over N / 10 streams), as a
 * `bench:peer` child does before it rehydrates.
 */
import { commandAt, historyEvents } from './grievance.js';
import { contenderArgument, openerOf } from './openers.js';

const which = contenderArgument(process.argv[2]);
const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rounds = flag('--rounds', 50);
const commands = flag('--commands', 0);
const EVENTS = 20_000;

const contender = await (await openerOf(which))('memory', {});
for (let k = 0; k < 10; k++) for (let s = 0; s < commands / 10; s++) await contender.handle(`warm-${s}`, commandAt(`warm-${s}`, k));
for (let written = 0; written < EVENTS; written += 1_000) await contender.append('long', historyEvents('long', written, 1_000), written);
const perEvent: number[] = [];
for (let i = 0; i < rounds; i++) {
  const started = performance.now();
  const state = await contender.rehydrate('long');
  perEvent.push(((performance.now() - started) * 1_000) / EVENTS);
  if (state.events !== EVENTS) throw new Error(`folded ${state.events} events`);
}
const sorted = [...perEvent].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] as number;
console.log(JSON.stringify({ contender: which, events: EVENTS, rounds, medianMicrosPerEvent: Math.round(median * 1000) / 1000, eventsPerSecond: Math.round(1e6 / median), bestMicrosPerEvent: Math.round((sorted[0] as number) * 1000) / 1000 }));
await contender.close();
