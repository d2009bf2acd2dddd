#!/usr/bin/env node
/** The `laborcase` executable: the real process's io, Ctrl-C turned into a clean stop (exit 130). */
import { EXIT } from './errors.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  // A second Ctrl-C while cleaning up ends the process at once.
  process.once('SIGINT', () => process.exit(EXIT.interrupted));
});
process.exitCode = await runCli(process.argv.slice(2), processIo(interrupt.signal));
