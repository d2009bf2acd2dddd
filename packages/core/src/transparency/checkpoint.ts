import { HASH_BYTES, type Hash } from './merkle.js';
import {
  COSIGNATURE_V1,
  ED25519,
  TransparencyError,
  formatNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  sameKey,
  verifyEd25519,
  type NoteSigner,
  type NoteVerifier,
  type SignedNote,
} from './notes.js';

/**
 * Checkpoints (c2sp.org/tlog-checkpoint): the log's origin, tree size and root hash as a signed note, signed by
 * the log's key (type 0x01) and cosigned by witnesses (type 0x04, c2sp.org/tlog-cosignature).
 */
export interface Checkpoint {
  /** The log's identity, e.g. `ecps.example/labor-relations`. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Hash;
  readonly extensions: readonly string[];
}

export const checkpointText = (checkpoint: Checkpoint): string =>
  [checkpoint.origin, String(checkpoint.size), Buffer.from(checkpoint.rootHash).toString('base64'), ...checkpoint.extensions].map((line) => `${line}\n`).join('');

export const parseCheckpointText = (text: string, field = 'checkpoint'): Checkpoint => {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3 || lines.some((line) => line.length === 0))
    throw new TransparencyError('MalformedCheckpoint', `${field} must be at least three non-empty lines, each ending in a newline`, field);
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new TransparencyError('MalformedCheckpoint', `${field} tree size ${JSON.stringify(size)} is not a decimal without leading zeroes`, field);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root)
    throw new TransparencyError('MalformedCheckpoint', `${field} root hash is not the base64 of 32 bytes`, field);
  return { origin, size: Number(size), rootHash: new Uint8Array(rootHash), extensions };
};

const asSigner = (key: NoteSigner | string, field: string): NoteSigner => (typeof key === 'string' ? parseSignerKey(key, field) : key);
const asVerifier = (key: NoteVerifier | string, field: string): NoteVerifier => (typeof key === 'string' ? parseVerifierKey(key, field) : key);

/** The log signs a checkpoint with its 0x01 key; the key name should be the origin. */
export const signCheckpoint = (checkpoint: Checkpoint, logKey: NoteSigner | string): string => {
  const signer = asSigner(logKey, 'logKey');
  if (signer.type !== ED25519) throw new TransparencyError('InvalidArgument', 'logKey must be a log key (type 0x01), not a cosigner key', 'logKey');
  const text = checkpointText(checkpoint);
  parseCheckpointText(text);
  return formatNote({ text, signatures: [{ keyName: signer.name, keyId: signer.keyId, signature: signer.signBytes(Buffer.from(text, 'utf8')) }] });
};

const cosignedMessage = (text: string, timestamp: bigint): Buffer => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');

/**
 * Add a cosignature to a checkpoint note. This only signs: deciding whether to (the consistency check against
 * what the cosigner saw before) is the witness's job (`createWitness`).
 */
export const addCosignature = (note: string, cosignerKey: NoteSigner | string, timestampSeconds: number): string => {
  const signer = asSigner(cosignerKey, 'cosignerKey');
  if (signer.type !== COSIGNATURE_V1) throw new TransparencyError('InvalidArgument', 'cosignerKey must be a cosigner key (type 0x04)', 'cosignerKey');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new TransparencyError('InvalidArgument', 'timestamp must be whole seconds since the epoch', 'timestamp');
  const parsed = parseNote(note);
  parseCheckpointText(parsed.text);
  const timestamp = BigInt(timestampSeconds);
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(timestamp);
  const signature = new Uint8Array(Buffer.concat([stamp, signer.signBytes(cosignedMessage(parsed.text, timestamp))]));
  const others = parsed.signatures.filter((s) => !sameKey(s, signer));
  return formatNote({ text: parsed.text, signatures: [...others, { keyName: signer.name, keyId: signer.keyId, signature }] });
};

/** Who must have signed: the log's key, and at least `quorum` of the listed witnesses (e.g. both parties). */
export interface CheckpointPolicy {
  readonly origin: string;
  readonly log: NoteVerifier | string;
  readonly witnesses?: readonly (NoteVerifier | string)[];
  readonly quorum?: number;
}

export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: string;
  /** The witnesses whose cosignatures verified, with the time each cosigned (seconds since the epoch). */
  readonly cosignedBy: readonly { readonly name: string; readonly timestamp: number }[];
}

const verifyCosignature = (parsed: SignedNote, signature: Uint8Array, witness: NoteVerifier): number | undefined => {
  if (signature.length !== 8 + 64) return undefined;
  const timestamp = Buffer.from(signature.subarray(0, 8)).readBigUInt64BE();
  if (timestamp > 2n ** 63n - 1n) return undefined;
  return verifyEd25519(witness.publicKey, cosignedMessage(parsed.text, timestamp), signature.subarray(8)) ? Number(timestamp) : undefined;
};

/**
 * Open a checkpoint note under a trust policy: the origin must match, the log's signature must verify, every
 * signature by a known key must verify (one bad signature from a known key rejects the note, as the signed-note
 * spec recommends), unknown signatures are ignored, and at least `quorum` witnesses must have cosigned.
 */
export const openCheckpoint = (note: string, policy: CheckpointPolicy): VerifiedCheckpoint => {
  const log = asVerifier(policy.log, 'policy.log');
  const witnesses = (policy.witnesses ?? []).map((w, i) => asVerifier(w, `policy.witnesses[${i}]`));
  const quorum = policy.quorum ?? witnesses.length;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    throw new TransparencyError('InvalidArgument', `policy.quorum must be between 0 and the number of witnesses (${witnesses.length})`, 'policy.quorum');
  const parsed = parseNote(note);
  const checkpoint = parseCheckpointText(parsed.text);
  if (checkpoint.origin !== policy.origin)
    throw new TransparencyError('SignatureInvalid', `the checkpoint is for origin ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(policy.origin)}`, 'origin');
  let logSigned = false;
  const cosignedBy: { name: string; timestamp: number }[] = [];
  for (const signature of parsed.signatures) {
    if (sameKey(signature, log)) {
      if (!verifyEd25519(log.publicKey, Buffer.from(parsed.text, 'utf8'), signature.signature))
        throw new TransparencyError('SignatureInvalid', `the log signature by ${log.name} does not verify`, log.name);
      logSigned = true;
      continue;
    }
    const witness = witnesses.find((w) => sameKey(signature, w));
    if (witness === undefined) continue;
    const timestamp = verifyCosignature(parsed, signature.signature, witness);
    if (timestamp === undefined) throw new TransparencyError('SignatureInvalid', `the cosignature by ${witness.name} does not verify`, witness.name);
    if (!cosignedBy.some((c) => c.name === witness.name)) cosignedBy.push({ name: witness.name, timestamp });
  }
  if (!logSigned) throw new TransparencyError('SignatureInvalid', `the checkpoint carries no signature by the log key ${log.name}`, log.name);
  if (cosignedBy.length < quorum)
    throw new TransparencyError('QuorumNotMet', `${cosignedBy.length} of the required ${quorum} witnesses cosigned (${cosignedBy.map((c) => c.name).join(', ') || 'none'})`, 'policy.quorum');
  return { checkpoint, note, cosignedBy };
};
