/**
 * laborcase and Emmett side by side, printed as one JSON document on stdout (progress on stderr):
 *
 *   npx -y pnpm@9.15.9 bench:peer                                  # full run: memory, PostgreSQL (throwaway, fsync on), PGlite
 *   npx -y pnpm@9.15.9 bench:peer --stores memory --streams 200    # a quick one
 *
 * Flags (or PEER_<FLAG> variables): see `options.ts` and bench/README.md.
 */
import { InvalidSetting, parseOptions, type PeerOptions } from './options.js';
import { runPeerBenchmark } from './peerBenchmark.js';

let options: PeerOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof InvalidSetting)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const report = await runPeerBenchmark(options, (line) => process.stderr.write(`[peer] ${line}\n`));
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
