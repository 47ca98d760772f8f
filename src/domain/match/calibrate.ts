/**
 * Calibrated source score: a logistic model over a few features of the evidence a document
 * gives for a leak. Coefficients were fitted by `npm run bench -- match-quality --fit` (plain
 * logistic regression, L2 0.01) on the tuning half of the shared training data only (MRPC
 * products of even number; bench/match-fit.ts): MRPC paraphrase queries against their source
 * product (1) and the best-scoring other product (0), non-paraphrase queries against their
 * sentence1's product (0: a sentence about the same event with other facts does not draw on
 * it), Clough & Stevenson answers (cut/light/heavy = 1, non = 0), and composite articles built
 * from the tuning half (true sources 1, the eight best other candidates 0). MRPC queries that
 * copy 8+ words verbatim from a sentence of a third product are left out, since there the
 * "other" product is a true source. A score of 0.5 is the threshold for reporting a source.
 */

export interface SourceFeatures {
  /** highest sentence similarity (sentence-similarity.ts) between the leak and the document */
  readonly bestSimilarity: number;
  /** leak sentences that seed with the document, each counting 1/n when n documents share it */
  readonly seedSentences: number;
  /** words inside verbatim runs, each counting 1/n when n documents share it */
  readonly verbatimWords: number;
  /** share of the leak's words inside the document's passages */
  readonly coverage: number;
}

// Every feature's coefficient must stay positive: matchLeak prunes documents by bounds that
// assume a higher feature never lowers the score.
export const SOURCE_MODEL = {
  intercept: -4.4983,
  bestSimilarity: 2.5166,
  logSeedSentences: 2.6493,
  logVerbatimWords: 0.4871,
  coverage: 1.4389,
} as const;

/** The calibrated probability that the document is a source of the leak. */
export function scoreSource(f: SourceFeatures): number {
  const z = SOURCE_MODEL.intercept
    + SOURCE_MODEL.bestSimilarity * f.bestSimilarity
    + SOURCE_MODEL.logSeedSentences * Math.log1p(f.seedSentences)
    + SOURCE_MODEL.logVerbatimWords * Math.log1p(f.verbatimWords)
    + SOURCE_MODEL.coverage * f.coverage;
  return 1 / (1 + Math.exp(-z));
}

/** The features in the order of `featureVector` (for fitting). */
export function featureVector(f: SourceFeatures): number[] {
  return [f.bestSimilarity, Math.log1p(f.seedSentences), Math.log1p(f.verbatimWords), f.coverage];
}
