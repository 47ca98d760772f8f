/**
 * Per-slot accusation scores. Given the symbol y read at a slot whose bias for y is p, a copy
 * gains `match` if its codeword has y there and `mismatch` otherwise. For an innocent copy
 * (codeword drawn independently of the leak) the gain is a two-point variable: `match` with
 * probability p. That structure is what the tail bound in `tail-bound.ts` uses.
 */
export interface SlotWeight {
  readonly match: number;
  readonly mismatch: number;
  /** Probability that an innocent copy matches: the bias of the symbol read. */
  readonly pMatch: number;
}

/**
 * The symmetric Tardos score (Škorić, Katzenbeisser & Celik 2008, eq. 5):
 * +√((1−p)/p) on a match, −√(p/(1−p)) otherwise. For an innocent it has mean 0 and
 * variance exactly 1 per slot, for every p (ibid., §4), whatever the colluders did.
 */
export function tardosWeight(p: number): SlotWeight {
  return { match: Math.sqrt((1 - p) / p), mismatch: -Math.sqrt(p / (1 - p)), pMatch: p };
}

/**
 * Log-likelihood ratio of "this copy is the single source" against "the symbol came from
 * elsewhere", under a model where the source's symbol is read with probability 1 − δ and a
 * symbol drawn with the biases otherwise (δ absorbs partial collusion and edits):
 * ln((1 − δ)/p + δ) on a match, ln δ otherwise. The most powerful test for one leaker
 * (Neyman–Pearson); unlike the Tardos score it is not collusion-resistant.
 */
export function likelihoodWeight(p: number, noise: number): SlotWeight {
  return { match: Math.log((1 - noise) / p + noise), mismatch: Math.log(noise), pMatch: p };
}

/** Sum of the weights a codeword earns at the read slots. */
export function scoreCodeword(codeword: readonly number[], reads: readonly { slot: number; symbol: number }[], weights: readonly SlotWeight[]): number {
  let score = 0;
  reads.forEach((read, k) => {
    const w = weights[k];
    if (w) score += codeword[read.slot] === read.symbol ? w.match : w.mismatch;
  });
  return score;
}
