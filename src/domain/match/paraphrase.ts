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
  /** rarest terms of each leak sentence looked up (default 8, at most 16) */
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

/**
 * Calls `visit` with every candidate pair of a leak sentence and an index sentence: the loop of
 * matching and of the pair model's fitting (bench/match-fit.ts) alike. Arguments, not a pair
 * object: a query at 50,000 products visits tens of thousands of pairs.
 */
export function forEachSentencePair(
  index: MatchIndex, query: readonly QuerySentence[], options: ParaphraseOptions,
  visit: (leakSentence: number, sentence: number, features: PairFeatures, similarity: number) => void,
): void {
  const p = index.postings();
  const limits = candidateLimits(options);
  query.forEach((q, leakSentence) => {
    for (const sentence of candidates(p, q, limits)) {
      const features = comparePair(p, q, sentence);
      visit(leakSentence, sentence, features, pairSimilarity(features));
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
  forEachSentencePair(index, query, options, (leakSentence, sentence, features, similarity) => {
    const doc = docOf[sentence] ?? 0;
    if (best[doc] === 0) touched.push(doc);
    if (similarity > (best[doc] ?? 0)) best[doc] = similarity;
    if (features.cosine >= minCosine && features.dice >= minDice) seeds.push({ leakSentence, sentence, cosine: features.cosine, dice: features.dice });
  });
  return { seeds, bestSimilarity: new Map(touched.map((doc) => [doc, best[doc] ?? 0])) };
}

// Probes are numbered in the low bits of a posting key (see candidates).
const PROBE_BITS = 4;
const MAX_PROBES = 1 << PROBE_BITS;
// Two buffers the probes' postings are merged through, reused from one leak sentence to the next.
const mergeBuffers = { a: new Uint32Array(1 << 14), b: new Uint32Array(1 << 14) };

interface CandidateLimits {
  readonly probeTerms: number;
  readonly maxTermPostings: number;
  readonly maxScanned: number;
  readonly minEvidence: number;
  readonly maxCandidates: number;
}

function candidateLimits(options: ParaphraseOptions): CandidateLimits {
  return {
    probeTerms: Math.min(options.probeTerms ?? 8, MAX_PROBES),
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
 * sentence has at most three known terms) whose cosine bound reaches `minEvidence`. The
 * probes' posting lists (sorted by sentence) are merged one after another into one sorted
 * list of (sentence << 4 | probe) keys, so the postings of one sentence end up side by side
 * (document-at-a-time evaluation, Turtle & Flood 1995). Every read and write is sequential:
 * per-sentence accumulators would miss the cache on nearly every posting, and sorting the
 * keys costs a log factor more (at 50,000 products a leak sentence reads ten thousand or so
 * postings, of which a few hundred sentences pass).
 */
function candidates(p: PackedPostings, q: QuerySentence, limits: CandidateLimits): number[] {
  const probes = chooseProbes(p, q, limits);
  const weights = probes.map((t) => (p.idf[t] ?? 0) ** 2);
  let rest = 0;
  for (const t of q.termIds) rest += (p.idf[t] ?? 0) ** 2;
  for (const w of weights) rest -= w;
  const minHits = q.termIds.length <= 3 ? 1 : 2;
  const keys = sortedPostingKeys(p, probes, minHits);
  const found: number[] = [];
  const bounds: number[] = [];
  for (let i = 0; i < keys.length; ) {
    const s = (keys[i] ?? 0) >>> PROBE_BITS;
    let hits = 0;
    let weight = 0;
    for (; i < keys.length && (keys[i] ?? 0) >>> PROBE_BITS === s; i++) {
      hits++;
      weight += weights[(keys[i] ?? 0) & (MAX_PROBES - 1)] ?? 0;
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

// The probes' postings as sorted (sentence << PROBE_BITS | probe) keys, merged list by list
// through two reused buffers (a sentence's keys from earlier probes sort first). When a
// sentence needs two hits, the last (longest) list adds only sentences already there.
function sortedPostingKeys(p: PackedPostings, probes: readonly number[], minHits: number): Uint32Array {
  let n = 0;
  for (const t of probes) n += (p.termStart[t + 1] ?? 0) - (p.termStart[t] ?? 0);
  if (mergeBuffers.a.length < n) {
    mergeBuffers.a = new Uint32Array(2 * n);
    mergeBuffers.b = new Uint32Array(2 * n);
  }
  let merged = mergeBuffers.a;
  let into = mergeBuffers.b;
  let length = 0;
  for (let k = 0; k < probes.length; k++) {
    const t = probes[k] ?? 0;
    const from = p.termStart[t] ?? 0;
    const to = p.termStart[t + 1] ?? 0;
    length = k === probes.length - 1 && minHits > 1 && k > 0
      ? mergeMatching(merged, length, p.termSentences, from, to, k, into)
      : mergeAll(merged, length, p.termSentences, from, to, k, into);
    [merged, into] = [into, merged];
  }
  return merged.subarray(0, length);
}

// Merges keys [0, length) with the list's postings [from, to) as probe k into `into`.
function mergeAll(merged: Uint32Array, length: number, lists: Uint32Array, from: number, to: number, k: number, into: Uint32Array): number {
  let i = 0;
  let e = from;
  let m = 0;
  while (i < length && e < to) {
    const a = merged[i] ?? 0;
    const b = (((lists[e] ?? 0) << PROBE_BITS) | k) >>> 0;
    if (a < b) {
      into[m++] = a;
      i++;
    } else {
      into[m++] = b;
      e++;
    }
  }
  while (i < length) into[m++] = merged[i++] ?? 0;
  while (e < to) into[m++] = (((lists[e++] ?? 0) << PROBE_BITS) | k) >>> 0;
  return m;
}

// As mergeAll, but a posting is kept only when its sentence already has a key: a sentence's
// earlier keys sort before the posting's, so it is the sentence of the last key written.
function mergeMatching(merged: Uint32Array, length: number, lists: Uint32Array, from: number, to: number, k: number, into: Uint32Array): number {
  let i = 0;
  let e = from;
  let m = 0;
  let written = -1;
  while (i < length && e < to) {
    const a = merged[i] ?? 0;
    const sentence = lists[e] ?? 0;
    const b = ((sentence << PROBE_BITS) | k) >>> 0;
    if (a < b) {
      into[m++] = a;
      written = a >>> PROBE_BITS;
      i++;
    } else {
      if (sentence === written) into[m++] = b;
      e++;
    }
  }
  while (i < length) into[m++] = merged[i++] ?? 0;
  if (e < to && lists[e] === written) into[m++] = ((written << PROBE_BITS) | k) >>> 0;
  return m;
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
