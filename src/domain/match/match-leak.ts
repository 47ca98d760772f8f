/**
 * matchLeak: which products and versions a published text draws on, and where (DESIGN.md,
 * "Content match"; the `sources` of CONTRACT.md's investigation result).
 */
import { scoreSource } from './calibrate.ts';
import type { SourceFeatures } from './calibrate.ts';
import type { MatchIndex } from './match-index.ts';
import { extendSeeds, findSentenceSeeds, toQuerySentences } from './paraphrase.ts';
import type { ParaphraseOptions, ParaphrasePassage, QuerySentence } from './paraphrase.ts';
import { sentenceTerms } from './sentences.ts';
import { specificEvidence } from './shared-evidence.ts';
import type { SpecificEvidence } from './shared-evidence.ts';
import { tokenise } from './tokenise.ts';
import type { Tokens } from './tokenise.ts';
import { findVerbatimPassages } from './verbatim.ts';
import type { VerbatimOptions, VerbatimPassage } from './verbatim.ts';
import { hashWord } from './winnow.ts';

export type Span = readonly [start: number, end: number];

export interface MatchedPassage {
  /** [start, end) in the leak text */
  readonly leak: Span;
  /** [start, end) in the master text of the source's `version` */
  readonly product: Span;
  readonly kind: 'verbatim' | 'paraphrase';
  readonly score: number;
  /** versions of the product in which this passage is present (tearline version evidence) */
  readonly versions: readonly string[];
}

export interface MatchedSource {
  readonly product: string;
  /** the version that matches best; `passages[].product` offsets refer to its text */
  readonly version: string;
  /** every version scoring above the threshold, best first */
  readonly versions: readonly string[];
  /** calibrated probability that the leak draws on this product (calibrate.ts) */
  readonly score: number;
  readonly features: SourceFeatures;
  readonly passages: readonly MatchedPassage[];
}

export interface MatchOptions {
  /** sources scoring below this are not reported (default 0.5) */
  readonly threshold?: number;
  /** at most this many sources (default 20) */
  readonly maxSources?: number;
  readonly verbatim?: VerbatimOptions;
  readonly paraphrase?: ParaphraseOptions;
}

interface DocumentEvidence {
  readonly doc: number;
  readonly score: number;
  readonly features: SourceFeatures;
  readonly passages: MatchedPassage[];
}

/**
 * The sources of a leak, sorted by score descending; empty when nothing passes the threshold.
 *
 * @example
 * const index = new MatchIndex({ synonyms });
 * index.add({ productId: 'IA-2022-031', version: 'TS', text: body });
 * matchLeak(index, article)[0]?.passages[0]?.leak // [120, 310]
 */
export function matchLeak(index: MatchIndex, leakText: string, options: MatchOptions = {}): MatchedSource[] {
  const threshold = options.threshold ?? 0.5;
  const tokens = tokenise(leakText, index.fold);
  if (tokens.words.length === 0 || index.documents.length === 0) return [];
  const verbatim = findVerbatimPassages(index, Uint32Array.from(tokens.words, hashWord), options.verbatim);
  const query = toQuerySentences(index, sentenceTerms(tokens, index.foldTerm));
  const sentences = findSentenceSeeds(index, query, options.paraphrase);
  const paraphrases = groupByDoc(extendSeeds(index, sentences.seeds, options.paraphrase?.maxGap));
  const docs = new Set([...verbatim.keys(), ...paraphrases.keys()]);
  // A document with no passage has nothing but its best similarity: skip them all at once
  // when even a perfect one could not pass (at 50,000 products they are thousands).
  if (scoreSource({ bestSimilarity: 1, seedSentences: 0, verbatimWords: 0, coverage: 0 }) >= threshold) {
    for (const doc of sentences.bestSimilarity.keys()) docs.add(doc);
  }
  const specific = specificEvidence(tokens.words.length, verbatim, paraphrases);
  const candidates = rankCandidates(index, [...docs].map((doc) => ({
    doc, verbatim: verbatim.get(doc) ?? [], paraphrases: paraphrases.get(doc) ?? [], bestSimilarity: sentences.bestSimilarity.get(doc) ?? 0,
  })), specific, { threshold, words: tokens.words.length, query });
  const maxSources = options.maxSources ?? 20;
  const evidence = scoreCandidates(candidates, threshold, maxSources, (c) => {
    const passages = dropCoveredParaphrases([
      ...c.verbatim.map((p) => verbatimPassage(index, tokens, p)),
      ...c.paraphrases.map((p) => paraphrasePassage(index, tokens, query, p)),
    ]);
    return { passages, features: { ...c.partial, coverage: coverage(tokens, passages) } };
  });
  return toSources(index, evidence).slice(0, maxSources);
}

