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
  const docs = new Set([...verbatim.keys(), ...sentences.bestCosine.keys()]);
  const evidence: DocumentEvidence[] = [];
  for (const doc of docs) {
    const docVerbatim = verbatim.get(doc) ?? [];
    const docParaphrases = paraphrases.get(doc) ?? [];
    const partial = {
      bestCosine: sentences.bestCosine.get(doc) ?? 0,
      seedSentences: new Set(docParaphrases.flatMap((p) => p.seeds.map((s) => s.leakSentence))).size,
      verbatimWords: docVerbatim.reduce((sum, p) => sum + p.matched, 0),
    };
    // Coverage is the costly feature; skip documents that could not pass even at full coverage.
    if (scoreSource({ ...partial, coverage: 1 }) < threshold) continue;
    const passages = dropCoveredParaphrases([
      ...docVerbatim.map((p) => verbatimPassage(index, tokens, p)),
      ...docParaphrases.map((p) => paraphrasePassage(index, tokens, query, p)),
    ]);
    const features: SourceFeatures = { ...partial, coverage: coverage(tokens, passages) };
    const score = scoreSource(features);
    if (score >= threshold) evidence.push({ doc, score, features, passages });
  }
  return toSources(index, evidence).slice(0, options.maxSources ?? 20);
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

// Share of the leak's words inside at least one passage.
function coverage(tokens: Tokens, passages: readonly MatchedPassage[]): number {
  if (tokens.words.length === 0) return 0;
  let inside = 0;
  for (let i = 0; i < tokens.words.length; i++) {
    const start = tokens.starts[i] ?? 0;
    if (passages.some((p) => p.leak[0] <= start && start < p.leak[1])) inside++;
  }
  return inside / tokens.words.length;
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
