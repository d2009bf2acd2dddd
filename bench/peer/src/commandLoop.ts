/**
 * One contender's memory command path alone, for profiling (not part of `bench:peer`): the command workload
 * (`--streams` streams × 10 commands, command k to every stream before k + 1) once untimed on a throwaway
 * store, then timed on a fresh one; prints µs per command as JSON.
 *
 *   npx tsx --conditions=@laborcase/source bench/peer/src/commandLoop.ts [laborcase|laborcase-cached|emmett] [--streams 2000] [--profile out.cpuprofile]
 *
 * `--profile` CPU-profiles the timed run alone (summarise with `profileSummary.ts`).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { Contender } from './contender.js';
import { commandAt } from './grievance.js';
import { contenderArgument, openerOf } from './openers.js';

const which = contenderArgument(process.argv[2]);
const opener = await openerOf(which);
const at = process.argv.indexOf('--streams');
const streams = at > 0 ? Number(process.argv[at + 1]) : 2_000;
const open = (): Promise<Contender> => opener('memory', {});

const drive = async (contender: Contender): Promise<number> => {
  const started = performance.now();
  for (let k = 0; k < 10; k++) for (let s = 0; s < streams; s++) await contender.handle(`g-${s}`, commandAt(`g-${s}`, k));
  return performance.now() - started;
};

const warm = await open();
await drive(warm);
await warm.close();
const measured = await open();
const profileAt = process.argv.indexOf('--profile');
const session = profileAt > 0 ? new Session() : undefined;
if (session !== undefined) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const ms = await drive(measured);
if (session !== undefined) {
  const { profile } = await session.post('Profiler.stop');
  await writeFile(process.argv[profileAt + 1] as string, JSON.stringify(profile));
  session.disconnect();
}
await measured.close();
console.log(JSON.stringify({ contender: which, commands: streams * 10, microsPerCommand: Math.round((ms * 1_000) / (streams * 10) * 10) / 10, eventsPerSecond: Math.round((streams * 10 * 1_000) / ms) }));
