import type { StoredEvent } from '../eventstore/envelope.js';
import type { EventStore } from '../eventstore/port.js';
import { START, type GlobalPosition } from '../eventstore/position.js';
import type { Checkpoint } from './checkpoint.js';
import {
  consistencyProof,
  eventLeafHash,
  inclusionProof,
  nodesCompletedByAppend,
  nodesRead,
  rightEdge,
  rootHash,
  type Hash,
  type NodeId,
  type NodeSource,
  type StoredNode,
} from './merkle.js';
import { TransparencyError, isValidKeyName } from './notes.js';

/**
 * The Merkle tree over a store's global log, kept by a follower rather than inside each append. Why a follower:
 * the SQL stores fix global order only when a transaction's id falls below the oldest running one (see the
 * `readAll` horizon), so a leaf index cannot be known inside the append transaction without serialising every
 * writer on one counter — the concurrency the append path is built to keep. The follower integrates the final
 * prefix of the log in order, which is exactly the order `readAll` gives every reader, on every store.
 */

/** One leaf: which event sits at which index of the tree. */
export interface LeafRecord {
  readonly index: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventHash: string;
  readonly globalPosition: GlobalPosition;
}

/** How far the tree has integrated the log. */
export interface TreeHead {
  readonly size: number;
  /** The global position of the last integrated event (`START` for the empty tree). */
  readonly position: GlobalPosition;
}

/** Where a tree keeps its nodes and leaves (memory, SQL tables next to the events). */
export interface TreeStorage {
  head(): Promise<TreeHead>;
  /** The hashes of these perfect-subtree nodes, in the order asked; every one must exist. */
  readNodes(ids: readonly NodeId[]): Promise<readonly Hash[]>;
  /**
   * Add nodes and leaves and move the head from `from` to `to`, atomically, only if the head is still `from`.
   * Resolves `false` (writing nothing) if another integrator moved it first.
   */
  integrate(from: TreeHead, to: TreeHead, nodes: readonly StoredNode[], leaves: readonly LeafRecord[]): Promise<boolean>;
  /** The leaves of one stream's events, by index. */
  leavesOfStream(streamId: string): Promise<readonly LeafRecord[]>;
  /** Leaves `from` (inclusive) up to `to` (exclusive), by index. */
  leaves(from: number, to: number): Promise<readonly LeafRecord[]>;
}

const key = (node: NodeId): string => `${node.level}:${node.index}`;
const missingNode = (node: NodeId): never => {
  throw new TransparencyError('Inconsistent', `tree node ${key(node)} is missing`);
};

export const inMemoryTreeStorage = (): TreeStorage => {
  const nodes = new Map<string, Hash>();
  const leaves: LeafRecord[] = [];
  let head: TreeHead = { size: 0, position: START };
  return {
    head: async () => head,
    readNodes: async (ids) =>
      ids.map((id) => {
        return nodes.get(key(id)) ?? missingNode(id);
      }),
    integrate: async (from, to, added, addedLeaves) => {
      if (head.size !== from.size || head.position !== from.position) return false;
      for (const node of added) nodes.set(key(node), node.hash);
      leaves.push(...addedLeaves);
      head = to;
      return true;
    },
    leavesOfStream: async (streamId) => leaves.filter((leaf) => leaf.streamId === streamId),
    leaves: async (from, to) => leaves.slice(from, to),
  };
};

/** These nodes' hashes in one storage read, by `key`. */
const fetchNodes = async (storage: TreeStorage, ids: readonly NodeId[]): Promise<Map<string, Hash>> => {
  const hashes = await storage.readNodes(ids);
  return new Map(ids.map((id, i) => [key(id), hashes[i] as Hash]));
};

/** Fetch every node a computation reads in one call, then run it over them. */
export const withNodes = async <T>(storage: TreeStorage, compute: (nodes: NodeSource) => T): Promise<T> => {
  const fetched = await fetchNodes(storage, nodesRead(compute));
  return compute((id) => {
    const hash = fetched.get(key(id));
    if (hash === undefined) throw new TransparencyError('Inconsistent', `tree node ${key(id)} was not fetched`);
    return hash;
  });
};

export interface LogTreeOptions {
  readonly store: EventStore;
  readonly storage: TreeStorage;
  /** The log's identity in its checkpoints (tlog-checkpoint origin line), e.g. `ecps.example/labor-relations`. */
  readonly origin: string;
  /** Events per integration transaction (default 1,000). */
  readonly batchSize?: number;
}

