/**
 * Content-match quality on real data (../shared/data), against SQLite FTS5 BM25 run in the
 * same process. `npm run bench -- match-quality [--json] [--articles N] [--fit]`.
 *
 * - MRPC train: products of 10 distinct sentence1s; each paraphrase's sentence2 is a query:
 *   recall@1 and MRR of its product; ROC AUC of the sentence1-product's score for paraphrase
 *   vs non-paraphrase pairs.
 * - Clough & Stevenson: each of the 95 answers scored against its task's source: AUC of reused
 *   (cut, light, heavy) vs not (non), and the mean score per category.
 * - Composite articles: MRPC paraphrases from two products among STS-B news filler: both
 *   sources in the top 2, and false sources above the threshold (for BM25, at the threshold
 *   giving it the same recall of true sources as ours).
 * `--fit` also fits the logistic calibration of src/domain/match/calibrate.ts and prints it.
 */
import { loadSynonymMap } from '../src/adapters/wordnet/synonym-map.ts';
import { featureVector } from '../src/domain/match/calibrate.ts';
import { MatchIndex } from '../src/domain/match/match-index.ts';
import { matchLeak } from '../src/domain/match/match-leak.ts';
import type { MatchedSource } from '../src/domain/match/match-leak.ts';
import { createRandom } from '../src/domain/random.ts';
import type { Random } from '../src/domain/random.ts';
import { Bm25Baseline, loadClough, loadMrpc, loadStsb, mrpcProducts, rocAuc, verbatimOwners } from './corpora.ts';
import type { BenchProduct, MrpcPair } from './corpora.ts';
import type { Report } from './report.ts';

const THRESHOLD = 0.5;
const ALL = { threshold: 0, maxSources: 1_000_000 };

interface Engines {
  index: MatchIndex;
  bm25: Bm25Baseline;
}

type Sample = [features: number[], label: number];

