/**
 * A tiny run of the issue 7 simulation (bench/simulation) on SQLite: real prose, importBundle,
 * journalists writing from the leakers' own copies, investigate(). A leaker whose article
 * quotes a sentence of their copy should almost always come first; the threshold here is well
 * below what the model reaches (codewords come from secret randomness, so runs differ a little),
 * so the test guards against breakage, not against noise.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../bench/simulation/simulate.ts';
import { atRank1 } from '../../bench/simulation/summary.ts';

describe('leak simulation (40 products, 300 people, 16 leaks)', () => {
  it('ranks the leaker first in most leaks that quote a sentence, and never puts an innocent above the strong-evidence threshold', async () => {
    const result = await simulate({ seed: 'vitest-1', agencies: 10, people: 300, products: 40, leaks: 16, batches: 1 });
    expect(result.outcomes).toHaveLength(16);
    const quoting = result.outcomes.filter((o) => o.quoted);
    expect(quoting.length).toBeGreaterThanOrEqual(4);
    expect(quoting.filter((o) => atRank1(o.waymark.ranks)).length / quoting.length).toBeGreaterThanOrEqual(0.5);
    expect(result.outcomes.reduce((n, o) => n + o.waymark.strongInnocents, 0)).toBe(0);
    // Waymark ranks by the sum of the channels, a ranking monotone in each: where it put a leaker first, the ceiling allows it.
    for (const o of result.outcomes) if (atRank1(o.waymark.ranks)) expect(o.waymark.rank1Ceiling).toBeGreaterThan(0);
    expect(result.outcomes.some((o) => o.waymark.rank1Ceiling < 1)).toBe(true);
    // The articles' sources are found, so (nearly) every leaker is on the candidate list.
    expect(result.outcomes.filter((o) => o.waymark.ranks.every(Number.isFinite)).length).toBeGreaterThanOrEqual(14);
  }, 180_000);
});
