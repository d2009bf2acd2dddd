import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys through `node:crypto`: a text ending in a newline,
 * a blank line, then one `— <key name> base64(key ID ‖ signature)` line per signature. Two signature types are
 * used: 0x01 (plain Ed25519: the log's own signature on a checkpoint) and 0x04 (timestamped Ed25519
 * cosignatures, c2sp.org/tlog-cosignature). Keys travel as text in the `note` package's encodings:
 * `<name>+<key id hex>+base64(type ‖ public key)` for verifiers and `PRIVATE+KEY+<name>+<key id hex>+base64(type
 * ‖ seed)` for signers. The library never generates a key by itself nor stores one: `generateNoteKey` hands both
 * texts to the caller.
 */

export type TransparencyErrorCode =
  | 'MalformedNote'
  | 'MalformedKey'
  | 'MalformedCheckpoint'
  | 'SignatureInvalid'
  | 'QuorumNotMet'
  | 'Inconsistent'
  | 'InvalidArgument';

/** Every refusal of the transparency module: a code, and the field or key it is about. */
export class TransparencyError extends Error {
  override readonly name = 'TransparencyError';
  constructor(
    readonly code: TransparencyErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const ED25519 = 0x01;
export const COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof ED25519 | typeof COSIGNATURE_V1;

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Key names are non-empty and hold no Unicode space and no '+' (signed-note §Format). */
export const isValidKeyName = (name: unknown): name is string => typeof name === 'string' && name.length > 0 && !/[\s+\u2014]/u.test(name) && !/[\x00-\x1f]/.test(name);

const assertKeyName = (name: unknown, field: string): string => {
  if (!isValidKeyName(name)) throw new TransparencyError('InvalidArgument', `${field} must be a non-empty key name without spaces or '+', got ${JSON.stringify(name)}`, field);
  return name;
};

/** `SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]`. */
export const noteKeyId = (name: string, type: SignatureType, publicKey: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(publicKey).digest().subarray(0, 4));

export interface NoteVerifier {
  readonly name: string;
  readonly type: SignatureType;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The verifier key text, for configuration files. */
  readonly text: string;
}

export interface NoteSigner {
  readonly name: string;
  readonly type: SignatureType;
  readonly keyId: Uint8Array;
  readonly verifier: NoteVerifier;
  /** Raw Ed25519 signature of `message`. */
  signBytes(message: Uint8Array): Uint8Array;
}

const publicKeyObject = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });

export const verifyEd25519 = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
};

const makeVerifier = (name: string, type: SignatureType, publicKey: Uint8Array): NoteVerifier => {
  const keyId = noteKeyId(name, type, publicKey);
  return {
    name,
    type,
    keyId,
    publicKey,
    text: `${name}+${Buffer.from(keyId).toString('hex')}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`,
  };
};

const decodeKeyMaterial = (text: string, field: string): { name: string; keyId: string; type: SignatureType; material: Buffer } => {
  // Split at the first two '+' only: names and key ids hold none, base64 may.
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new TransparencyError('MalformedKey', `${field} must read <name>+<key id>+<base64 key>`, field);
  const [name, keyId, encoded] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  if (!isValidKeyName(name)) throw new TransparencyError('MalformedKey', `${field} has an invalid key name`, field);
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw new TransparencyError('MalformedKey', `${field} has an invalid key id ${JSON.stringify(keyId)}`, field);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new TransparencyError('MalformedKey', `${field} key material is not base64`, field);
  const bytes = Buffer.from(encoded, 'base64');
  const type = bytes[0];
  if ((type !== ED25519 && type !== COSIGNATURE_V1) || bytes.length !== 33) throw new TransparencyError('MalformedKey', `${field} is not an Ed25519 key of type 0x01 or 0x04`, field);
  return { name, keyId, type, material: bytes.subarray(1) };
};

