import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliError, EXIT } from './errors.js';
import type { CliIo } from './io.js';

const pathIn = (io: CliIo, file: string): string => (isAbsolute(file) ? file : resolve(io.cwd, file));

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const readText = async (io: CliIo, flag: string, file: string): Promise<string> => {
  try {
    return await readFile(pathIn(io, file), 'utf8');
  } catch (error) {
    throw new CliError(EXIT.file, `${flag}: cannot read ${file}: ${reason(error)}`, { cause: error });
  }
};

export const readJsonFile = async (io: CliIo, flag: string, file: string): Promise<unknown> => {
  const text = await readText(io, flag, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(EXIT.file, `${flag}: ${file} is not JSON: ${reason(error)}`, { cause: error });
  }
};

export const writeText = async (io: CliIo, flag: string, file: string, text: string): Promise<void> => {
  try {
    await writeFile(pathIn(io, file), text, 'utf8');
  } catch (error) {
    throw new CliError(EXIT.file, `${flag}: cannot write ${file}: ${reason(error)}`, { cause: error });
  }
};

/** Write to `--out FILE` when given, else to stdout. */
export const emit = async (io: CliIo, out: string | undefined, text: string): Promise<void> => {
  if (out === undefined) io.stdout(text);
  else await writeText(io, '--out', out, text);
};
