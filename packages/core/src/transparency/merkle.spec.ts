import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  consistencyProof,
  fromHex,
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
  type NodeSource,
} from './merkle.js';

/** Nodes kept the way a store keeps them: appended leaf by leaf (or batch by batch) through `nodesCompletedByAppend`. */
const treeOf = (leaves: readonly Hash[], batches: readonly number[] = [leaves.length]) => {
  const stored = new Map<string, Hash>();
  const nodes: NodeSource = ({ level, index }) => {
    const hash = stored.get(`${level}:${index}`);
    if (hash === undefined) throw new Error(`node ${level}:${index} was never stored`);
    return hash;
  };
  let size = 0;
  for (const count of batches) {
    for (const node of nodesCompletedByAppend(size, leaves.slice(size, size + count), nodes)) stored.set(`${node.level}:${node.index}`, node.hash);
    size += count;
  }
  return { nodes, stored };
};

/** RFC 6962 §2.1's MTH written out directly over the leaf hashes, independent of the stored-node code. */
const referenceRoot = (leaves: readonly Hash[]): Hash => {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Hash;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
};

// The certificate-transparency test vectors (RFC 6962's reference implementation): 8 leaf inputs and the root
// of each prefix, plus published inclusion and consistency proofs.
const VECTOR_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const VECTOR_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const VECTOR_INCLUSION: ReadonlyArray<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const VECTOR_CONSISTENCY: ReadonlyArray<{ oldSize: number; newSize: number; proof: string[] }> = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
];

const vectorLeaves = VECTOR_INPUTS.map((hex) => leafHash(fromHex(hex)));

describe('RFC 6962 Merkle tree: the published test vectors', () => {
  it('gives the root of every prefix of the 8 vector leaves, the empty tree included', () => {
    const { nodes } = treeOf(vectorLeaves);
    VECTOR_ROOTS.forEach((root, size) => expect(toHex(rootHash(size, nodes))).toBe(root));
  });

  it.each(VECTOR_INCLUSION)('produces and verifies the inclusion proof of leaf $index in a tree of $size', ({ index, size, proof }) => {
    const { nodes } = treeOf(vectorLeaves);
    expect(inclusionProof(index, size, nodes).map(toHex)).toEqual(proof);
    expect(verifyInclusion(vectorLeaves[index] as Hash, index, size, proof.map(fromHex), fromHex(VECTOR_ROOTS[size] as string))).toBe(true);
  });

  it.each(VECTOR_CONSISTENCY)('produces and verifies the consistency proof from $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    const { nodes } = treeOf(vectorLeaves);
    expect(consistencyProof(oldSize, newSize, nodes).map(toHex)).toEqual(proof);
    const [oldRoot, newRoot] = [fromHex(VECTOR_ROOTS[oldSize] as string), fromHex(VECTOR_ROOTS[newSize] as string)];
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.map(fromHex))).toBe(true);
  });
});

const leavesArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 70 }).map((inputs) => inputs.map(leafHash));
const flipOneByte = (hashes: readonly Hash[], which: number, byte: number): Hash[] =>
  hashes.map((hash, i) => {
    if (i !== which % hashes.length) return hash;
    const copy = new Uint8Array(hash);
    copy[byte % copy.length] = (copy[byte % copy.length] as number) ^ 0x01;
    return copy;
  });
const flipped = (hash: Hash, byte: number): Hash => flipOneByte([hash], 0, byte)[0] as Hash;

