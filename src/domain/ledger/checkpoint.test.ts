import { describe, expect, it } from 'vitest';
import vectors from '../../../../shared/data/ledger/signed-note-vectors.json' with { type: 'json' };
import { decideCheckpoint, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { leafHash } from './hash.ts';
import { MemoryTree } from './memory-tree.ts';
import { parseSignerKey, parseVerifierKey } from './note-key.ts';

const tessera = vectors['tessera-test-log'];
// tessera-log/checkpoint as Tessera wrote it (size 15); the file itself is read in the adapter tests.
const tesseraCheckpoint = 'example.com/log/testdata\n15\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n\n\u2014 example.com/log/testdata M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI=\n';

function treeOfSize(n: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < n; i++) tree.appendLeafHash(leafHash(new TextEncoder().encode(`entry ${i}`)));
  return tree;
}

describe('C2SP tlog-checkpoint', () => {
  it('opens Tessera\'s checkpoint with the log key, and our signer reproduces it', () => {
    const { checkpoint } = openCheckpoint(tesseraCheckpoint, parseVerifierKey(tessera.vkey), 'example.com/log/testdata');
    expect(checkpoint.size).toBe(15);
    expect(signCheckpoint(checkpoint, parseSignerKey(tessera.skey))).toBe(tesseraCheckpoint);
    expect(() => openCheckpoint(tesseraCheckpoint.replace('\n15\n', '\n16\n'), parseVerifierKey(tessera.vkey))).toThrow(LedgerError);
    expect(() => openCheckpoint(tesseraCheckpoint, parseVerifierKey(tessera.vkey), 'other.origin')).toThrow(LedgerError);
  });

  it('round-trips extension lines', () => {
    const text = 'waymark.test/log\n3\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\nextension one\nx\n';
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.extensions).toEqual(['extension one', 'x']);
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });

  it.each([
    ['no final newline', 'o\n1\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs='],
    ['an empty origin', '\n1\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n'],
    ['a leading zero', 'o\n01\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n'],
    ['a negative size', 'o\n-1\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n'],
    ['a huge size', 'o\n18446744073709551615\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n'],
    ['a short root', 'o\n1\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383c=\n'],
    ['no root', 'o\n1\n'],
    ['an empty extension line', 'o\n1\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n\n'],
  ])('refuses a body with %s', (_what, text) => {
    expect(errorCode(() => parseCheckpoint(text))).toBe('MALFORMED_CHECKPOINT');
  });
});

describe('decideCheckpoint: a log never forks itself', () => {
  const tree = treeOfSize(20);
  const at = (size: number) => ({ origin: 'waymark.test/log', size, root: tree.root(size), extensions: [] });

  it('signs the first checkpoint, an extension with a valid proof, and a repeat', () => {
    expect(decideCheckpoint(null, at(5), []).kind).toBe('sign');
    expect(decideCheckpoint(at(5), at(20), tree.consistencyProof(5, 20)).kind).toBe('sign');
    expect(decideCheckpoint(at(7), at(7), []).kind).toBe('sign');
  });

  it('refuses smaller, forked and unproven checkpoints', () => {
    const forked = { ...at(7), root: tree.root(8) };
    expect(decideCheckpoint(at(8), at(7), [])).toMatchObject({ kind: 'refuse', reason: 'SMALLER' });
    expect(decideCheckpoint(at(7), forked, [])).toMatchObject({ kind: 'refuse', reason: 'FORKED' });
    expect(decideCheckpoint(at(5), at(20), tree.consistencyProof(6, 20))).toMatchObject({ kind: 'refuse', reason: 'INCONSISTENT' });
    expect(decideCheckpoint(at(5), { ...at(20), root: tree.root(19) }, tree.consistencyProof(5, 20))).toMatchObject({ reason: 'INCONSISTENT' });
    expect(decideCheckpoint(at(5), { ...at(20), origin: 'x' }, tree.consistencyProof(5, 20))).toMatchObject({ reason: 'ORIGIN' });
  });
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof LedgerError ? error.code : 'not a LedgerError';
  }
}
