/**
 * The paraphrase channel's sentence similarity: a logistic model over a few features of a
 * (leak sentence, product sentence) pair, all read off one merge of the two sorted term lists
 * (terms are stemmed and folded to WordNet synonyms, stop words dropped; term-folder.ts):
 *
 * - the cosine of the binary tf-idf vectors, and the Dice coefficient of the term sets, the
 *   seed measures of Sanchez-Perez, Sidorov & Gelbukh (PAN 2014);
 * - the idf-weighted share of each sentence's terms the other holds (aligned content-word
 *   overlap in both directions, after Mihalcea, Corley & Strapparava, "Corpus-based and
 *   knowledge-based measures of text semantic similarity", AAAI 2006);
 * - numbers that only one sentence holds: rewordings keep their figures, while a news
 *   sentence with other figures usually reports another event (MRPC's negatives);
 * - the gap in length, so a long sentence does not pass for a short one it merely contains.
 *
 * Coefficients were fitted by `npm run bench -- match-quality --fit-pairs` on the tuning half
 * of the MRPC training split (products of even number; bench/match-fit.ts): a paraphrase
 * pair's sentence2 against its sentence1 (1), a non-paraphrase pair's (0), and each
 * paraphrase against the three most similar sentences of other products (0). On the held-out
 * half (queries copying no 8 words of another product) the fitted similarity of a sentence2
 * to its sentence1's product separates paraphrases from non-paraphrases better than the
 * cosine alone (ROC AUC 0.735 → 0.751), and puts the true product first as often (0.952).
 * Terms that share a long prefix, WordNet relations beyond the folded synonyms and word
 * bigrams were tried as well: none ranked better on the held-out half, so none is computed.
 */
import type { PackedPostings } from './match-index.ts';

/** A leak sentence as a query: known term ids (ascending) and sums over all its terms. */
export interface QuerySentence {
  readonly from: number;
  readonly to: number;
  readonly termIds: Uint32Array;
  /** terms, known or not */
  readonly termCount: number;
  /** norm of the tf-idf vector, unseen terms weighted by `unseenIdf` */
  readonly norm: number;
  /** sum of the idf of all its terms */
  readonly idfSum: number;
  /** numbers among its terms */
  readonly numbers: number;
}

export interface PairFeatures {
  readonly cosine: number;
  readonly dice: number;
  /** idf-weighted share of the leak sentence's terms present in the product sentence */
  readonly leakRecall: number;
  /** idf-weighted share of the product sentence's terms present in the leak sentence */
  readonly productPrecision: number;
  /** numbers present in one sentence only */
  readonly numberMismatch: number;
  /** ln(1 + |difference in term counts|) */
  readonly lengthGap: number;
}

export const PAIR_MODEL = {
  intercept: -5.1352,
  cosine: 1.7354,
  dice: 2.8587,
  leakRecall: 2.0026,
  productPrecision: 2.3075,
  numberMismatch: -0.1147,
  lengthGap: -0.3341,
} as const;

/** The similarity of a pair in (0, 1): the fitted probability that one rewords the other. */
export function pairSimilarity(f: PairFeatures): number {
  const z = PAIR_MODEL.intercept
    + PAIR_MODEL.cosine * f.cosine
    + PAIR_MODEL.dice * f.dice
    + PAIR_MODEL.leakRecall * f.leakRecall
    + PAIR_MODEL.productPrecision * f.productPrecision
    + PAIR_MODEL.numberMismatch * f.numberMismatch
    + PAIR_MODEL.lengthGap * f.lengthGap;
  return 1 / (1 + Math.exp(-z));
}

/** The features in PAIR_MODEL's order (for fitting). */
export function pairVector(f: PairFeatures): number[] {
  return [f.cosine, f.dice, f.leakRecall, f.productPrecision, f.numberMismatch, f.lengthGap];
}

/** The features of leak sentence `q` against index sentence `s`, by merging their term lists. */
export function comparePair(p: PackedPostings, q: QuerySentence, s: number): PairFeatures {
  const from = p.sentenceTermBase[s] ?? 0;
  const to = p.sentenceTermBase[s + 1] ?? 0;
  const terms = p.sentenceTermIds;
  let i = 0;
  let j = from;
  let squares = 0;
  let weight = 0;
  let shared = 0;
  let sharedNumbers = 0;
  while (i < q.termIds.length && j < to) {
    const a = q.termIds[i] ?? 0;
    const b = terms[j] ?? 0;
    if (a === b) {
      const w = p.idf[a] ?? 0;
      squares += w * w;
      weight += w;
      shared++;
      sharedNumbers += p.numericTerm[a] ?? 0;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  const norm = q.norm * (p.sentenceNorm[s] ?? 0);
  const productIdf = p.sentenceIdfSum[s] ?? 0;
  return {
    cosine: norm > 0 ? squares / norm : 0,
    dice: (2 * shared) / (q.termCount + to - from),
    leakRecall: q.idfSum > 0 ? weight / q.idfSum : 0,
    productPrecision: productIdf > 0 ? weight / productIdf : 0,
    numberMismatch: q.numbers + (p.sentenceNumbers[s] ?? 0) - 2 * sharedNumbers,
    lengthGap: Math.log1p(Math.abs(q.termCount - (to - from))),
  };
}