export interface LogTree {
  readonly origin: string;
  /** Integrate every event the store's log has now (in batches). Returns the new head. */
  integrate(): Promise<TreeHead>;
  /**
   * Keep integrating as the log grows, until `signal` aborts: wait for new events, then let `settleMs` pass
   * (default 1,000) so a busy log is taken in a batch per transaction instead of one event at a time, which keeps
   * the follower's cost off the writers. Resolves with the head after a last integration.
   */
  follow(options: { readonly signal: AbortSignal; readonly settleMs?: number }): Promise<TreeHead>;
  /** The checkpoint body of the tree at `size` (default: the integrated size). Sign it with `signCheckpoint`. */
  checkpoint(size?: number): Promise<Checkpoint>;
  inclusionProof(leafIndex: number, size: number): Promise<Hash[]>;
  consistencyProof(oldSize: number, newSize: number): Promise<Hash[]>;
  head(): Promise<TreeHead>;
}

const leafOf = (event: StoredEvent, index: number): LeafRecord => ({
  index,
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  eventHash: event.hash,
  globalPosition: event.globalPosition,
});

export const createLogTree = (options: LogTreeOptions): LogTree => {
  const { store, storage } = options;
  if (!isValidKeyName(options.origin)) throw new TransparencyError('InvalidArgument', 'origin must be a non-empty name without spaces or +', 'origin');
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new TransparencyError('InvalidArgument', 'batchSize must be a positive integer', 'batchSize');

  // What this tree wrote last: its head and the hashes on its right edge, the only nodes the next append reads.
  // Kept between batches so that a follower's integration is one read of the log and one write; forgotten when
  // another integrator moves the head (the compare-and-swap fails), then read back from storage.
  let last: { head: TreeHead; edge: Map<string, Hash> } | undefined;

  const integrateBatch = async (): Promise<{ head: TreeHead; done: boolean }> => {
    const from = last?.head ?? (await storage.head());
    const events: StoredEvent[] = [];
    for await (const event of store.readAll({ after: from.position, maxCount: batchSize })) events.push(event);
    if (events.length === 0) return { head: from, done: true };
    const edge = last?.edge ?? (await fetchNodes(storage, rightEdge(from.size)));
    const leaves = events.map((event, i) => leafOf(event, from.size + i));
    const completed = nodesCompletedByAppend(
      from.size,
      events.map((event) => eventLeafHash(event.hash)),
      (id) => edge.get(key(id)) ?? missingNode(id),
    );
    const to: TreeHead = { size: from.size + events.length, position: (events[events.length - 1] as StoredEvent).globalPosition };
    if (!(await storage.integrate(from, to, completed, leaves))) {
      // Another integrator got there first: go round again from its head.
      last = undefined;
      return { head: await storage.head(), done: false };
    }
    const known = new Map(edge);
    for (const node of completed) known.set(key(node), node.hash);
    last = { head: to, edge: new Map(rightEdge(to.size).map((id) => [key(id), known.get(key(id)) ?? missingNode(id)])) };
    return { head: to, done: false };
  };

  const integrateAll = async (): Promise<TreeHead> => {
    for (;;) {
      const { head, done } = await integrateBatch();
      if (done) return head;
    }
  };

  const assertSize = async (size: number, field: string): Promise<void> => {
    const head = await storage.head();
    if (!Number.isSafeInteger(size) || size < 0 || size > head.size)
      throw new TransparencyError('InvalidArgument', `${field} must be between 0 and the integrated size ${head.size}, got ${size}`, field);
  };

  return {
    origin: options.origin,
    head: () => storage.head(),
    integrate: integrateAll,
    async follow({ signal, settleMs = 1000 }) {
      if (!(signal instanceof AbortSignal)) throw new TransparencyError('InvalidArgument', 'signal must be an AbortSignal', 'signal');
      if (!Number.isFinite(settleMs) || settleMs < 0) throw new TransparencyError('InvalidArgument', 'settleMs must be a non-negative number', 'settleMs');
      let head = await integrateAll();
      while (!signal.aborted) {
        if (!(await store.waitForEvents(head.position, { signal }))) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, settleMs);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        head = await integrateAll();
      }
      return integrateAll();
    },
    async checkpoint(size) {
      const at = size ?? (await storage.head()).size;
      await assertSize(at, 'size');
      return { origin: options.origin, size: at, rootHash: await withNodes(storage, (nodes) => rootHash(at, nodes)), extensions: [] };
    },
    async inclusionProof(leafIndex, size) {
      await assertSize(size, 'size');
      if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= size)
        throw new TransparencyError('InvalidArgument', `leafIndex must be below the tree size ${size}, got ${leafIndex}`, 'leafIndex');
      return withNodes(storage, (nodes) => inclusionProof(leafIndex, size, nodes));
    },
    async consistencyProof(oldSize, newSize) {
      await assertSize(newSize, 'newSize');
      if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > newSize)
        throw new TransparencyError('InvalidArgument', `oldSize must be between 0 and newSize ${newSize}, got ${oldSize}`, 'oldSize');
      return withNodes(storage, (nodes) => consistencyProof(oldSize, newSize, nodes));
    },
  };
};
