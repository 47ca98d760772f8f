/**
 * Calibrated source score: a logistic model over a few features of the evidence a document
 * gives for a leak. Coefficients were fitted by bench/match-quality.bench.ts --fit (plain
 * logistic regression, L2 0.01) on the shared training data only: Clough & Stevenson answers
 * (cut/light/heavy = 1, non = 0), MRPC paraphrase queries against their source product (1)
 * and the best-scoring other product (0), and composite articles (true sources 1, other
 * candidates 0); MRPC queries that copy 8+ words verbatim from a sentence of a third product
 * are left out, since there the "other" product is a true source. A score of 0.5 is the
 * threshold for reporting a source. The coefficients predate the 1/n discount of shared
 * evidence (match-leak.ts); a refit with it ([-5.5283, 4.3144, 3.0943, 0.6828, 2.3611])
 * raised composite recall to 1.0 but lifted Clough & Stevenson `non` answers to a mean score
 * of 0.56, above the threshold, and lowered MRPC AUC (0.718 → 0.707), so it was not adopted.
 */

export interface SourceFeatures {
  /** highest sentence cosine between the leak and the document */
  readonly bestCosine: number;
  /** leak sentences that seed with the document, each counting 1/n when n documents share it */
  readonly seedSentences: number;
  /** words inside verbatim runs, each counting 1/n when n documents share it */
  readonly verbatimWords: number;
  /** share of the leak's words inside the document's passages */
  readonly coverage: number;
}

export const SOURCE_MODEL = {
  intercept: -5.5227,
  bestCosine: 5.2721,
  logSeedSentences: 1.1366,
  logVerbatimWords: 0.7382,
  // must stay positive: matchLeak skips documents that fail even at full coverage
  coverage: 2.6391,
} as const;

/** The calibrated probability that the document is a source of the leak. */
export function scoreSource(f: SourceFeatures): number {
  const z = SOURCE_MODEL.intercept
    + SOURCE_MODEL.bestCosine * f.bestCosine
    + SOURCE_MODEL.logSeedSentences * Math.log1p(f.seedSentences)
    + SOURCE_MODEL.logVerbatimWords * Math.log1p(f.verbatimWords)
    + SOURCE_MODEL.coverage * f.coverage;
  return 1 / (1 + Math.exp(-z));
}

/** The features in the order of `featureVector` (for fitting). */
export function featureVector(f: SourceFeatures): number[] {
  return [f.bestCosine, Math.log1p(f.seedSentences), Math.log1p(f.verbatimWords), f.coverage];
}
