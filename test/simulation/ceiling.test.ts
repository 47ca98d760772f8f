import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstPlaceCeiling, leakCeiling } from '../../bench/simulation/ceiling.ts';

describe('the rank-1 ceiling of the simulation', () => {
  it('is 0 when an innocent has as much evidence in every channel and more in one', () => {
    expect(firstPlaceCeiling({ fingerprint: 1.2, access: -0.35 }, [{ fingerprint: 1.2, access: 0.11 }])).toBe(0);
    // A channel the leaker lacks counts as 0: an innocent's positive timing beats it.
    expect(firstPlaceCeiling({ fingerprint: 0.5 }, [{ fingerprint: 0.5, timing: 0.65 }])).toBe(0);
  });

  it('is 1 when every innocent falls short somewhere, however much stronger they are elsewhere', () => {
    // The innocent printed and acted near publication, but holds a weaker copy: some weighting puts the leaker first.
    expect(firstPlaceCeiling({ fingerprint: 1.73, access: -0.69 }, [{ content: -0.5, fingerprint: 0.15, access: 0.89, timing: 1.2 }])).toBe(1);
  });

  it('is a draw among innocents equal in every channel', () => {
    expect(firstPlaceCeiling({ fingerprint: 0.51, timing: 1.2 }, [{ fingerprint: 0.51, timing: 1.2 }, { fingerprint: 0.51, timing: 1.2 }, { fingerprint: 0.2 }])).toBeCloseTo(1 / 3);
  });

  it('takes the better placed of two colluders', () => {
    expect(leakCeiling([{ fingerprint: 0 }, { fingerprint: 3 }], [{ fingerprint: 1 }])).toBe(1);
    expect(leakCeiling([], [{ fingerprint: 1 }])).toBe(0);
  });

  it('is never below what the sum of the channels achieves: where the sum puts the leaker strictly first, so can the ceiling', () => {
    const channels = fc.record({ content: fc.double({ min: -1, max: 0, noNaN: true }), fingerprint: fc.double({ min: -2, max: 9, noNaN: true }), access: fc.double({ min: -1, max: 1, noNaN: true }) });
    fc.assert(fc.property(channels, fc.array(channels, { maxLength: 8 }), (leaker, innocents) => {
      const sum = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
      if (innocents.every((i) => sum(i) < sum(leaker) - 1e-6)) expect(firstPlaceCeiling(leaker, innocents)).toBe(1);
    }));
  });
});
