/**
 * Fitting the content match's two logistic models on the tuning half of the shared data
 * (`npm run bench -- match-quality --fit-pairs` and `--fit`):
 *
 * - the sentence-pair model of src/domain/match/sentence-similarity.ts, from MRPC pairs;
 * - the source calibration of src/domain/match/calibrate.ts, from whole matches.
 *
 * MRPC products are split by number: even ones are the tuning half, odd ones are held out,
 * and the benchmark reports MRPC figures on both the whole training split and the held-out half.
 */
import { featureVector } from '../src/domain/match/calibrate.ts';
import type { MatchedSource } from '../src/domain/match/match-leak.ts';
import type { MatchIndex } from '../src/domain/match/match-index.ts';
import { forEachSentencePair, toQuerySentences } from '../src/domain/match/paraphrase.ts';
import type { SentencePair } from '../src/domain/match/paraphrase.ts';
import { pairVector } from '../src/domain/match/sentence-similarity.ts';
import { sentenceTerms } from '../src/domain/match/sentences.ts';
import { tokenise } from '../src/domain/match/tokenise.ts';
import { loadStsb } from './corpora.ts';
import type { BenchProduct, MrpcPair } from './corpora.ts';
import type { Random } from '../src/domain/random.ts';

export type Sample = [features: number[], label: number];

/** MRPC products of even number tune the models; the odd ones are held out. */
export function isTuningProduct(id: string): boolean {
  return Number(id.replace(/^\D+/u, '')) % 2 === 0;
}

/** Plain logistic regression by gradient descent on standardised features, L2-penalised. */
export function fitLogistic(samples: readonly Sample[], l2 = 0.01, steps = 3000): number[] {
  const dims = samples[0]?.[0].length ?? 0;
  const mean = Array.from({ length: dims }, (_, d) => samples.reduce((s, [x]) => s + x[d]!, 0) / samples.length);
  const sd = Array.from({ length: dims }, (_, d) => Math.sqrt(samples.reduce((s, [x]) => s + (x[d]! - mean[d]!) ** 2, 0) / samples.length) || 1);
  const w = new Array<number>(dims + 1).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(dims + 1).fill(0);
    for (const [x, y] of samples) {
      const z = w[0]! + x.reduce((s, v, d) => s + w[d + 1]! * ((v - mean[d]!) / sd[d]!), 0);
      const err = 1 / (1 + Math.exp(-z)) - y;
      grad[0]! += err;
      x.forEach((v, d) => { grad[d + 1]! += err * ((v - mean[d]!) / sd[d]!); });
    }
    for (let d = 0; d <= dims; d++) w[d]! -= 0.5 * (grad[d]! / samples.length + (d ? l2 * w[d]! : 0));
  }
  const coef = Array.from({ length: dims }, (_, d) => w[d + 1]! / sd[d]!);
  return [w[0]! - coef.reduce((s, c, d) => s + c * mean[d]!, 0), ...coef];
}

// The most similar sentence pair of each document for a text, by cosine (so that the samples
// do not depend on the pair model being fitted).
function bestPairByDocument(index: MatchIndex, text: string): Map<number, SentencePair> {
  const query = toQuerySentences(index, sentenceTerms(tokenise(text, index.fold), index.foldTerm));
  const docOf = index.columns.sentenceDoc.view();
  const best = new Map<number, SentencePair>();
  forEachSentencePair(index, query, {}, (leakSentence, sentence, features, similarity) => {
    const doc = docOf[sentence] ?? 0;
    const seen = best.get(doc);
    if (!seen || features.cosine > seen.features.cosine) best.set(doc, { leakSentence, sentence, features, similarity });
  });
  return best;
}

/**
 * Pair-model samples from the tuning half: a paraphrase's sentence2 against its sentence1's
 * product (1), a non-paraphrase's (0), and for each paraphrase the three best other products (0).
 */
export function pairSamples(index: MatchIndex, pairs: readonly MrpcPair[], productOf: ReadonlyMap<string, string>, ambiguous: (p: MrpcPair) => boolean): Sample[] {
  const docOfProduct = new Map(index.documents.map((d, i) => [d.productId, i]));
  const samples: Sample[] = [];
  for (const pair of pairs) {
    const target = productOf.get(pair.s1) ?? '';
    if (!isTuningProduct(target) || ambiguous(pair)) continue;
    const best = bestPairByDocument(index, pair.s2);
    const own = best.get(docOfProduct.get(target) ?? -1);
    if (own) samples.push([pairVector(own.features), pair.label]);
    if (!pair.label) continue;
    const others = [...best].filter(([doc]) => index.documents[doc]?.productId !== target).map(([, p]) => p);
    for (const p of others.sort((a, b) => b.features.cosine - a.features.cosine).slice(0, 3)) samples.push([pairVector(p.features), 0]);
  }
  return samples;
}

/** Calibration samples from one match: the true sources (1) and the best `others` other candidates (0). */
export function sourceSamples(sources: readonly MatchedSource[], isTrue: (product: string) => boolean, others = 1): Sample[] {
  const truths = sources.filter((s) => isTrue(s.product));
  const rest = sources.filter((s) => !isTrue(s.product)).slice(0, others);
  return [...truths.map((s): Sample => [featureVector(s.features), 1]), ...rest.map((s): Sample => [featureVector(s.features), 0])];
}

/** An article and the products it draws on. */
export interface SourcedArticle {
  readonly text: string;
  readonly sources: readonly string[];
}

/**
 * Articles that quote, for the calibration: two spans of 12–60 words from two products, each
 * set inside a news sentence of the journalist's own (so the sentence around a quote is not
 * the product's), one with every twelfth word changed as a retyped quote, among eight STS-B
 * news sentences. The MRPC pairs teach paraphrase; these keep the fit from forgetting that a
 * verbatim quote is strong evidence even when it is a small share of the article.
 */
export function composeQuoteArticles(random: Random, products: readonly BenchProduct[], count: number): SourcedArticle[] {
  const filler = loadStsb().filter((p) => p.genre === 'main-news' && p.file !== 'MSRpar').map((p) => p.s1);
  const news = (): string => filler[random.int(filler.length)] ?? '';
  return Array.from({ length: count }, () => {
    const sources = [products[random.int(products.length)], products[random.int(products.length)]];
    const quotes = sources.map((p, i) => {
      const words = (p?.text ?? '').replace(/\([A-Z/ ,]+\) /gu, '').split(/\s+/u);
      const length = 12 + random.int(49);
      const from = random.int(Math.max(1, words.length - length));
      const quote = words.slice(from, from + length).map((w, j) => (i === 1 && j % 12 === 11 ? 'reportedly' : w)).join(' ');
      const [before, after] = [news().split(' '), news().split(' ')];
      return `${before.slice(0, before.length >> 1).join(' ')} "${quote}" ${after.slice(after.length >> 1).join(' ')}`;
    });
    const parts = [...quotes, ...Array.from({ length: 8 }, news)];
    for (let i = parts.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [parts[i], parts[j]] = [parts[j] ?? '', parts[i] ?? ''];
    }
    const paragraphs: string[] = [];
    for (let i = 0; i < parts.length; i += 3) paragraphs.push(parts.slice(i, i + 3).join(' '));
    return { text: paragraphs.join('\n\n'), sources: sources.map((p) => p?.id ?? '') };
  });
}
