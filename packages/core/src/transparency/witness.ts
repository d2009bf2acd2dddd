import { addCosignature, openCheckpoint, type Checkpoint } from './checkpoint.js';
import { hashesEqual, verifyConsistency, type Hash } from './merkle.js';
import { TransparencyError, parseSignerKey, type NoteSigner, type NoteVerifier } from './notes.js';

/**
 * A witness (c2sp.org/tlog-witness, in process): it remembers the last checkpoint it cosigned for a log and
 * cosigns a new one only if a consistency proof shows the new tree extends the old. A log that was rewritten,
 * truncated or forked after the witness saw it can never get its cosignature again.
 */

/** The witness's memory: the latest tree it cosigned per origin. It must survive restarts (a file, a table). */
export interface WitnessState {
  load(origin: string): Promise<{ readonly size: number; readonly rootHash: Hash } | undefined>;
  /** Store the new latest tree; `previous` is what `load` returned, for a compare-and-swap. */
  save(origin: string, latest: { readonly size: number; readonly rootHash: Hash }, previous: { readonly size: number } | undefined): Promise<void>;
}

export const inMemoryWitnessState = (): WitnessState => {
  const latest = new Map<string, { size: number; rootHash: Hash }>();
  return {
    load: async (origin) => latest.get(origin),
    save: async (origin, tree, previous) => {
      if (latest.get(origin)?.size !== previous?.size) throw new TransparencyError('Inconsistent', `the witness state for ${origin} changed concurrently`, 'state');
      latest.set(origin, { size: tree.size, rootHash: new Uint8Array(tree.rootHash) });
    },
  };
};

export interface WitnessOptions {
  /** The witness's own cosigner key (type 0x04). */
  readonly key: NoteSigner | string;
  /** The log it witnesses: origin and the log's verifier key. */
  readonly origin: string;
  readonly logKey: NoteVerifier | string;
  readonly state: WitnessState;
  readonly clock?: () => Date;
}

export interface Witness {
  readonly name: string;
  /**
   * Cosign `note` if it is signed by the log and consistent with the last tree this witness cosigned;
   * `consistencyProof` goes from that tree to the new one (empty the first time or when the size is unchanged).
   * Returns the note with this witness's cosignature added; throws `TransparencyError` ('Inconsistent') otherwise.
   */
  cosign(note: string, consistencyProof: readonly Hash[]): Promise<string>;
  /** The tree this witness last cosigned, so a log knows which consistency proof to send. */
  latest(): Promise<{ readonly size: number; readonly rootHash: Hash } | undefined>;
}

export const createWitness = (options: WitnessOptions): Witness => {
  const key = typeof options.key === 'string' ? parseSignerKey(options.key, 'key') : options.key;
  const clock = options.clock ?? (() => new Date());
  const refuse = (message: string): never => {
    throw new TransparencyError('Inconsistent', `${key.name} refuses to cosign: ${message}`, 'checkpoint');
  };
  const consistentWithLast = (last: { size: number; rootHash: Hash } | undefined, next: Checkpoint, proof: readonly Hash[]): void => {
    if (last === undefined) return;
    if (next.size < last.size) refuse(`the tree shrank from ${last.size} to ${next.size} leaves`);
    if (next.size === last.size && !hashesEqual(next.rootHash, last.rootHash)) refuse(`a different tree of the same size ${next.size} (a fork)`);
    if (!verifyConsistency(last.size, next.size, last.rootHash, next.rootHash, proof))
      refuse(`the consistency proof from size ${last.size} to ${next.size} does not verify (rewritten or forked history)`);
  };
  return {
    name: key.name,
    latest: () => options.state.load(options.origin),
    async cosign(note, consistencyProof) {
      const { checkpoint } = openCheckpoint(note, { origin: options.origin, log: options.logKey, witnesses: [], quorum: 0 });
      const last = await options.state.load(options.origin);
      consistentWithLast(last, checkpoint, consistencyProof);
      // Remember before releasing the cosignature: a crash between the two must not let an older tree be cosigned later.
      await options.state.save(options.origin, checkpoint, last);
      return addCosignature(note, key, Math.floor(clock().getTime() / 1000));
    },
  };
};