/** Parse a verifier key text, checking that its key id matches its name, type and public key. */
export const parseVerifierKey = (text: unknown, field = 'verifierKey'): NoteVerifier => {
  if (typeof text !== 'string') throw new TransparencyError('MalformedKey', `${field} must be a string`, field);
  const { name, keyId, type, material } = decodeKeyMaterial(text.trim(), field);
  const verifier = makeVerifier(name, type, new Uint8Array(material));
  if (Buffer.from(verifier.keyId).toString('hex') !== keyId) throw new TransparencyError('MalformedKey', `${field}: the key id does not match the key`, field);
  return verifier;
};

/** Parse a signer key text (`PRIVATE+KEY+…`). */
export const parseSignerKey = (text: unknown, field = 'signerKey'): NoteSigner => {
  if (typeof text !== 'string' || !text.trim().startsWith('PRIVATE+KEY+')) throw new TransparencyError('MalformedKey', `${field} must start with PRIVATE+KEY+`, field);
  const { name, keyId, type, material } = decodeKeyMaterial(text.trim().slice('PRIVATE+KEY+'.length), field);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, material]), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length));
  const verifier = makeVerifier(name, type, publicKey);
  if (Buffer.from(verifier.keyId).toString('hex') !== keyId) throw new TransparencyError('MalformedKey', `${field}: the key id does not match the key`, field);
  return { name, type, keyId: verifier.keyId, verifier, signBytes: (message) => new Uint8Array(sign(null, message, privateKey)) };
};

/**
 * A fresh Ed25519 key pair as texts, for the caller to store: `log` keys sign checkpoints (type 0x01),
 * `cosigner` keys cosign them (type 0x04; tlog-cosignature requires a distinct key per cosigner).
 */
export const generateNoteKey = (name: string, kind: 'log' | 'cosigner'): { readonly signerKey: string; readonly verifierKey: string } => {
  assertKeyName(name, 'name');
  const type: SignatureType = kind === 'log' ? ED25519 : COSIGNATURE_V1;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length));
  const verifier = makeVerifier(name, type, raw);
  const keyIdHex = Buffer.from(verifier.keyId).toString('hex');
  return {
    signerKey: `PRIVATE+KEY+${name}+${keyIdHex}+${Buffer.concat([Buffer.from([type]), seed]).toString('base64')}`,
    verifierKey: verifier.text,
  };
};

export interface NoteSignature {
  readonly keyName: string;
  readonly keyId: Uint8Array;
  /** The bytes after the key id: the Ed25519 signature, or timestamp ‖ signature for a cosignature. */
  readonly signature: Uint8Array;
}

export interface SignedNote {
  /** The note text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

const MAX_SIGNATURES = 64;

/** Split a signed note into its text and signature lines; the text is separated by the last blank line. */
export const parseNote = (note: unknown, field = 'note'): SignedNote => {
  if (typeof note !== 'string') throw new TransparencyError('MalformedNote', `${field} must be a string`, field);
  if (/[\x00-\x09\x0b-\x1f]/.test(note)) throw new TransparencyError('MalformedNote', `${field} contains a control character`, field);
  if (!note.endsWith('\n')) throw new TransparencyError('MalformedNote', `${field} must end with a newline`, field);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new TransparencyError('MalformedNote', `${field} has no blank line before its signatures`, field);
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new TransparencyError('MalformedNote', `${field} has more than ${MAX_SIGNATURES} signatures`, field);
  const signatures = lines.map((line, i): NoteSignature => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (match === null) throw new TransparencyError('MalformedNote', `${field} signature line ${i + 1} is malformed`, field);
    const bytes = Buffer.from(match[2] as string, 'base64');
    if (bytes.length < 5) throw new TransparencyError('MalformedNote', `${field} signature line ${i + 1} is too short`, field);
    return { keyName: match[1] as string, keyId: new Uint8Array(bytes.subarray(0, 4)), signature: new Uint8Array(bytes.subarray(4)) };
  });
  return { text, signatures };
};

export const formatNote = (note: SignedNote): string =>
  `${note.text}\n${note.signatures.map((s) => `\u2014 ${s.keyName} ${Buffer.concat([s.keyId, s.signature]).toString('base64')}\n`).join('')}`;

export const sameKey = (signature: NoteSignature, key: { readonly name: string; readonly keyId: Uint8Array }): boolean =>
  signature.keyName === key.name && Buffer.compare(signature.keyId, key.keyId) === 0;