describe('RFC 6962 Merkle tree: properties over random logs', () => {
  it('stored nodes give the reference root for every size, however the leaves were batched', () => {
    fc.assert(
      fc.property(leavesArb, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), (leaves, cuts) => {
        const batches: number[] = [];
        let left = leaves.length;
        for (const cut of cuts) {
          if (left === 0) break;
          batches.push(Math.min(cut, left));
          left -= Math.min(cut, left);
        }
        if (left > 0) batches.push(left);
        const { nodes, stored } = treeOf(leaves, batches);
        expect(stored.size).toBeLessThan(2 * leaves.length);
        for (let size = 0; size <= leaves.length; size++) expect(rootHash(size, nodes)).toEqual(referenceRoot(leaves.slice(0, size)));
      }),
    );
  });

  it('every inclusion proof verifies, and flipping any byte of the proof, the root or the leaf breaks it', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (leaves, sizeSeed, indexSeed, which, byte) => {
        const size = 1 + (sizeSeed % leaves.length);
        const index = indexSeed % size;
        const { nodes } = treeOf(leaves);
        const root = rootHash(size, nodes);
        const proof = inclusionProof(index, size, nodes);
        const leaf = leaves[index] as Hash;
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        if (proof.length > 0) expect(verifyInclusion(leaf, index, size, flipOneByte(proof, which, byte), root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipped(root, byte))).toBe(false);
        expect(verifyInclusion(flipped(leaf, byte), index, size, proof, root)).toBe(false);
      }),
    );
  });

  it('every consistency proof verifies for sizes m ≤ n, and flipping any byte of the proof or either root breaks it', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, which, byte) => {
        const newSize = 1 + (a % leaves.length);
        const oldSize = 1 + (b % newSize);
        const { nodes } = treeOf(leaves);
        const [oldRoot, newRoot] = [rootHash(oldSize, nodes), rootHash(newSize, nodes)];
        const proof = consistencyProof(oldSize, newSize, nodes);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
        if (proof.length > 0) expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, flipOneByte(proof, which, byte))).toBe(false);
        expect(verifyConsistency(oldSize, newSize, flipped(oldRoot, byte), newRoot, proof)).toBe(false);
        expect(verifyConsistency(oldSize, newSize, oldRoot, flipped(newRoot, byte), proof)).toBe(false);
      }),
    );
  });

  it('a consistency proof fails between a log and a rewritten one', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, at) => {
        const newSize = 1 + (a % leaves.length);
        const oldSize = 1 + (b % newSize);
        const rewritten = flipOneByte(leaves, at % oldSize, 0);
        const honest = treeOf(leaves);
        const forged = treeOf(rewritten);
        const proof = consistencyProof(oldSize, newSize, forged.nodes);
        expect(verifyConsistency(oldSize, newSize, rootHash(oldSize, honest.nodes), rootHash(newSize, forged.nodes), proof)).toBe(false);
      }),
    );
  });

  it('a proof reads O(log n) stored nodes, named up front for one fetch', () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(new Uint8Array([i & 0xff, i >> 8])));
    const { nodes } = treeOf(leaves);
    const read = nodesRead((source) => inclusionProof(617, 1000, source));
    expect(read.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)));
    const fetched = new Map(read.map((node) => [`${node.level}:${node.index}`, nodes(node)]));
    const fromFetched: NodeSource = (node) => fetched.get(`${node.level}:${node.index}`) as Hash;
    expect(inclusionProof(617, 1000, fromFetched)).toEqual(inclusionProof(617, 1000, nodes));
  });

  it('the right edge tiles the tree, and an append reads nothing else, so a follower that keeps it needs no read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 300 }), (size, added) => {
        const edge = rightEdge(size);
        let start = 0;
        for (const node of edge) {
          expect(node.index * 2 ** node.level).toBe(start);
          start += 2 ** node.level;
        }
        expect(start).toBe(size);
        expect(edge.map((node) => node.level)).toEqual([...edge.map((node) => node.level)].sort((a, b) => b - a));
        const onEdge = new Set(edge.map((node) => `${node.level}:${node.index}`));
        const leaves = Array.from({ length: added }, (_, i) => leafHash(new Uint8Array([i & 0xff])));
        for (const read of nodesRead((source) => nodesCompletedByAppend(size, leaves, source))) expect(onEdge.has(`${read.level}:${read.index}`)).toBe(true);
      }),
    );
    expect(rightEdge(0)).toEqual([]);
    expect(rightEdge(6)).toEqual([{ level: 2, index: 0 }, { level: 1, index: 2 }]);
  });

  it('refuses proofs for leaves or sizes outside the tree', () => {
    const { nodes } = treeOf(vectorLeaves);
    expect(() => inclusionProof(8, 8, nodes)).toThrow(RangeError);
    expect(() => consistencyProof(5, 4, nodes)).toThrow(RangeError);
    expect(() => rootHash(-1, nodes)).toThrow(RangeError);
    expect(verifyInclusion(vectorLeaves[0] as Hash, 3, 2, [], EMPTY_ROOT)).toBe(false);
    expect(verifyConsistency(5, 4, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
  });
});
