/**
 * @laborcase/core/transparency: what an auditor needs beyond the per-stream hash chain. An RFC 6962 Merkle tree
 * over the whole log, C2SP checkpoints signed by the log and cosigned by witnesses (both parties), inclusion and
 * consistency proofs, offline proof bundles for one case, and `verifyLog` against a trusted checkpoint.
 */
export {
  EMPTY_ROOT,
  HASH_BYTES,
  consistencyProof,
  eventLeafHash,
  fromHex,
  hashesEqual,
  inclusionProof,
  leafHash,
  nodeHash,
  nodesCompletedByAppend,
  nodesRead,
  rightEdge,
  rootHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeId,
  type NodeSource,
  type StoredNode,
} from './merkle.js';
export {
  COSIGNATURE_V1,
  ED25519,
  TransparencyError,
  formatNote,
  generateNoteKey,
  noteKeyId,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type SignatureType,
  type SignedNote,
  type TransparencyErrorCode,
} from './notes.js';
export {
  addCosignature,
  checkpointText,
  openCheckpoint,
  parseCheckpointText,
  signCheckpoint,
  type Checkpoint,
  type CheckpointPolicy,
  type VerifiedCheckpoint,
} from './checkpoint.js';
export { createWitness, inMemoryWitnessState, type Witness, type WitnessOptions, type WitnessState } from './witness.js';
export { createLogTree, inMemoryTreeStorage, withNodes, type LeafRecord, type LogTree, type LogTreeOptions, type TreeHead, type TreeStorage } from './logTree.js';
export { RootAccumulator, verifyLog, type LogProblem, type LogVerification, type VerifyLogOptions } from './verifyLog.js';
export { PROOF_BUNDLE_FORMAT, createProofBundle, verifyProofBundle, type BundleProblem, type BundleVerification, type ProofBundle } from './proofBundle.js';