function ratioFigure(report: Report, metric: string, unit: string, value: number, baselineValue: number, note: string): void {
  report({ metric, value: round(value), unit, baseline: 'sqlite-fts5-bm25', baselineValue: round(baselineValue), ratio: round(value / baselineValue), note });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function scoreOf(sources: readonly MatchedSource[], product: string): number {
  return sources.find((s) => s.product === product)?.score ?? 0;
}

function rankOf(ids: readonly string[], product: string): number {
  const at = ids.indexOf(product);
  return at < 0 ? Infinity : at + 1;
}

function benchMrpc(report: Report, e: Engines, pairs: readonly MrpcPair[], productOf: Map<string, string>, ambiguous: (p: MrpcPair) => boolean, fit: Sample[]): void {
  const clean = { n: 0, hits: 0, baseHits: 0 };
  const ours = { hits: 0, rr: 0, pos: [] as number[], neg: [] as number[] };
  const base = { hits: 0, rr: 0, pos: [] as number[], neg: [] as number[] };
  for (const pair of pairs) {
    const target = productOf.get(pair.s1) ?? '';
    const sources = matchLeak(e.index, pair.s2, ALL);
    (pair.label ? ours.pos : ours.neg).push(scoreOf(sources, target));
    (pair.label ? base.pos : base.neg).push(e.bm25.scoreOf(pair.s2, target));
    if (!pair.label) continue;
    const rank = rankOf(sources.map((s) => s.product), target);
    const baseRank = rankOf(e.bm25.search(pair.s2, 20).map((r) => r.id), target);
    ours.hits += rank === 1 ? 1 : 0;
    ours.rr += 1 / rank;
    base.hits += baseRank === 1 ? 1 : 0;
    base.rr += 1 / baseRank;
    if (ambiguous(pair)) continue;
    clean.n++;
    clean.hits += rank === 1 ? 1 : 0;
    clean.baseHits += baseRank === 1 ? 1 : 0;
    collectFit(fit, sources, target);
  }
  const n = ours.pos.length;
  const note = `MRPC train, ${n} paraphrase queries, ${productOf.size} distinct sentence1s in groups of 10`;
  ratioFigure(report, 'mrpc.recall@1', 'ratio', ours.hits / n, base.hits / n, note);
  ratioFigure(report, 'mrpc.recall@1.unambiguous', 'ratio', clean.hits / clean.n, clean.baseHits / clean.n,
    `${clean.n} queries sharing no run of 8 identical words with a sentence1 of another product (MRPC reuses sentences across pairs)`);
  ratioFigure(report, 'mrpc.mrr', 'ratio', ours.rr / n, base.rr / n, note);
  ratioFigure(report, 'mrpc.auc', 'auc', rocAuc(ours.pos, ours.neg), rocAuc(base.pos, base.neg), `${n} paraphrase vs ${ours.neg.length} non-paraphrase pairs, score of sentence1's product`);
}

// For fitting: the true source (1) and the best other candidate (0).
function collectFit(fit: Sample[], sources: readonly MatchedSource[], target: string): void {
  const truth = sources.find((s) => s.product === target);
  const other = sources.find((s) => s.product !== target);
  if (truth) fit.push([featureVector(truth.features), 1]);
  if (other) fit.push([featureVector(other.features), 0]);
}

function benchClough(report: Report, e: Engines, fit: Sample[]): void {
  const { answers } = loadClough();
  const ours = new Map<string, number[]>();
  const base = new Map<string, number[]>();
  for (const a of answers) {
    const product = `CS-${a.task}`;
    const sources = matchLeak(e.index, a.text, ALL);
    const truth = sources.find((s) => s.product === product);
    ours.set(a.category, [...(ours.get(a.category) ?? []), truth?.score ?? 0]);
    base.set(a.category, [...(base.get(a.category) ?? []), e.bm25.scoreOf(a.text, product)]);
    if (truth) fit.push([featureVector(truth.features), a.category === 'non' ? 0 : 1]);
  }
  const reused = (m: Map<string, number[]>): number[] => ['cut', 'light', 'heavy'].flatMap((c) => m.get(c) ?? []);
  ratioFigure(report, 'clough.auc', 'auc', rocAuc(reused(ours), ours.get('non') ?? []), rocAuc(reused(base), base.get('non') ?? []),
    `${answers.length} answers vs their task source, reused (cut/light/heavy) vs non`);
  for (const c of ['cut', 'light', 'heavy', 'non']) {
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    report({ metric: `clough.mean-score.${c}`, value: round(mean(ours.get(c) ?? [])), unit: 'score', baseline: 'sqlite-fts5-bm25', baselineValue: round(mean(base.get(c) ?? [])), note: 'ours is a calibrated probability; BM25 is unbounded, shown for reference' });
  }
}

export interface Article {
  text: string;
  sources: [string, string];
}

function shuffle<T>(random: Random, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// Two products, three of each one's paraphrases, eight filler news sentences, three to a paragraph.
export function composeArticles(random: Random, pairs: readonly MrpcPair[], productOf: Map<string, string>, ambiguous: (p: MrpcPair) => boolean, count: number): Article[] {
  const byProduct = new Map<string, string[]>();
  for (const p of pairs) if (p.label && !ambiguous(p)) byProduct.set(productOf.get(p.s1) ?? '', [...(byProduct.get(productOf.get(p.s1) ?? '') ?? []), p.s2]);
  const eligible = [...byProduct.keys()].filter((id) => (byProduct.get(id)?.length ?? 0) >= 3);
  const filler = loadStsb().filter((p) => p.genre === 'main-news' && p.file !== 'MSRpar').map((p) => p.s1);
  const articles: Article[] = [];
  while (articles.length < count) {
    const a = eligible[random.int(eligible.length)] ?? '';
    const b = eligible[random.int(eligible.length)] ?? '';
    if (a === b) continue;
    const pick = (id: string): string[] => shuffle(random, [...(byProduct.get(id) ?? [])]).slice(0, 3);
    const sentences = shuffle(random, [...pick(a), ...pick(b), ...Array.from({ length: 8 }, () => filler[random.int(filler.length)] ?? '')]);
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(' '));
    articles.push({ text: paragraphs.join('\n\n'), sources: [a, b] });
  }
  return articles;
}

function benchComposite(report: Report, e: Engines, articles: readonly Article[], fit: Sample[]): void {
  let top2 = 0;
  let baseTop2 = 0;
  let falseAbove = 0;
  let trueAbove = 0;
  const baseTrue: number[] = [];
  const baseFalse: number[][] = [];
  for (const a of articles) {
    const sources = matchLeak(e.index, a.text, ALL);
    const isTrue = (id: string): boolean => a.sources.includes(id);
    top2 += sources.slice(0, 2).filter((s) => isTrue(s.product)).length === 2 ? 1 : 0;
    falseAbove += sources.filter((s) => s.score >= THRESHOLD && !isTrue(s.product)).length;
    trueAbove += sources.filter((s) => s.score >= THRESHOLD && isTrue(s.product)).length;
    for (const s of sources.slice(0, 10)) fit.push([featureVector(s.features), isTrue(s.product) ? 1 : 0]);
    const ranked = e.bm25.search(a.text, 50);
    baseTop2 += ranked.slice(0, 2).filter((r) => isTrue(r.id)).length === 2 ? 1 : 0;
    baseTrue.push(...a.sources.map((id) => ranked.find((r) => r.id === id)?.score ?? 0));
    baseFalse.push(ranked.filter((r) => !isTrue(r.id)).map((r) => r.score));
  }
  const n = articles.length;
  const recall = trueAbove / (2 * n);
  // BM25 has no calibrated threshold: give it the one that recalls as many true sources as ours.
  const sortedTrue = [...baseTrue].sort((x, y) => y - x);
  const baseThreshold = sortedTrue[Math.max(0, Math.ceil(recall * sortedTrue.length) - 1)] ?? Infinity;
  const baseFalseAbove = baseFalse.reduce((sum, xs) => sum + xs.filter((x) => x >= baseThreshold).length, 0);
  const note = `${n} articles: 3 MRPC paraphrases from each of 2 products (none a verbatim copy of a sentence in a third product) + 8 STS-B news filler sentences`;
  ratioFigure(report, 'composite.both-in-top2', 'ratio', top2 / n, baseTop2 / n, note);
  report({ metric: 'composite.recall-above-threshold', value: round(recall), unit: 'ratio', note: `true sources scoring >= ${THRESHOLD}` });
  ratioFigure(report, 'composite.false-sources-per-article', 'count', falseAbove / n, baseFalseAbove / n, `other products scoring >= ${THRESHOLD}; BM25 at the threshold giving the same recall (${round(recall)})`);
}

/** Plain logistic regression by gradient descent on standardised features (for --fit). */
function fitLogistic(samples: readonly Sample[], l2 = 0.01, steps = 3000): number[] {
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
    for (let d = 0; d <= dims; d++) w[d]! -= (0.5 * (grad[d]! / samples.length + (d ? l2 * w[d]! : 0)));
  }
  const coef = Array.from({ length: dims }, (_, d) => w[d + 1]! / sd[d]!);
  return [w[0]! - coef.reduce((s, c, d) => s + c * mean[d]!, 0), ...coef];
}

