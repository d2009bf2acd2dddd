/**
 * @laborcase/cli: the `laborcase` command (see README). Embedders and tests call `runCli` in-process with their own
 * `CliIo`; the installed `bin` is `dist/bin.js`.
 */
export { runCli } from './program.js';
export { EXIT, CliError, type ExitCode } from './errors.js';
export { processIo, type CliIo } from './io.js';
