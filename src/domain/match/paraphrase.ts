/**
 * Paraphrase channel, after Sanchez-Perez, Sidorov & Gelbukh, "A winning approach to text
 * alignment for text reuse detection at PAN 2014": sentences as tf-idf vectors of stemmed,
 * stop-word-free terms (here also folded to WordNet synonyms); seeds are sentence pairs whose
 * cosine and Dice coefficient both pass a threshold (0.33 each in the paper); seeds close to
 * each other on both sides are merged into passages (their "extension"); see extendSeeds.
 *
 * Candidates come from the inverted index: each leak sentence looks up only its `probeTerms`
 * rarest terms (rare terms are the ones a reworded sentence keeps), skipping terms too common
 * to discriminate and stopping once `maxScanned` postings have been read, so the work per
 * sentence is bounded whatever the corpus size. While merging, each candidate accumulates the
 * idf² mass of the probes it shares; a candidate whose cosine could not reach `minEvidence`
 * even if it shared every other query term is dropped before the exact merge (the max-score
 * bound of Turtle & Flood, "Query evaluation: strategies and optimizations", 1995).
 */
import { isNumberTerm } from './match-index.ts';
import type { MatchIndex, PackedPostings } from './match-index.ts';
import type { SentenceTerms } from './sentences.ts';
import { comparePair, pairSimilarity } from './sentence-similarity.ts';
import type { PairFeatures, QuerySentence } from './sentence-similarity.ts';

export type { QuerySentence } from './sentence-similarity.ts';

export interface ParaphraseOptions {
  /** seed thresholds (Sanchez-Perez et al. 2014: 0.33 and 0.33) */
  readonly minCosine?: number;
  readonly minDice?: number;
  /** rarest terms of each leak sentence looked up (default 8) */
  readonly probeTerms?: number;
  /** terms in more sentences than this are not looked up (default 5,000) */
  readonly maxTermPostings?: number;
  /** postings read per leak sentence at most (default 12,000) */
  readonly maxScanned?: number;
  /** candidate pairs whose cosine cannot reach this are not scored (default 0.2) */
  readonly minEvidence?: number;
  /** sentences scored per leak sentence at most, those with the highest bound (default 100) */
  readonly maxCandidates?: number;
  /** seeds at most this many sentences apart on both sides merge (default 3) */
  readonly maxGap?: number;
}

/** A sentence pair: leak sentence index, global index sentence, and its similarities. */
export interface SentenceSeed {
  readonly leakSentence: number;
  readonly sentence: number;
  readonly cosine: number;
  readonly dice: number;
}

/** A candidate pair with its features and similarity (sentence-similarity.ts). */
export interface SentencePair {
  readonly leakSentence: number;
  readonly sentence: number;
  readonly features: PairFeatures;
  readonly similarity: number;
}

/** A paraphrase passage in sentence indices (leak) and document-local sentence indices. */
export interface ParaphrasePassage {
  readonly doc: number;
  readonly leakFrom: number;
  readonly leakTo: number;
  readonly docFrom: number;
  readonly docTo: number;
  readonly seeds: readonly SentenceSeed[];
  readonly score: number;
}

/** The best similarity of each document to any leak sentence, and the seeds. */
export interface SentenceMatches {
  readonly seeds: SentenceSeed[];
  /** document → highest similarity of any candidate pair, seed or not */
  readonly bestSimilarity: Map<number, number>;
}

export function toQuerySentences(index: MatchIndex, sentences: readonly SentenceTerms[]): QuerySentence[] {
  const p = index.postings();
  return sentences.map((s) => {
    const ids = s.terms.map((t) => index.termId(t));
    const known = Uint32Array.from(ids.filter((id) => id >= 0)).sort();
    const unseen = ids.length - known.length;
    let squares = unseen * p.unseenIdf ** 2;
    let idfSum = unseen * p.unseenIdf;
    for (const id of known) {
      squares += (p.idf[id] ?? 0) ** 2;
      idfSum += p.idf[id] ?? 0;
    }
    const numbers = s.terms.filter(isNumberTerm).length;
    return { from: s.from, to: s.to, termIds: known, termCount: ids.length, norm: Math.sqrt(squares), idfSum, numbers };
  });
}

