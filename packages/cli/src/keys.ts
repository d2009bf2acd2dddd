/**
 * The keys file an auditor trusts, JSON:
 *
 *   { "origin": "ecps.example/labor-relations",
 *     "log": "<the log's verifier key>",
 *     "witnesses": ["<association's cosigner verifier key>", "<district's …>"],
 *     "quorum": 2 }
 *
 * Verifier keys are the public halves printed by `generateNoteKey` (signed-note `name+keyid+base64`). `witnesses`
 * defaults to none and `quorum` to every witness listed; `--quorum N` on the command line overrides it.
 */
import type { CheckpointPolicy } from '@laborcase/core/transparency';
import { parseVerifierKey } from '@laborcase/core/transparency';
import { CliError, EXIT } from './errors.js';
import { readJsonFile } from './files.js';
import type { CliIo } from './io.js';

const bad = (file: string, field: string, message: string): CliError => new CliError(EXIT.file, `--keys ${file}: ${field} ${message}`);

const checkKey = (file: string, field: string, value: unknown): string => {
  if (typeof value !== 'string') throw bad(file, field, 'must be a verifier key string');
  try {
    parseVerifierKey(value, field);
  } catch (error) {
    throw bad(file, field, `is not a verifier key (${error instanceof Error ? error.message : String(error)})`);
  }
  return value;
};

export const readKeysFile = async (io: CliIo, file: string, quorumOverride?: number): Promise<CheckpointPolicy> => {
  const json = await readJsonFile(io, '--keys', file);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad(file, 'the file', 'must be a JSON object with origin, log, witnesses, quorum');
  const record = json as Record<string, unknown>;
  if (typeof record['origin'] !== 'string' || record['origin'] === '') throw bad(file, 'origin', 'must be a non-empty string');
  const log = checkKey(file, 'log', record['log']);
  const listed = record['witnesses'] ?? [];
  if (!Array.isArray(listed)) throw bad(file, 'witnesses', 'must be a list of verifier keys');
  const witnesses = listed.map((key: unknown, i) => checkKey(file, `witnesses[${i}]`, key));
  const quorum = quorumOverride ?? record['quorum'] ?? witnesses.length;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    throw bad(file, 'quorum', `must be an integer between 0 and ${witnesses.length} (the witnesses listed), got ${JSON.stringify(quorum)}`);
  return { origin: record['origin'], log, witnesses, quorum };
};
