/**
 * The bias distributions of probabilistic fingerprinting codes, sampled from the injected
 * seeded generator. Tardos (2003) draws a binary slot's bias p from the arcsine density
 * 1/(π√(p(1−p))) cut off to [t, 1−t]; Škorić, Katzenbeisser & Celik (2008) generalise to q
 * symbols with a Dirichlet(κ,…,κ) bias vector (κ = 1/2 and q = 2 give the arcsine law back).
 */
import type { Random } from '../random.ts';

/** Arcsine-distributed p in [t, 1 − t]: p = sin²θ with θ uniform between the cut-off angles. */
export function sampleArcsine(random: Random, cutoff: number): number {
  const low = Math.asin(Math.sqrt(cutoff));
  const theta = low + random.next() * (Math.PI / 2 - 2 * low);
  return Math.sin(theta) ** 2;
}

function sampleNormal(random: Random): number {
  // Box–Muller; 1 − next() is in (0, 1], so the logarithm is finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function sampleGamma(random: Random, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * (1 - random.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A bias vector for a q-ary slot: Dirichlet(κ) with every component at least `cutoff`
 * (rejection sampling; after many rejections the vector is clipped and renormalised, which
 * only happens for cut-offs far above the useful range).
 */
export function sampleBias(random: Random, q: number, kappa: number, cutoff: number): number[] {
  if (q === 2 && kappa === 0.5) {
    const p = sampleArcsine(random, cutoff);
    return [p, 1 - p];
  }
  for (let attempt = 0; attempt < 1000; attempt++) {
    const g = Array.from({ length: q }, () => sampleGamma(random, kappa));
    const total = g.reduce((a, b) => a + b, 0);
    const p = g.map((x) => x / total);
    if (total > 0 && p.every((x) => x >= cutoff)) return p;
  }
  const clipped = Array.from({ length: q }, () => Math.max(cutoff, sampleGamma(random, kappa)));
  const total = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((x) => x / total);
}

/** An index drawn with probabilities `p`. */
export function sampleSymbol(random: Random, p: readonly number[]): number {
  let u = random.next();
  for (let j = 0; j < p.length; j++) {
    u -= p[j] ?? 0;
    if (u < 0) return j;
  }
  return p.length - 1;
}