interface Candidate {
  readonly doc: number;
  readonly product: string;
  readonly verbatim: readonly VerbatimPassage[];
  readonly paraphrases: readonly ParaphrasePassage[];
  readonly partial: Omit<SourceFeatures, 'coverage'>;
  /** the score at the coverage bound: no higher score is possible (coverage is the costly feature) */
  readonly bound: number;
}

/**
 * The most of the leak a document's passages can cover, in words: the sum of their leak spans
 * (the union is no longer). Passages are built for every document anyway; turning them into
 * character spans and measuring their union is the costly part, left to the few documents
 * whose bound passes.
 */
function coverageBound(verbatim: readonly VerbatimPassage[], paraphrases: readonly ParaphrasePassage[], query: readonly QuerySentence[], words: number): number {
  let covered = 0;
  for (const p of verbatim) covered += p.leakTo - p.leakFrom;
  for (const p of paraphrases) covered += (query[p.leakTo - 1]?.to ?? 0) - (query[p.leakFrom]?.from ?? 0);
  return Math.min(1, covered / Math.max(1, words));
}

interface RankContext {
  readonly threshold: number;
  readonly words: number;
  readonly query: readonly QuerySentence[];
}

// Documents that could pass the threshold, by their score bound, highest first.
function rankCandidates(index: MatchIndex, docs: readonly { doc: number; verbatim: readonly VerbatimPassage[]; paraphrases: readonly ParaphrasePassage[]; bestSimilarity: number }[], specific: SpecificEvidence, context: RankContext): Candidate[] {
  const out: Candidate[] = [];
  for (const d of docs) {
    const partial = {
      bestSimilarity: d.bestSimilarity,
      seedSentences: specific.seedSentences.get(d.doc) ?? 0,
      verbatimWords: specific.verbatimWords.get(d.doc) ?? 0,
    };
    const bound = scoreSource({ ...partial, coverage: coverageBound(d.verbatim, d.paraphrases, context.query, context.words) });
    if (bound >= context.threshold) out.push({ ...d, product: index.documents[d.doc]?.productId ?? '', partial, bound });
  }
  return out.sort((a, b) => b.bound - a.bound || a.doc - b.doc);
}

/**
 * Exact scores in bound order, with max-score pruning (Turtle & Flood 1995): once
 * `maxSources` products score at least the next candidate's bound, no later candidate can
 * enter the list, and only versions of products already in it are still scored.
 */
function scoreCandidates(candidates: readonly Candidate[], threshold: number, maxSources: number, evaluate: (c: Candidate) => Omit<DocumentEvidence, 'doc' | 'score'>): DocumentEvidence[] {
  const evidence: DocumentEvidence[] = [];
  const bestOfProduct = new Map<string, number>();
  let full = false;
  for (const c of candidates) {
    full ||= [...bestOfProduct.values()].filter((best) => best >= c.bound).length >= maxSources;
    if (full && !bestOfProduct.has(c.product)) continue;
    const e = evaluate(c);
    const score = scoreSource(e.features);
    if (score < threshold) continue;
    evidence.push({ doc: c.doc, score, ...e });
    bestOfProduct.set(c.product, Math.max(score, bestOfProduct.get(c.product) ?? 0));
  }
  return evidence;
}

function groupByDoc(passages: readonly ParaphrasePassage[]): Map<number, ParaphrasePassage[]> {
  const out = new Map<number, ParaphrasePassage[]>();
  for (const p of passages) {
    const list = out.get(p.doc);
    if (list) list.push(p);
    else out.set(p.doc, [p]);
  }
  return out;
}

