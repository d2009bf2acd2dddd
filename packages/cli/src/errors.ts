/** The exit codes of `laborcase`, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Verification failed or the command found a problem (a broken chain, a rejected import). */
  problem: 1,
  /** Bad arguments or options: nothing was read or written. */
  usage: 2,
  /** The store could not be opened (server down, folder locked by another process). */
  storeUnavailable: 3,
  /** A file could not be read or written, or is not in the expected format. */
  file: 4,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: printed as one line (never a stack trace unless --debug), then exit `code`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: ExitCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

export const usageError = (field: string, message: string): CliError => new CliError(EXIT.usage, `${field}: ${message}`);
