import { describe, expect, it } from '@jest/globals';
import { addCosignature, openCheckpoint, parseCheckpointText, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { consistencyProof, leafHash, nodesCompletedByAppend, rootHash, type Hash, type NodeSource } from './merkle.js';
import { TransparencyError, formatNote, generateNoteKey, parseNote, parseSignerKey, parseVerifierKey } from './notes.js';
import { createWitness, inMemoryWitnessState } from './witness.js';

// golang.org/x/mod/sumdb/note's published example: a key pair, a text and the signature line it produces.
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIGNATURE_LINE = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

const ORIGIN = 'ecps.example/labor-relations';

/** A growing log: leaf hashes and the nodes a store would keep. */
const log = () => {
  const stored = new Map<string, Hash>();
  const nodes: NodeSource = ({ level, index }) => stored.get(`${level}:${index}`) as Hash;
  let size = 0;
  return {
    nodes,
    get size() {
      return size;
    },
    append(inputs: readonly string[]) {
      for (const node of nodesCompletedByAppend(size, inputs.map((text) => leafHash(Buffer.from(text))), nodes)) stored.set(`${node.level}:${node.index}`, node.hash);
      size += inputs.length;
    },
    checkpoint(): Checkpoint {
      return { origin: ORIGIN, size, rootHash: rootHash(size, nodes), extensions: [] };
    },
  };
};

const keys = () => ({
  log: generateNoteKey(ORIGIN, 'log'),
  association: generateNoteKey('ecea.example/witness', 'cosigner'),
  district: generateNoteKey('ecps.example/witness', 'cosigner'),
});

describe('signed notes', () => {
  it('sign the Go note package example byte for byte, and verify it', () => {
    const signer = parseSignerKey(GO_SIGNER);
    expect(signer.verifier.text).toBe(GO_VERIFIER);
    const line = formatNote({ text: GO_TEXT, signatures: [{ keyName: signer.name, keyId: signer.keyId, signature: signer.signBytes(Buffer.from(GO_TEXT)) }] });
    expect(line).toBe(`${GO_TEXT}\n${GO_SIGNATURE_LINE}`);
    const parsed = parseNote(`${GO_TEXT}\n${GO_SIGNATURE_LINE}`);
    expect(parsed.text).toBe(GO_TEXT);
    expect(parseVerifierKey(GO_VERIFIER).keyId).toEqual(parsed.signatures[0]?.keyId);
  });

  it('generated keys round-trip through their texts', () => {
    const { signerKey, verifierKey } = generateNoteKey('ecea.example/witness', 'cosigner');
    expect(parseSignerKey(signerKey).verifier.text).toBe(verifierKey);
    expect(parseVerifierKey(verifierKey).type).toBe(0x04);
  });

  it.each([
    ['a key id that does not match', GO_VERIFIER.replace('c74f20a3', 'c74f20a4')],
    ['no key material', 'PeterNeumann+c74f20a3'],
    ['a name with a space', 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a short key', 'PeterNeumann+c74f20a3+ARpc'],
    ['not a string', 42],
  ])('refuse a verifier key with %s, naming the field', (_, text) => {
    expect(() => parseVerifierKey(text, 'policy.log')).toThrow(expect.objectContaining({ code: 'MalformedKey', field: 'policy.log' }));
  });

  it.each([
    ['no blank line', 'a\nb\n'],
    ['no final newline', `${GO_TEXT}\n${GO_SIGNATURE_LINE.trimEnd()}`],
    ['a control character', `a\tb\n\n${GO_SIGNATURE_LINE}`],
    ['a malformed signature line', `${GO_TEXT}\n- PeterNeumann abc=\n`],
  ])('refuse a note with %s', (_, note) => {
    expect(() => parseNote(note)).toThrow(TransparencyError);
  });
});

describe('checkpoints', () => {
  it('format and parse the tlog-checkpoint body', () => {
    const tree = log();
    tree.append(['a', 'b', 'c']);
    const checkpoint = tree.checkpoint();
    const { log: logKey } = keys();
    const note = signCheckpoint(checkpoint, logKey.signerKey);
    const [origin, size, root] = note.split('\n');
    expect([origin, size]).toEqual([ORIGIN, '3']);
    expect(Buffer.from(root as string, 'base64')).toEqual(Buffer.from(checkpoint.rootHash));
    expect(parseCheckpointText(parseNote(note).text)).toEqual(checkpoint);
  });

  it.each([['size with a leading zero', `${ORIGIN}\n03\nAAAA\n`], ['a short root', `${ORIGIN}\n3\nAAAA\n`], ['two lines', `${ORIGIN}\n3\n`]])(
    'refuse a checkpoint body with %s',
    (_, text) => {
      expect(() => parseCheckpointText(text)).toThrow(expect.objectContaining({ code: 'MalformedCheckpoint' }));
    },
  );

  it('open under a policy: log signature, cosignatures, quorum; unknown signatures ignored', () => {
    const k = keys();
    const stranger = generateNoteKey('stranger.example', 'cosigner');
    const tree = log();
    tree.append(['a', 'b']);
    let note = signCheckpoint(tree.checkpoint(), k.log.signerKey);
    note = addCosignature(note, k.association.signerKey, 1_767_225_600);
    note = addCosignature(note, stranger.signerKey, 1_767_225_601);
    const policy = { origin: ORIGIN, log: k.log.verifierKey, witnesses: [k.association.verifierKey, k.district.verifierKey] };
    expect(openCheckpoint(note, { ...policy, quorum: 1 }).cosignedBy).toEqual([{ name: 'ecea.example/witness', timestamp: 1_767_225_600 }]);
    expect(() => openCheckpoint(note, policy)).toThrow(expect.objectContaining({ code: 'QuorumNotMet' }));
    const both = addCosignature(note, k.district.signerKey, 1_767_225_602);
    expect(openCheckpoint(both, policy).cosignedBy.map((c) => c.name)).toEqual(['ecea.example/witness', 'ecps.example/witness']);
  });

  it('reject an altered checkpoint, a wrong origin, a missing log signature, a bad cosignature', () => {
    const k = keys();
    const tree = log();
    tree.append(['a', 'b']);
    const note = addCosignature(signCheckpoint(tree.checkpoint(), k.log.signerKey), k.association.signerKey, 1);
    const policy = { origin: ORIGIN, log: k.log.verifierKey, witnesses: [k.association.verifierKey], quorum: 1 };
    expect(() => openCheckpoint(note.replace(`${ORIGIN}\n2\n`, `${ORIGIN}\n3\n`), policy)).toThrow(expect.objectContaining({ code: 'SignatureInvalid' }));
    expect(() => openCheckpoint(note, { ...policy, origin: 'other.example/log' })).toThrow(expect.objectContaining({ field: 'origin' }));
    const parsed = parseNote(note);
    const withoutLog = formatNote({ text: parsed.text, signatures: parsed.signatures.slice(1) });
    expect(() => openCheckpoint(withoutLog, policy)).toThrow(expect.objectContaining({ code: 'SignatureInvalid' }));
    const cosignature = parsed.signatures[1]!;
    const forgedTime = new Uint8Array(cosignature.signature);
    forgedTime[7] = (forgedTime[7] as number) ^ 1;
    const forged = formatNote({ text: parsed.text, signatures: [parsed.signatures[0]!, { ...cosignature, signature: forgedTime }] });
    expect(() => openCheckpoint(forged, policy)).toThrow(expect.objectContaining({ code: 'SignatureInvalid', field: 'ecea.example/witness' }));
  });

  it('refuse to sign with the wrong kind of key', () => {
    const k = keys();
    const tree = log();
    expect(() => signCheckpoint(tree.checkpoint(), k.association.signerKey)).toThrow(expect.objectContaining({ field: 'logKey' }));
    expect(() => addCosignature(signCheckpoint(tree.checkpoint(), k.log.signerKey), k.log.signerKey, 1)).toThrow(expect.objectContaining({ field: 'cosignerKey' }));
  });
});

describe('witness', () => {
  const setup = () => {
    const k = keys();
    const tree = log();
    const witness = createWitness({ key: k.association.signerKey, origin: ORIGIN, logKey: k.log.verifierKey, state: inMemoryWitnessState(), clock: () => new Date('2026-12-01T12:00:00Z') });
    const policy = { origin: ORIGIN, log: k.log.verifierKey, witnesses: [k.association.verifierKey], quorum: 1 };
    return { k, tree, witness, policy };
  };

  it('cosigns a log that only grows, given consistency proofs from what it saw last', async () => {
    const { k, tree, witness, policy } = setup();
    tree.append(['a', 'b', 'c']);
    const first = await witness.cosign(signCheckpoint(tree.checkpoint(), k.log.signerKey), []);
    expect(openCheckpoint(first, policy).cosignedBy).toEqual([{ name: 'ecea.example/witness', timestamp: 1_796_126_400 }]);
    tree.append(['d', 'e']);
    const second = await witness.cosign(signCheckpoint(tree.checkpoint(), k.log.signerKey), consistencyProof(3, 5, tree.nodes));
    expect(openCheckpoint(second, policy).checkpoint.size).toBe(5);
    expect((await witness.latest())?.size).toBe(5);
  });

  it('refuses a rewritten history, a truncated log and a fork, and remembers nothing from them', async () => {
    const { k, tree, witness } = setup();
    tree.append(['a', 'b', 'c']);
    await witness.cosign(signCheckpoint(tree.checkpoint(), k.log.signerKey), []);

    const rewritten = log();
    rewritten.append(['a', 'B', 'c', 'd']);
    await expect(witness.cosign(signCheckpoint(rewritten.checkpoint(), k.log.signerKey), consistencyProof(3, 4, rewritten.nodes))).rejects.toMatchObject({ code: 'Inconsistent' });

    const truncated = log();
    truncated.append(['a', 'b']);
    await expect(witness.cosign(signCheckpoint(truncated.checkpoint(), k.log.signerKey), [])).rejects.toThrow(/shrank/);

    const fork = log();
    fork.append(['a', 'b', 'x']);
    await expect(witness.cosign(signCheckpoint(fork.checkpoint(), k.log.signerKey), [])).rejects.toThrow(/fork/);
    expect((await witness.latest())?.size).toBe(3);
  });

  it('refuses a checkpoint the log did not sign', async () => {
    const { tree, witness } = setup();
    tree.append(['a']);
    const impostor = generateNoteKey(ORIGIN, 'log');
    await expect(witness.cosign(signCheckpoint(tree.checkpoint(), impostor.signerKey), [])).rejects.toMatchObject({ code: 'SignatureInvalid' });
  });
});