/** Calls `visit` with every candidate pair of a leak sentence and an index sentence. */
export function forEachSentencePair(index: MatchIndex, query: readonly QuerySentence[], options: ParaphraseOptions, visit: (pair: SentencePair) => void): void {
  const p = index.postings();
  const limits = candidateLimits(options);
  query.forEach((q, leakSentence) => {
    for (const sentence of candidates(p, q, limits)) {
      const features = comparePair(index.columns, p, q, sentence);
      visit({ leakSentence, sentence, features, similarity: pairSimilarity(features) });
    }
  });
}

/** Seeds and best similarities for every leak sentence. */
export function findSentenceSeeds(index: MatchIndex, query: readonly QuerySentence[], options: ParaphraseOptions = {}): SentenceMatches {
  const seeds: SentenceSeed[] = [];
  const best = new Float64Array(index.documents.length);
  const touched: number[] = [];
  const docOf = index.columns.sentenceDoc.view();
  const minCosine = options.minCosine ?? 0.33;
  const minDice = options.minDice ?? 0.33;
  forEachSentencePair(index, query, options, ({ leakSentence, sentence, features, similarity }) => {
    const doc = docOf[sentence] ?? 0;
    if (best[doc] === 0) touched.push(doc);
    if (similarity > (best[doc] ?? 0)) best[doc] = similarity;
    if (features.cosine >= minCosine && features.dice >= minDice) seeds.push({ leakSentence, sentence, cosine: features.cosine, dice: features.dice });
  });
  return { seeds, bestSimilarity: new Map(touched.map((doc) => [doc, best[doc] ?? 0])) };
}

interface CandidateLimits {
  readonly probeTerms: number;
  readonly maxTermPostings: number;
  readonly maxScanned: number;
  readonly minEvidence: number;
  readonly maxCandidates: number;
}

function candidateLimits(options: ParaphraseOptions): CandidateLimits {
  return {
    probeTerms: options.probeTerms ?? 8,
    maxTermPostings: options.maxTermPostings ?? 5_000,
    maxScanned: options.maxScanned ?? 12_000,
    minEvidence: Math.min(options.minEvidence ?? 0.2, options.minCosine ?? 0.33),
    maxCandidates: options.maxCandidates ?? 100,
  };
}

// The probes: the rarest known terms that are not too common, within the scanning budget.
function chooseProbes(p: PackedPostings, q: QuerySentence, limits: CandidateLimits): number[] {
  const df = (t: number): number => (p.termStart[t + 1] ?? 0) - (p.termStart[t] ?? 0);
  const probes: number[] = [];
  let budget = limits.maxScanned;
  for (const t of [...q.termIds].sort((a, b) => df(a) - df(b))) {
    if (probes.length === limits.probeTerms || df(t) > Math.min(budget, limits.maxTermPostings)) break;
    probes.push(t);
    budget -= df(t);
  }
  return probes;
}

/**
 * Sentences sharing enough of the leak sentence's probes (two of them, or one when the
 * sentence has at most three known terms) whose cosine bound reaches `minEvidence`. The probes'
 * posting lists are sorted by sentence, so they are merged (document-at-a-time evaluation,
 * Turtle & Flood 1995) rather than counted into per-sentence accumulators: the lists are read
 * in order, and only sentences with enough hits touch anything else, which at 50,000 products
 * is a few hundred of the ten thousand or so read.
 */
