import type { StoredEvent } from '../eventstore/envelope.js';
import type { EventStore } from '../eventstore/port.js';
import { GENESIS_HASH, chainHash } from '../eventstore/chain.js';
import { openCheckpoint, type CheckpointPolicy, type VerifiedCheckpoint } from './checkpoint.js';
import { EMPTY_ROOT, eventLeafHash, hashesEqual, nodeHash, toHex, type Hash } from './merkle.js';
import type { LeafRecord, TreeStorage } from './logTree.js';

/**
 * `verifyLog`: every stream's chain, and the log against a checkpoint the auditor trusts (signed by the log,
 * cosigned by a quorum of witnesses). The chain alone proves events were not altered in place; the checkpoint
 * proves the first `size` events of the log are exactly those the witnesses saw — nothing dropped, reordered,
 * re-hashed or rewritten since.
 */

export type LogProblem =
  /** The event's content no longer hashes to its stored hash. */
  | { readonly kind: 'altered-event'; readonly streamId: string; readonly streamVersion: number; readonly eventId: string }
  /** The event's prevHash is not its predecessor's hash. */
  | { readonly kind: 'broken-chain'; readonly streamId: string; readonly streamVersion: number; readonly eventId: string }
  /** A version of a stream is missing from the log (a gap, or the stream's last events). */
  | { readonly kind: 'missing-event'; readonly streamId: string; readonly streamVersion: number; readonly eventId?: string }
  /** Every event of a stream the checkpoint covers is gone. */
  | { readonly kind: 'deleted-stream'; readonly streamId: string }
  /** The log holds fewer events than the checkpoint's tree. */
  | { readonly kind: 'truncated-log'; readonly checkpointSize: number; readonly logSize: number }
  /** An event sits at another place in the log than when the tree took it in. */
  | { readonly kind: 'reordered'; readonly leafIndex: number; readonly eventId: string }
  /** An event was replaced by one with a new, self-consistent hash (and its stream's later events re-hashed). */
  | { readonly kind: 're-hashed'; readonly leafIndex: number; readonly streamId: string; readonly streamVersion: number; readonly eventId: string }
  /** The log's first `size` events do not hash to the checkpoint's root: a rewritten history or a fork. */
  | { readonly kind: 'history-differs'; readonly checkpointSize: number; readonly expectedRoot: string; readonly actualRoot: string };

export interface LogVerification {
  readonly ok: boolean;
  readonly checkpoint: VerifiedCheckpoint;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  /** Every problem found, in log order; `problems[0]` is the first. */
  readonly problems: readonly LogProblem[];
}

export interface VerifyLogOptions {
  /**
   * The tree's own leaf records, used only to name what changed once the root has shown *that* something did
   * (the verdict never depends on them: whoever altered the events may have altered these too).
   */
  readonly storage?: TreeStorage;
  /** Stop collecting after this many problems (default 100). */
  readonly maxProblems?: number;
}

