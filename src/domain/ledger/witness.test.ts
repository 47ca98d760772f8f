import { describe, expect, it } from 'vitest';
import { formatCheckpoint, signCheckpoint } from './checkpoint.ts';
import type { Checkpoint } from './checkpoint.ts';
import { leafHash } from './hash.ts';
import { MemoryTree } from './memory-tree.ts';
import { openNote, parseNote } from './note.ts';
import { keyIdFor, parseVerifierKey, parseVerifierKeyParts, signerFromSeed } from './note-key.ts';
import { addCheckpoint, cosignatureLine, cosignedMessage, cosignerFromSeed, parseCosignatureVerifierKey } from './witness.ts';
import type { AddCheckpointRequest } from './witness.ts';

const ORIGIN = 'waymark.test/log';
const log = signerFromSeed(ORIGIN, new Uint8Array(32).fill(3));
const impostor = signerFromSeed(ORIGIN, new Uint8Array(32).fill(4));
const witness = cosignerFromSeed('witness.test/w1', new Uint8Array(32).fill(5));
const tree = new MemoryTree();
for (let i = 0; i < 40; i++) tree.appendLeafHash(leafHash(new TextEncoder().encode(`e${i}`)));
const at = (size: number, root = tree.root(size)): Checkpoint => ({ origin: ORIGIN, size, root, extensions: [] });
const TIME = 1_700_000_000;

function request(stored: Checkpoint | null, next: Checkpoint, proof: Uint8Array[], extra: Partial<AddCheckpointRequest> = {}): AddCheckpointRequest {
  return {
    note: signCheckpoint(next, log), proof, stored: () => stored, knownLogs: new Map([[ORIGIN, parseVerifierKey(log.verifierKey)]]),
    cosigner: witness, time: TIME, ...extra,
  };
}

describe('C2SP tlog-cosignature/v1', () => {
  it('uses key type 0x04 and signs header, time and body', () => {
    const parts = parseVerifierKeyParts(witness.verifierKey);
    expect(parts.type).toBe(0x04);
    expect(witness.keyId).toBe(keyIdFor('witness.test/w1', 0x04, parts.publicKey));
    const body = formatCheckpoint(at(10));
    expect(new TextDecoder().decode(cosignedMessage(body, TIME))).toBe(`cosignature/v1\ntime ${TIME}\n${body}`);
  });

  it('writes keyID || 8-byte big-endian time || signature, which the cosigner key verifies', () => {
    const body = formatCheckpoint(at(10));
    const line = cosignatureLine(witness, body, TIME);
    const bytes = Buffer.from(line.trim().split(' ').at(-1)!, 'base64');
    expect(bytes.length).toBe(4 + 8 + 64);
    expect(bytes.readUInt32BE(0)).toBe(witness.keyId);
    expect(Number(bytes.readBigUInt64BE(4))).toBe(TIME);
    const cosigned = `${signCheckpoint(at(10), log)}${line}`;
    const verifier = parseCosignatureVerifierKey(witness.verifierKey);
    const opened = openNote(cosigned, [verifier, parseVerifierKey(log.verifierKey)]);
    expect(opened.verified).toHaveLength(2);
    expect(verifier.timeOf(opened.verified.find((sig) => sig.name === 'witness.test/w1')!.signature)).toBe(TIME);
    const tampered = line.replace(/ (.)/, (_m, c: string) => ` ${c === 'A' ? 'B' : 'A'}`);
    expect(() => openNote(`${signCheckpoint(at(10), log)}${tampered}`, [verifier])).toThrow();
    expect(() => parseCosignatureVerifierKey(log.verifierKey)).toThrow(/0x04/);
  });
});

describe('witness add-checkpoint', () => {
  it('accepts the first checkpoint and a consistent extension', () => {
    expect(addCheckpoint(request(null, at(10), []))).toMatchObject({ kind: 'accepted', time: TIME });
    const result = addCheckpoint(request(at(10), at(25), tree.consistencyProof(10, 25), { oldSize: 10 }));
    expect(result.kind).toBe('accepted');
    if (result.kind === 'accepted') {
      const note = `${signCheckpoint(at(25), log)}${result.cosignature}`;
      expect(parseNote(note).signatures).toHaveLength(2);
      expect(openNote(note, [parseCosignatureVerifierKey(witness.verifierKey)]).verified).toHaveLength(1);
    }
  });

  it('accepts the same checkpoint again', () => {
    expect(addCheckpoint(request(at(10), at(10), [])).kind).toBe('accepted');
  });

  it.each([
    ['UNKNOWN_LOG', () => request(null, at(10), [], { knownLogs: new Map() })],
    ['BAD_LOG_SIGNATURE', () => request(null, at(10), [], { note: signCheckpoint(at(10), impostor) })],
    ['BAD_LOG_SIGNATURE', () => ({ ...request(null, at(10), []), note: signCheckpoint(at(10), log).replace('\n10\n', '\n11\n') })],
    ['MALFORMED', () => ({ ...request(null, at(10), []), note: 'not a note' })],
    ['OLD_SIZE_MISMATCH', () => request(at(10), at(25), tree.consistencyProof(10, 25), { oldSize: 9 })],
    ['SMALLER_SIZE', () => request(at(25), at(10), [])],
    ['SPLIT_VIEW', () => request(at(10), at(10, tree.root(11)), [])],
    ['SPLIT_VIEW', () => request(at(10), at(25, tree.root(26)), tree.consistencyProof(10, 25))],
    ['BAD_PROOF', () => request(at(10), at(25), tree.consistencyProof(10, 25).slice(1))],
    ['BAD_PROOF', () => request(null, at(10), tree.consistencyProof(5, 10))],
  ])('refuses with %s', (reason, make) => {
    expect(addCheckpoint(make())).toMatchObject({ kind: 'refused', reason });
  });
});
