/**
 * Signed checkpoints from the command line: `checkpoint sign` (the log's key), `checkpoint cosign` (a witness's
 * key, with its memory of the last tree it cosigned kept in a state file), `checkpoint show`, `proof` (an offline
 * bundle for one stream) and `verify-bundle`.
 */
import {
  createLogTree,
  createProofBundle,
  createWitness,
  parseCheckpointText,
  parseNote,
  parseSignerKey,
  signCheckpoint,
  toHex,
  TransparencyError,
  type Hash,
  type TreeStorage,
  type WitnessState,
} from '@laborcase/core/transparency';
import type { EventStore } from '@laborcase/core';
import { CliError, EXIT } from '../errors.js';
import { readJsonFile, readText, writeText } from '../files.js';
import type { CliIo } from '../io.js';

const transparencyFailure = (what: string, error: unknown): never => {
  if (error instanceof TransparencyError) throw new CliError(EXIT.problem, `${what}: ${error.message}`, { cause: error });
  throw error;
};

export const readSignerKey = async (io: CliIo, flag: string, file: string): Promise<string> => {
  const text = (await readText(io, flag, file)).trim();
  try {
    parseSignerKey(text, flag);
  } catch (error) {
    throw new CliError(EXIT.file, `${flag} ${file}: not a signer key (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return text;
};

export const readNote = async (io: CliIo, flag: string, file: string): Promise<string> => {
  const text = await readText(io, flag, file);
  try {
    parseCheckpointText(parseNote(text).text);
  } catch (error) {
    throw new CliError(EXIT.file, `${flag} ${file}: not a checkpoint note (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return text;
};

/** Integrate the log into its tree, then sign the checkpoint of the whole tree with the log's key. */
export const signLogCheckpoint = async (store: EventStore, storage: TreeStorage, logKey: string, origin: string | undefined): Promise<string> => {
  const name = origin ?? parseSignerKey(logKey).name;
  try {
    const tree = createLogTree({ store, storage, origin: name });
    await tree.integrate();
    return signCheckpoint(await tree.checkpoint(), logKey);
  } catch (error) {
    return transparencyFailure('checkpoint sign', error);
  }
};

/** A witness's memory in a JSON file: `{ "<origin>": { "size": n, "rootHash": "<hex>" } }`, written after each cosignature. */
export const fileWitnessState = (io: CliIo, file: string): WitnessState => {
  const load = async (): Promise<Record<string, { size: number; rootHash: string }>> => {
    let text: string;
    try {
      text = await readText(io, '--state', file);
    } catch (error) {
      // Only a missing file is a witness's first cosignature; an unreadable one must not reset its memory.
      if (error instanceof CliError && (error.cause as { code?: unknown } | undefined)?.code === 'ENOENT') return {};
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliError(EXIT.file, `--state ${file}: must be a JSON object keyed by origin`);
    return json as Record<string, { size: number; rootHash: string }>;
  };
  return {
    load: async (origin) => {
      const entry = (await load())[origin];
      if (entry === undefined) return undefined;
      if (!Number.isSafeInteger(entry.size) || typeof entry.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(entry.rootHash))
        throw new CliError(EXIT.file, `--state ${file}: ${origin} must have a size and a 64-hex-digit rootHash`);
      return { size: entry.size, rootHash: Uint8Array.from(Buffer.from(entry.rootHash, 'hex')) };
    },
    save: async (origin, latest, previous) => {
      const all = await load();
      if (all[origin]?.size !== previous?.size) throw new CliError(EXIT.problem, `--state ${file}: changed while cosigning ${origin}; run again`);
      all[origin] = { size: latest.size, rootHash: toHex(latest.rootHash) };
      await writeText(io, '--state', file, `${JSON.stringify(all, null, 2)}\n`);
    },
  };
};

export interface CosignInput {
  readonly note: string;
  readonly witnessKey: string;
  readonly logVerifierKey: string;
  readonly state: WitnessState;
  readonly clock: () => Date;
  /** The consistency proof from the witness's last tree to the note's, from the log's tree. */
  readonly proof: (oldSize: number, newSize: number) => Promise<readonly Hash[]>;
}

/** Cosign `note` only if it is consistent with the last tree this witness cosigned (the witness refuses otherwise). */
export const cosignCheckpoint = async (input: CosignInput): Promise<string> => {
  try {
    const { origin, size } = parseCheckpointText(parseNote(input.note).text);
    const witness = createWitness({ key: input.witnessKey, origin, logKey: input.logVerifierKey, state: input.state, clock: input.clock });
    const last = await witness.latest();
    const proof = last === undefined || last.size === 0 || last.size >= size ? [] : await input.proof(last.size, size);
    return await witness.cosign(input.note, proof);
  } catch (error) {
    return transparencyFailure('checkpoint cosign', error);
  }
};

export const showCheckpoint = (note: string): string => {
  const parsed = parseNote(note);
  const checkpoint = parseCheckpointText(parsed.text);
  const signatures = parsed.signatures.map((s) => `  signed by ${s.keyName} (key id ${Buffer.from(s.keyId).toString('hex')})`);
  return `origin: ${checkpoint.origin}\ntree size: ${checkpoint.size}\nroot hash: ${toHex(checkpoint.rootHash)}\n${signatures.join('\n')}\n`;
};

export const proofBundle = async (store: EventStore, storage: TreeStorage, streamId: string, note: string): Promise<string> => {
  try {
    const { origin } = parseCheckpointText(parseNote(note).text);
    const tree = createLogTree({ store, storage, origin });
    await tree.integrate();
    return `${JSON.stringify(await createProofBundle(tree, storage, store, streamId, note), null, 2)}\n`;
  } catch (error) {
    return transparencyFailure(`proof ${streamId}`, error);
  }
};

export const readBundle = (io: CliIo, file: string): Promise<unknown> => readJsonFile(io, 'bundle', file);