/** RFC 6962 root of leaves pushed one by one, in O(log n) memory: a stack of perfect subtrees. */
export class RootAccumulator {
  private readonly stack: { size: number; hash: Hash }[] = [];
  private count = 0;
  get size(): number {
    return this.count;
  }
  push(leaf: Hash): void {
    let node = { size: 1, hash: leaf };
    for (let top = this.stack.at(-1); top !== undefined && top.size === node.size; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { size: node.size * 2, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }
  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = (this.stack.at(-1) as { hash: Hash }).hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash((this.stack[i] as { hash: Hash }).hash, hash);
    return hash;
  }
}

const contentHashes = (event: StoredEvent): boolean => {
  try {
    return chainHash(event.prevHash, event) === event.hash;
  } catch {
    return false;
  }
};

export const verifyLog = async (store: EventStore, note: string, policy: CheckpointPolicy, options: VerifyLogOptions = {}): Promise<LogVerification> => {
  const checkpoint = openCheckpoint(note, policy);
  const size = checkpoint.checkpoint.size;
  const maxProblems = options.maxProblems ?? 100;
  const problems: LogProblem[] = [];
  const seen = new Set<string>();
  const report = (problem: LogProblem): void => {
    const key = problem.kind === 'missing-event' ? `${problem.kind}:${problem.streamId}:${problem.streamVersion}` : JSON.stringify(problem);
    if (seen.has(key) || problems.length >= maxProblems) return;
    seen.add(key);
    problems.push(problem);
  };
  // Per stream: the next version expected, the last hash, and versions skipped so far (missing unless they turn up later).
  const streams = new Map<string, { next: number; hash: string; skipped: Set<number> }>();
  const accumulator = new RootAccumulator();
  const inTree: { eventId: string; hash: string }[] = [];
  let count = 0;
  for await (const event of store.readAll()) {
    if (!contentHashes(event)) report({ kind: 'altered-event', streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId });
    const stream = streams.get(event.streamId) ?? { next: 0, hash: GENESIS_HASH, skipped: new Set<number>() };
    streams.set(event.streamId, stream);
    if (event.streamVersion === stream.next) {
      if (event.prevHash !== stream.hash) report({ kind: 'broken-chain', streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.eventId });
    } else if (event.streamVersion > stream.next) {
      for (let v = stream.next; v < event.streamVersion; v++) stream.skipped.add(v);
    } else {
      stream.skipped.delete(event.streamVersion);
      report({ kind: 'reordered', leafIndex: count, eventId: event.eventId });
    }
    if (event.streamVersion >= stream.next) {
      stream.next = event.streamVersion + 1;
      stream.hash = event.hash;
    }
    if (count < size) {
      accumulator.push(eventLeafHash(event.hash));
      if (options.storage !== undefined) inTree.push({ eventId: event.eventId, hash: event.hash });
    }
    count += 1;
  }
  for (const [streamId, stream] of streams) for (const version of [...stream.skipped].sort((a, b) => a - b)) report({ kind: 'missing-event', streamId, streamVersion: version });

  const explained = options.storage === undefined ? undefined : await explain(options.storage, size, inTree);
  if (count < size) {
    // Only the log's last events gone is a truncation; anything else is named by what went missing.
    if (explained === undefined || explained.truncatedAt === count) report({ kind: 'truncated-log', checkpointSize: size, logSize: count });
    else for (const problem of explained.problems) report(problem);
  } else {
    const root = accumulator.root();
    if (!hashesEqual(root, checkpoint.checkpoint.rootHash)) {
      for (const problem of explained?.problems ?? []) report(problem);
      report({ kind: 'history-differs', checkpointSize: size, expectedRoot: toHex(checkpoint.checkpoint.rootHash), actualRoot: toHex(root) });
    }
  }
  return { ok: problems.length === 0, checkpoint, eventsChecked: count, streamsChecked: streams.size, problems };
};

/** Compare the log with the tree's leaf records to name what changed (see `VerifyLogOptions.storage`). */
const explain = async (
  storage: TreeStorage,
  size: number,
  log: readonly { eventId: string; hash: string }[],
): Promise<{ problems: LogProblem[]; truncatedAt: number | undefined }> => {
  const leaves = await storage.leaves(0, size);
  const inLog = new Map(log.map((entry, index) => [entry.eventId, { index, hash: entry.hash }]));
  const changed: LogProblem[] = [];
  const gone: LeafRecord[] = [];
  // Deleted events shift everything after them, so order is judged relatively: a surviving leaf found before the
  // one the tree put ahead of it is out of place.
  let lastFound = -1;
  for (const leaf of leaves) {
    const found = inLog.get(leaf.eventId);
    if (found === undefined) gone.push(leaf);
    else if (found.hash !== leaf.eventHash) changed.push({ kind: 're-hashed', leafIndex: leaf.index, streamId: leaf.streamId, streamVersion: leaf.streamVersion, eventId: leaf.eventId });
    else if (found.index < lastFound) changed.push({ kind: 'reordered', leafIndex: leaf.index, eventId: leaf.eventId });
    if (found !== undefined) lastFound = Math.max(lastFound, found.index);
  }
  const leavesPerStream = new Map<string, number>();
  for (const leaf of leaves) leavesPerStream.set(leaf.streamId, (leavesPerStream.get(leaf.streamId) ?? 0) + 1);
  const goneByStream = new Map<string, LeafRecord[]>();
  for (const leaf of gone) goneByStream.set(leaf.streamId, [...(goneByStream.get(leaf.streamId) ?? []), leaf]);
  const missing = [...goneByStream].flatMap(([streamId, ofStream]): LogProblem[] =>
    ofStream.length === leavesPerStream.get(streamId)
      ? [{ kind: 'deleted-stream', streamId }]
      : ofStream.map((leaf) => ({ kind: 'missing-event', streamId, streamVersion: leaf.streamVersion, eventId: leaf.eventId })),
  );
  // A truncation: nothing changed, and the leaves gone are exactly the tree's last ones.
  const truncated = changed.length === 0 && gone.length > 0 && gone.every((leaf, i) => leaf.index === size - gone.length + i);
  return { problems: [...changed, ...missing], truncatedAt: truncated ? size - gone.length : undefined };
};
