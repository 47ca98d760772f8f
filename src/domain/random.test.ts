import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const x = createRandom('s1'); const y = createRandom('s1'); const z = createRandom('s2');
    const xs = Array.from({ length: 8 }, () => x.next());
    expect(Array.from({ length: 8 }, () => y.next())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => z.next())).not.toEqual(xs);
  });

  it('draws integers uniformly in range', () => {
    const r = createRandom(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(4)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
