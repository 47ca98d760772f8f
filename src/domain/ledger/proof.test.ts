/// <reference types="vite/client" />
// The transparency-dev/merkle vectors are loaded by the test runner (import.meta.glob), so
// this domain folder stays free of file-system code, tests included (eslint domain rule).
import { describe, expect, it } from 'vitest';
import { LedgerError } from './errors.ts';
import { verifyConsistency, verifyInclusion } from './proof.ts';

interface InclusionVector { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean }
interface ConsistencyVector { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean }

const inclusion = import.meta.glob<InclusionVector>('../../../../shared/data/ledger/merkle/inclusion/**/*.json', { eager: true, import: 'default' });
const consistency = import.meta.glob<ConsistencyVector>('../../../../shared/data/ledger/merkle/consistency/**/*.json', { eager: true, import: 'default' });

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const proofOf = (p: string[] | null): Uint8Array[] => (p ?? []).map(b64);
const short = (file: string): string => file.replace(/^.*merkle\//, '');

function outcome(check: () => void): 'ok' | 'error' {
  try {
    check();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return 'error';
  }
}

describe('RFC 6962 vectors (transparency-dev/merkle testdata)', () => {
  it('has all 196 vectors', () => {
    expect(Object.keys(inclusion).length + Object.keys(consistency).length).toBe(196);
  });

  it.each(Object.entries(inclusion).map(([f, v]) => [short(f), v] as const))('inclusion %s', (_name, v) => {
    const result = outcome(() => verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), b64(v.root)));
    expect(result).toBe(v.wantErr ? 'error' : 'ok');
  });

  it.each(Object.entries(consistency).map(([f, v]) => [short(f), v] as const))('consistency %s', (_name, v) => {
    const result = outcome(() => verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2)));
    expect(result).toBe(v.wantErr ? 'error' : 'ok');
  });

  it('pairs every happy path with a tamper case (flip one bit of the root)', () => {
    const happy = Object.values(inclusion).filter((v) => !v.wantErr && v.root.length > 0);
    expect(happy.length).toBeGreaterThan(5);
    for (const v of happy) {
      const root = b64(v.root);
      root[7]! ^= 0x10;
      expect(outcome(() => verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), root))).toBe('error');
    }
    for (const v of Object.values(consistency).filter((c) => !c.wantErr && c.size1 !== c.size2)) {
      const root2 = b64(v.root2);
      root2[0]! ^= 0x01;
      expect(outcome(() => verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), root2))).toBe('error');
    }
  });
});