function argValue(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export async function run(args: string[], report: Report): Promise<void> {
  const synonyms = await loadSynonymMap();
  const pairs = loadMrpc();
  const { products, productOf } = mrpcProducts(pairs);
  const { sources } = loadClough();
  const all: BenchProduct[] = [...products, ...[...sources].map(([task, text]) => ({ id: `CS-${task}`, text }))];
  const index = new MatchIndex({ synonyms });
  for (const p of all) index.add({ productId: p.id, version: '1', text: p.text });
  const bm25 = new Bm25Baseline();
  bm25.add(all);
  const e = { index, bm25 };
  const owners = verbatimOwners(products);
  const ambiguous = (p: MrpcPair): boolean => [...owners(p.s2)].some((id) => id !== productOf.get(p.s1));
  const fit: Sample[] = [];
  benchMrpc(report, e, pairs, productOf, ambiguous, fit);
  benchClough(report, e, fit);
  benchComposite(report, e, composeArticles(createRandom('match-quality'), pairs, productOf, ambiguous, argValue(args, '--articles', 200)), fit);
  bm25.close();
  if (args.includes('--fit')) process.stderr.write(`logistic fit on ${fit.length} samples [intercept, bestCosine, logSeedSentences, logVerbatimWords, coverage]: ${JSON.stringify(fitLogistic(fit).map(round))}\n`);
}
