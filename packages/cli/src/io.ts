/**
 * What a command touches outside itself, injected so tests run commands in-process: where output goes, the
 * environment (PG_URL), the clock (report stamps, witness timestamps) and the working directory files resolve from.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: () => Date;
  readonly cwd: string;
  /** Whether stderr is a terminal (the progress bar is drawn only there). */
  readonly interactive: boolean;
  /** Aborted on Ctrl-C; long commands (rebuild) stop cleanly when it fires. */
  readonly interrupt?: AbortSignal;
}

/** The real process's io. */
export const processIo = (interrupt?: AbortSignal): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  clock: () => new Date(),
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
  ...(interrupt === undefined ? {} : { interrupt }),
});