function candidates(p: PackedPostings, q: QuerySentence, limits: CandidateLimits): number[] {
  const probes = chooseProbes(p, q, limits);
  const weights = probes.map((t) => (p.idf[t] ?? 0) ** 2);
  let rest = 0;
  for (const t of q.termIds) rest += (p.idf[t] ?? 0) ** 2;
  for (const w of weights) rest -= w;
  const minHits = q.termIds.length <= 3 ? 1 : 2;
  const at = Uint32Array.from(probes, (t) => p.termStart[t] ?? 0);
  const end = Uint32Array.from(probes, (t) => p.termStart[t + 1] ?? 0);
  const lists = p.termSentences;
  const found: number[] = [];
  const bounds: number[] = [];
  for (;;) {
    let s = -1;
    let open = 0;
    for (let k = 0; k < probes.length; k++) {
      if ((at[k] ?? 0) >= (end[k] ?? 0)) continue;
      open++;
      const head = lists[at[k] ?? 0] ?? 0;
      if (s < 0 || head < s) s = head;
    }
    if (open < minHits) break;
    let hits = 0;
    let weight = 0;
    for (let k = 0; k < probes.length; k++) {
      if ((at[k] ?? 0) < (end[k] ?? 0) && lists[at[k] ?? 0] === s) {
        hits++;
        weight += weights[k] ?? 0;
        at[k]!++;
      }
    }
    if (hits < minHits) continue;
    const bound = (weight + rest) / (q.norm * (p.sentenceNorm[s] ?? 0));
    if (bound >= limits.minEvidence) {
      found.push(s);
      bounds.push(bound);
    }
  }
  return found.length > limits.maxCandidates ? likeliest(found, bounds, limits.maxCandidates) : found;
}

// A sentence repeated across very many products is boilerplate: keep the `count` candidates
// with the highest bound (a numeric typed-array sort finds the cut-off; ties keep index order).
function likeliest(found: readonly number[], bounds: readonly number[], count: number): number[] {
  const cutoff = Float64Array.from(bounds).sort()[bounds.length - count] ?? 0;
  return found.filter((_, i) => (bounds[i] ?? 0) >= cutoff).slice(0, count);
}

/**
 * Sanchez-Perez et al.'s extension, simplified: seeds of one document, in leak order, join the
 * current passage while they are at most `maxGap` sentences from it in the leak and in the
 * document. A passage spans from its first to its last seed sentence on each side; its score
 * is the mean seed cosine.
 */
export function extendSeeds(index: MatchIndex, seeds: readonly SentenceSeed[], maxGap = 3): ParaphrasePassage[] {
  const docOf = index.columns.sentenceDoc.view();
  const byDoc = new Map<number, SentenceSeed[]>();
  for (const seed of seeds) {
    const doc = docOf[seed.sentence] ?? 0;
    const list = byDoc.get(doc);
    if (list) list.push(seed);
    else byDoc.set(doc, [seed]);
  }
  const out: ParaphrasePassage[] = [];
  for (const [doc, docSeeds] of byDoc) out.push(...clusterSeeds(index, doc, bestPerLeakSentence(docSeeds), maxGap));
  return out;
}

// One seed per leak sentence and document: its most similar sentence.
function bestPerLeakSentence(seeds: readonly SentenceSeed[]): SentenceSeed[] {
  const best = new Map<number, SentenceSeed>();
  for (const s of seeds) {
    const seen = best.get(s.leakSentence);
    if (!seen || s.cosine > seen.cosine) best.set(s.leakSentence, s);
  }
  return [...best.values()].sort((a, b) => a.leakSentence - b.leakSentence);
}

function clusterSeeds(index: MatchIndex, doc: number, seeds: readonly SentenceSeed[], maxGap: number): ParaphrasePassage[] {
  const base = index.documents[doc]?.sentenceBase ?? 0;
  const clusters: SentenceSeed[][] = [];
  for (const seed of seeds) {
    const current = clusters[clusters.length - 1];
    const last = current?.[current.length - 1];
    if (current && last && seed.leakSentence - last.leakSentence <= maxGap + 1 && Math.abs(seed.sentence - last.sentence) <= maxGap + 1) current.push(seed);
    else clusters.push([seed]);
  }
  return clusters.map((group) => {
    const docSentences = group.map((s) => s.sentence - base);
    return {
      doc,
      leakFrom: group[0]?.leakSentence ?? 0,
      leakTo: (group[group.length - 1]?.leakSentence ?? 0) + 1,
      docFrom: Math.min(...docSentences),
      docTo: Math.max(...docSentences) + 1,
      seeds: group,
      score: group.reduce((sum, s) => sum + s.cosine, 0) / group.length,
    };
  });
}
