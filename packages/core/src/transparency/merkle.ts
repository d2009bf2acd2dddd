import { createHash } from 'node:crypto';

/**
 * The RFC 6962 Merkle tree (§2.1) over the global log: leaves in global-position order, each leaf's input the
 * event's chain hash (32 bytes). Everything here is pure; stores keep the hashes of the tree's *perfect
 * subtrees* (`NodeId`s) as they append, and every root and proof is computed from O(log n) of them.
 */

/** A SHA-256 digest. */
export type Hash = Uint8Array;

export const HASH_BYTES = 32;

/**
 * A complete (perfect) subtree: the 2^level leaves starting at `index · 2^level`. Level 0 nodes are the leaf
 * hashes. Every node of an RFC 6962 tree whose size is a power of two is one of these, and so is every node a
 * store must remember: a tree of n leaves has fewer than 2n of them.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Where the perfect-subtree hashes come from (a store's table, an array in memory). */
export type NodeSource = (node: NodeId) => Hash;

const sha256 = (...parts: readonly Uint8Array[]): Hash => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** `SHA-256(0x00 ‖ input)`: the hash of one leaf. */
export const leafHash = (input: Uint8Array): Hash => sha256(LEAF_PREFIX, input);

/** `SHA-256(0x01 ‖ left ‖ right)`: the hash of an inner node. */
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE_PREFIX, left, right);

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

/** The leaf hash of one event: its chain hash (64 hex characters) as the leaf input. */
export const eventLeafHash = (eventHash: string): Hash => {
  if (!/^[0-9a-f]{64}$/.test(eventHash)) throw new TypeError(`an event hash must be 64 lower-case hex characters, got ${JSON.stringify(eventHash)}`);
  return leafHash(Buffer.from(eventHash, 'hex'));
};

export const hashesEqual = (a: Hash, b: Hash): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

export const toHex = (hash: Hash): string => Buffer.from(hash).toString('hex');
export const fromHex = (hex: string): Hash => new Uint8Array(Buffer.from(hex, 'hex'));

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point k. */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

// Arithmetic, not bit operators: tree sizes may pass 2^32.
const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

const assertSize = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
};

/**
 * MTH(D[start:end]). In an RFC 6962 tree every left subtree is perfect and aligned, and a range whose size is a
 * power of two is aligned to it, so such a range is one stored node; anything else splits at k.
 */
const rangeHash = (start: number, end: number, nodes: NodeSource): Hash => {
  const size = end - start;
  if (size === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size)) return nodes({ level: Math.log2(size), index: start / size });
  const k = splitPoint(size);
  return nodeHash(rangeHash(start, start + k, nodes), rangeHash(start + k, end, nodes));
};

/** The root of the tree of the first `size` leaves. */
export const rootHash = (size: number, nodes: NodeSource): Hash => {
  assertSize('size', size);
  return rangeHash(0, size, nodes);
};

/** RFC 6962 §2.1.1 PATH(m, D[0:n]): the inclusion proof of leaf `index` in the tree of `size` leaves. */
export const inclusionProof = (index: number, size: number, nodes: NodeSource): Hash[] => {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const path = (m: number, start: number, end: number): Hash[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < k
      ? [...path(m, start, start + k), rangeHash(start + k, end, nodes)]
      : [...path(m - k, start + k, end), rangeHash(start, start + k, nodes)];
  };
  return path(index, 0, size);
};

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]): the consistency proof from the tree of `oldSize` leaves to `newSize`. */
export const consistencyProof = (oldSize: number, newSize: number, nodes: NodeSource): Hash[] => {
  assertSize('oldSize', oldSize);
  assertSize('newSize', newSize);
  if (oldSize > newSize) throw new RangeError(`a tree of ${oldSize} leaves cannot be a prefix of one of ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Hash[] => {
    if (m === end - start) return whole ? [] : [rangeHash(start, end, nodes)];
    const k = splitPoint(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, whole), rangeHash(start + k, end, nodes)]
      : [...subproof(m - k, start + k, end, false), rangeHash(start, start + k, nodes)];
  };
  return subproof(oldSize, 0, newSize, true);
};

/**
 * The nodes a computation reads, found by running it over placeholder hashes: which nodes are visited depends
 * only on the sizes, never on the hash values, so a store can fetch them all in one query and run it again.
 */
export const nodesRead = (compute: (nodes: NodeSource) => unknown): NodeId[] => {
  const seen = new Map<string, NodeId>();
  const placeholder = new Uint8Array(HASH_BYTES);
  compute((node) => {
    seen.set(`${node.level}:${node.index}`, node);
    return placeholder;
  });
  return [...seen.values()];
};

const half = (n: number): number => Math.floor(n / 2);
const isOdd = (n: number): boolean => n % 2 === 1;

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf with hash `leaf` at `index` in the tree `(size, root)`. */
export const verifyInclusion = (leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(r, root);
};

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree `(oldSize, oldRoot)` is a prefix of `(newSize, newRoot)`. */
export const verifyConsistency = (oldSize: number, newSize: number, oldRoot: Hash, newRoot: Hash, proof: readonly Hash[]): boolean => {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && hashesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && hashesEqual(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(fr, oldRoot) && hashesEqual(sr, newRoot);
};

/**
 * The right edge of a tree of `size` leaves: its maximal perfect subtrees, largest (leftmost) first, one per set
 * bit of `size`. Appending only ever reads these, and the next tree's edge is made of these and new nodes.
 */
export const rightEdge = (size: number): NodeId[] => {
  assertSize('size', size);
  const edge: NodeId[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      edge.push({ level, index: start / width });
      start += width;
    }
  }
  return edge;
};

/** A stored node: its place and hash. */
export interface StoredNode extends NodeId {
  readonly hash: Hash;
}

/**
 * The nodes completed by appending leaves to a tree of `size` leaves: each new leaf, then each parent whose
 * right child it completes. `nodes` must answer for the left siblings, which are all on the old tree's right
 * edge (at most log₂ n of them), so an append touches O(k + log n) nodes.
 */
export const nodesCompletedByAppend = (size: number, leaves: readonly Hash[], nodes: NodeSource): StoredNode[] => {
  assertSize('size', size);
  const completed: StoredNode[] = [];
  const fresh = new Map<string, Hash>();
  const read = (node: NodeId): Hash => fresh.get(`${node.level}:${node.index}`) ?? nodes(node);
  const remember = (node: StoredNode): void => {
    completed.push(node);
    fresh.set(`${node.level}:${node.index}`, node.hash);
  };
  leaves.forEach((leaf, offset) => {
    let node: StoredNode = { level: 0, index: size + offset, hash: leaf };
    remember(node);
    while (isOdd(node.index)) {
      const left = read({ level: node.level, index: node.index - 1 });
      node = { level: node.level + 1, index: half(node.index), hash: nodeHash(left, node.hash) };
      remember(node);
    }
  });
  return completed;
};
