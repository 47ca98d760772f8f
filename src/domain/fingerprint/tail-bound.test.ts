import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { likelihoodWeight, tardosWeight } from './accusation-scores.ts';
import { sampleArcsine } from './bias-distribution.ts';
import { accusationThreshold, logBernsteinTail, logInnocentTail } from './tail-bound.ts';

describe('innocent tail bounds', () => {
  const random = createRandom('tail');
  const weights = Array.from({ length: 200 }, () => tardosWeight(sampleArcsine(random, 0.02)));

  it('gives the symmetric Tardos score mean 0 and variance 1 per slot for an innocent', () => {
    for (const w of weights.slice(0, 20)) {
      expect(w.pMatch * w.match + (1 - w.pMatch) * w.mismatch).toBeCloseTo(0, 12);
      expect(w.pMatch * w.match ** 2 + (1 - w.pMatch) * w.mismatch ** 2).toBeCloseTo(1, 12);
    }
  });

  it('bounds the simulated tail of innocent scores from above', () => {
    const trials = 20000;
    const scores = Array.from({ length: trials }, () => weights.reduce((s, w) => s + (random.next() < w.pMatch ? w.match : w.mismatch), 0));
    for (const s of [10, 20, 30]) {
      const empirical = scores.filter((x) => x >= s).length / trials;
      expect(Math.exp(logInnocentTail(weights, s))).toBeGreaterThanOrEqual(empirical);
      expect(logInnocentTail(weights, s)).toBeLessThanOrEqual(logBernsteinTail(weights, s) + 1e-9);
    }
  });

  it('puts the threshold where the bound meets the target', () => {
    const threshold = accusationThreshold(weights, Math.log(1e-9));
    expect(logInnocentTail(weights, threshold)).toBeCloseTo(Math.log(1e-9), 3);
    const llr = weights.map((w) => likelihoodWeight(w.pMatch, 0.05));
    const t2 = accusationThreshold(llr, Math.log(1e-9));
    expect(logInnocentTail(llr, t2)).toBeCloseTo(Math.log(1e-9), 3);
  });
});
