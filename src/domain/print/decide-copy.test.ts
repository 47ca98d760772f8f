import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { decideCopy, highConfidence, normalTail } from './decide-copy.ts';
import { codewordOf, interleaverOf, slotBits } from './mark-code.ts';

const product = 'IA-2022-031';
const candidates = Array.from({ length: 500 }, (_, i) => ({ copyId: `${product}.c${i + 1}`, serial: i + 1 }));

function readings(serial: number, slots: number, noise: number, seed: string): number[] {
  const random = createRandom(seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(Math.max(1e-12, random.next()))) * Math.cos(2 * Math.PI * random.next());
  return slotBits(codewordOf(product, serial), interleaverOf(product), slots).map((b) => (b ? 1 : -1) + noise * gaussian());
}

describe('decideCopy', () => {
  it('names the true copy with high confidence from clean readings', () => {
    const decision = decideCopy(product, readings(123, 84, 0.3, 'a'), candidates);
    expect(decision).toMatchObject({ kind: 'identified', copyId: `${product}.c123`, viterbiAgrees: true });
    if (decision.kind === 'identified') expect(decision.confidence).toBeGreaterThanOrEqual(highConfidence);
  });

  it('corrects flipped bits and reports how many', () => {
    const soft = readings(77, 84, 0.1, 'b');
    for (const i of [3, 17, 40, 41, 66]) soft[i] = -(soft[i] ?? 0);
    const decision = decideCopy(product, soft, candidates);
    expect(decision).toMatchObject({ kind: 'identified', copyId: `${product}.c77`, errorsCorrected: 5 });
  });

  it('declines on readings that are only noise, and on too few readable bits', () => {
    const random = createRandom('noise');
    const noise = Array.from({ length: 84 }, () => random.next() * 2 - 1);
    expect(decideCopy(product, noise, candidates).kind).toBe('unknown');
    const sparse = readings(5, 84, 0.1, 'c').map((v, i) => (i < 70 ? Number.NaN : v));
    expect(decideCopy(product, sparse, candidates)).toMatchObject({ kind: 'unknown', bitsRead: 14, reason: 'too few mark bits could be read (at least 20 needed)' });
  });

  it('never names another copy with high confidence when the true one is not a candidate', () => {
    for (let trial = 0; trial < 40; trial++) {
      const soft = readings(1 + trial, 84, 0.5, `t${trial}`);
      const decision = decideCopy(product, soft, candidates.filter((c) => c.serial !== 1 + trial));
      if (decision.kind === 'identified') expect(decision.confidence).toBeLessThan(highConfidence);
    }
  });

  it('computes the normal tail', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 6);
    expect(normalTail(1.959964)).toBeCloseTo(0.025, 5);
    expect(normalTail(-1)).toBeCloseTo(0.841345, 5);
  });
});
