import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { SealedEvent } from '../eventstore/envelope.js';
import type { EventStore } from '../eventstore/port.js';
import { verifyStream } from '../eventstore/chain.js';
import { openCheckpoint, parseCheckpointText, type CheckpointPolicy, type VerifiedCheckpoint } from './checkpoint.js';
import { eventLeafHash, verifyInclusion } from './merkle.js';
import type { LogTree, TreeStorage } from './logTree.js';
import { TransparencyError, parseNote } from './notes.js';

/**
 * An offline proof bundle for one case (modelled on c2sp.org/tlog-proof): the stream's events as stored, each
 * with its leaf index and inclusion proof in a cosigned checkpoint, and that checkpoint. An arbitrator verifies it
 * with the bundle and the parties' public keys alone: every event hashes to its chain hash, the chain runs
 * unbroken from the stream's first event, and every event is in the tree both parties' witnesses cosigned.
 * What it cannot show: events of the stream appended after the checkpoint.
 */
export const PROOF_BUNDLE_FORMAT = 'laborcase.dev/proof-bundle@v1';

const Base64Hash = t.refinement(t.string, (s) => /^[A-Za-z0-9+/]{43}=$/.test(s), 'Base64Hash');
const EventCodec = t.type({
  eventId: t.string,
  streamId: t.string,
  streamVersion: t.number,
  type: t.string,
  schemaVersion: t.number,
  data: t.unknown,
  metadata: t.UnknownRecord,
  prevHash: t.string,
  hash: t.string,
});
const BundleCodec = t.type({
  format: t.literal(PROOF_BUNDLE_FORMAT),
  streamId: t.string,
  checkpoint: t.string,
  entries: t.array(t.type({ leafIndex: t.number, inclusionProof: t.array(Base64Hash), event: EventCodec })),
});
export type ProofBundle = t.TypeOf<typeof BundleCodec>;

/** Build the bundle of `streamId`'s events in the tree of the (already signed and cosigned) checkpoint `note`. */
export const createProofBundle = async (tree: LogTree, storage: TreeStorage, store: EventStore, streamId: string, note: string): Promise<ProofBundle> => {
  const { size, rootHash } = parseCheckpointText(parseNote(note).text);
  const ours = await tree.checkpoint(size);
  if (Buffer.compare(ours.rootHash, rootHash) !== 0)
    throw new TransparencyError('Inconsistent', `the checkpoint's root is not this tree's root at size ${size}`, 'checkpoint');
  const leaves = (await storage.leavesOfStream(streamId)).filter((leaf) => leaf.index < size);
  if (leaves.length === 0) throw new TransparencyError('InvalidArgument', `stream ${streamId} has no event in the checkpoint's tree`, 'streamId');
  const events = new Map<string, SealedEvent>();
  for await (const event of store.readStream(streamId, { toVersion: Math.max(...leaves.map((leaf) => leaf.streamVersion)) })) {
    const { globalPosition: _position, ...sealed } = event;
    events.set(event.eventId, sealed);
  }
  const entries = await Promise.all(
    leaves.map(async (leaf) => {
      const event = events.get(leaf.eventId);
      if (event === undefined) throw new TransparencyError('Inconsistent', `event ${leaf.eventId} of ${streamId} is in the tree but not in the store`, 'streamId');
      const proof = await tree.inclusionProof(leaf.index, size);
      return { leafIndex: leaf.index, inclusionProof: proof.map((hash) => Buffer.from(hash).toString('base64')), event: { ...event, metadata: { ...event.metadata } } };
    }),
  );
  return { format: PROOF_BUNDLE_FORMAT, streamId, checkpoint: note, entries };
};

export type BundleProblem =
  | { readonly kind: 'chain'; readonly streamVersion: number; readonly detail: string }
  | { readonly kind: 'not-included'; readonly leafIndex: number; readonly eventId: string }
  | { readonly kind: 'foreign-event'; readonly eventId: string };

export interface BundleVerification {
  readonly ok: boolean;
  readonly streamId: string;
  readonly checkpoint: VerifiedCheckpoint;
  readonly events: number;
  readonly problems: readonly BundleProblem[];
}

/**
 * Verify a bundle (parsed JSON of any shape) under a trust policy. A malformed bundle or a checkpoint that fails
 * the policy throws `TransparencyError` naming the field; a well-formed bundle whose events do not check out
 * returns `ok: false` with every problem found.
 */
export const verifyProofBundle = (bundle: unknown, policy: CheckpointPolicy): BundleVerification => {
  const decoded = BundleCodec.decode(bundle);
  if (isLeft(decoded)) {
    const path = decoded.left[0]?.context.map((c) => c.key).filter((k) => k !== '').join('.') ?? '';
    throw new TransparencyError('MalformedNote', `the proof bundle is malformed at ${path || 'its root'}`, path || 'bundle');
  }
  const { streamId, entries } = decoded.right;
  const checkpoint = openCheckpoint(decoded.right.checkpoint, policy);
  const { size, rootHash } = checkpoint.checkpoint;
  const problems: BundleProblem[] = [];
  const ordered = [...entries].sort((a, b) => a.event.streamVersion - b.event.streamVersion);
  for (const entry of ordered) {
    if (entry.event.streamId !== streamId) problems.push({ kind: 'foreign-event', eventId: entry.event.eventId });
    let included = false;
    try {
      included = verifyInclusion(eventLeafHash(entry.event.hash), entry.leafIndex, size, entry.inclusionProof.map((p) => new Uint8Array(Buffer.from(p, 'base64'))), rootHash);
    } catch {
      included = false;
    }
    if (!included) problems.push({ kind: 'not-included', leafIndex: entry.leafIndex, eventId: entry.event.eventId });
  }
  const chain = verifyStream(ordered.map((entry) => entry.event as unknown as SealedEvent));
  if (!chain.ok) problems.push({ kind: 'chain', streamVersion: chain.streamVersion, detail: chain.detail });
  return { ok: problems.length === 0, streamId, checkpoint, events: entries.length, problems };
};