function verbatimPassage(index: MatchIndex, tokens: Tokens, p: VerbatimPassage): MatchedPassage {
  const base = index.documents[p.doc]?.tokenBase ?? 0;
  const c = index.columns;
  return {
    leak: [tokens.starts[p.leakFrom] ?? 0, tokens.ends[p.leakTo - 1] ?? 0],
    product: [c.tokenStart.get(base + p.docFrom), c.tokenEnd.get(base + p.docTo - 1)],
    kind: 'verbatim',
    score: p.matched / Math.max(p.leakTo - p.leakFrom, p.docTo - p.docFrom),
    versions: [],
  };
}

function paraphrasePassage(index: MatchIndex, tokens: Tokens, query: readonly QuerySentence[], p: ParaphrasePassage): MatchedPassage {
  const c = index.columns;
  const base = index.documents[p.doc]?.sentenceBase ?? 0;
  const leakFrom = query[p.leakFrom]?.from ?? 0;
  const leakTo = (query[p.leakTo - 1]?.to ?? 1) - 1;
  const docFrom = c.sentenceFrom.get(base + p.docFrom);
  const docTo = c.sentenceTo.get(base + p.docTo - 1) - 1;
  return {
    leak: [tokens.starts[leakFrom] ?? 0, tokens.ends[leakTo] ?? 0],
    product: [c.tokenStart.get(docFrom), c.tokenEnd.get(docTo)],
    kind: 'paraphrase',
    score: p.score,
    versions: [],
  };
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

// Verbatim evidence is the stronger: a paraphrase passage mostly inside verbatim ones goes.
function dropCoveredParaphrases(passages: readonly MatchedPassage[]): MatchedPassage[] {
  const verbatim = passages.filter((p) => p.kind === 'verbatim');
  return passages.filter((p) => {
    if (p.kind === 'verbatim') return true;
    const covered = verbatim.reduce((sum, v) => sum + overlap(p.leak, v.leak), 0);
    return covered < 0.5 * (p.leak[1] - p.leak[0]);
  }).sort((a, b) => a.leak[0] - b.leak[0]);
}

// Share of the leak's words inside at least one passage (words are in text order).
function coverage(tokens: Tokens, passages: readonly MatchedPassage[]): number {
  const n = tokens.words.length;
  if (n === 0) return 0;
  const inside = new Uint8Array(n);
  for (const p of passages) {
    for (let i = firstWordAt(tokens.starts, p.leak[0]); i < n && (tokens.starts[i] ?? 0) < p.leak[1]; i++) inside[i] = 1;
  }
  return inside.reduce((sum, x) => sum + x, 0) / n;
}

// The first word starting at or after `offset` (binary search).
function firstWordAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// One source per product: its best version carries the passages; each passage lists the
// versions whose own passages cover at least 80% of it.
function toSources(index: MatchIndex, evidence: readonly DocumentEvidence[]): MatchedSource[] {
  const byProduct = new Map<string, DocumentEvidence[]>();
  for (const e of [...evidence].sort((a, b) => b.score - a.score)) {
    const product = index.documents[e.doc]?.productId ?? '';
    const list = byProduct.get(product);
    if (list) list.push(e);
    else byProduct.set(product, [e]);
  }
  const sources: MatchedSource[] = [];
  for (const [product, versions] of byProduct) {
    const [best] = versions;
    if (!best) continue;
    const versionOf = (e: DocumentEvidence): string => index.documents[e.doc]?.version ?? '';
    sources.push({
      product, version: versionOf(best), versions: versions.map(versionOf), score: best.score, features: best.features,
      passages: best.passages.map((p) => ({
        ...p,
        versions: versions.filter((v) => v.passages.some((q) => overlap(p.leak, q.leak) >= 0.8 * (p.leak[1] - p.leak[0]))).map(versionOf),
      })),
    });
  }
  return sources.sort((a, b) => b.score - a.score || a.product.localeCompare(b.product));
}
