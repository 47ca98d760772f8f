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
 * MRPC figures are given on the whole training split (the figures) and on each half:
 * the models were fitted on the even-numbered products only (match-fit.ts), the odd ones are
 * held out. MRPC reuses sentences across pairs, so some queries are copies of a sentence1 in
 * another product: `mrpc.ceiling` is the best recall@1 any ranking can reach, and
 * `mrpc.recallAt1AmongResolvable` the recall@1 over the other queries (corpora.ts, copyHolders).
 * `--fit-pairs` fits the sentence-pair model of src/domain/match/sentence-similarity.ts and
 * `--fit` the calibration of src/domain/match/calibrate.ts, each on the tuning half, and prints it.
 */
import { loadSynonymMap } from '../src/adapters/wordnet/synonym-map.ts';
import { MatchIndex } from '../src/domain/match/match-index.ts';
import { matchLeak } from '../src/domain/match/match-leak.ts';
import type { MatchedSource } from '../src/domain/match/match-leak.ts';
import { createRandom } from '../src/domain/random.ts';
import type { Random } from '../src/domain/random.ts';
import { Bm25Baseline, copyHolders, loadClough, loadMrpc, loadStsb, mrpcProducts, plainWords, rocAuc, verbatimOwners } from './corpora.ts';
import type { BenchProduct, Copies, MrpcPair } from './corpora.ts';
import { composeQuoteArticles, fitLogistic, isTuningProduct, pairSamples, sourceSamples } from './match-fit.ts';
import type { Sample, SourcedArticle } from './match-fit.ts';
import type { Report } from './report.ts';

const THRESHOLD = 0.5;
const ALL = { threshold: 0, maxSources: 1_000_000 };

interface Engines {
  index: MatchIndex;
  bm25: Bm25Baseline;
}

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

/** Ranks of the true product, and the scores of paraphrase vs non-paraphrase pairs. */
class RankFigures {
  n = 0;
  hits = 0;
  reciprocal = 0;
  readonly pos: number[] = [];
  readonly neg: number[] = [];

  addRank(rank: number): void {
    this.n++;
    this.hits += rank === 1 ? 1 : 0;
    this.reciprocal += 1 / rank;
  }

  addScore(label: 0 | 1, score: number): void {
    (label ? this.pos : this.neg).push(score);
  }

  get recall(): number {
    return this.hits / this.n;
  }

  get mrr(): number {
    return this.reciprocal / this.n;
  }
}

interface MrpcContext {
  readonly pairs: readonly MrpcPair[];
  readonly productOf: ReadonlyMap<string, string>;
  readonly ambiguous: (p: MrpcPair) => boolean;
  /** other products holding a copy of a query (corpora.ts, copyHolders) */
  readonly copies: (query: string, own: string, product: string) => Copies;
  /** other products holding a sentence1 that MRPC labels a paraphrase of a query */
  readonly labelled: (query: string, product: string) => readonly string[];
}

/** Figures over the paraphrase queries of both halves, and of each half alone. */
class HalfFigures {
  readonly all = new RankFigures();
  readonly tuning = new RankFigures();
  readonly held = new RankFigures();

  addRank(tuning: boolean, rank: number): void {
    this.all.addRank(rank);
    (tuning ? this.tuning : this.held).addRank(rank);
  }

  addScore(tuning: boolean, label: 0 | 1, score: number): void {
    this.all.addScore(label, score);
    (tuning ? this.tuning : this.held).addScore(label, score);
  }
}

function benchMrpc(report: Report, e: Engines, m: MrpcContext, fit: Sample[]): void {
  const [ours, base] = [new HalfFigures(), new HalfFigures()];
  const [resolvable, resolvableBase] = [new HalfFigures(), new HalfFigures()];
  const [clean, cleanBase, equivalent, equivalentBase] = [new RankFigures(), new RankFigures(), new RankFigures(), new RankFigures()];
  let [exact, near] = [0, 0];
  for (const pair of m.pairs) {
    const target = m.productOf.get(pair.s1) ?? '';
    const tuning = isTuningProduct(target);
    const sources = matchLeak(e.index, pair.s2, ALL);
    const ranked = sources.map((s) => s.product);
    ours.addScore(tuning, pair.label, scoreOf(sources, target));
    base.addScore(tuning, pair.label, e.bm25.scoreOf(pair.s2, target));
    if (!pair.label) {
      // a non-paraphrase does not draw on its sentence1's product
      if (tuning && !m.ambiguous(pair)) fit.push(...sourceSamples(sources.filter((s) => s.product === target), () => false));
      continue;
    }
    const baseRanked = e.bm25.search(pair.s2, 20).map((r) => r.id);
    const [rank, baseRank] = [rankOf(ranked, target), rankOf(baseRanked, target)];
    ours.addRank(tuning, rank);
    base.addRank(tuning, baseRank);
    const copies = m.copies(pair.s2, pair.s1, target);
    exact += copies.exact.length > 0 ? 1 : 0;
    near += copies.exact.length === 0 && copies.near.length > 0 ? 1 : 0;
    const alike = [...copies.exact, ...copies.near, ...m.labelled(pair.s2, target)];
    equivalent.addRank(Math.min(rank, ...alike.map((id) => rankOf(ranked, id))));
    equivalentBase.addRank(Math.min(baseRank, ...alike.map((id) => rankOf(baseRanked, id))));
    if (copies.exact.length === 0 && copies.near.length === 0) {
      resolvable.addRank(tuning, rank);
      resolvableBase.addRank(tuning, baseRank);
    }
    if (m.ambiguous(pair)) continue;
    clean.addRank(rank);
    cleanBase.addRank(baseRank);
    if (tuning) fit.push(...sourceSamples(sources, (id) => id === target));
  }
  const n = ours.all.n;
  const note = `MRPC train, ${n} paraphrase queries, ${m.productOf.size} distinct sentence1s in groups of 10`;
  ratioFigure(report, 'mrpc.recall@1', 'ratio', ours.all.recall, base.all.recall, note);
  report({ metric: 'mrpc.ceiling', value: round(1 - (exact + near) / n), unit: 'ratio',
    note: `the best recall@1 any ranking can reach: ${exact} queries have the same words as a sentence1 of another product (ceiling ${round(1 - exact / n)} from these alone) and ${near} more are within 2 word edits of one and nearer to it than to their own sentence1; a matcher must rank that product first` });
  const resolvableNote = (f: RankFigures, half: string): string => `${f.n} paraphrase queries${half} with no copy in another product (within 2 word edits and nearer than their own sentence1)`;
  ratioFigure(report, 'mrpc.recallAt1AmongResolvable', 'ratio', resolvable.all.recall, resolvableBase.all.recall, resolvableNote(resolvable.all, ''));
  ratioFigure(report, 'mrpc.tuning.recallAt1AmongResolvable', 'ratio', resolvable.tuning.recall, resolvableBase.tuning.recall, resolvableNote(resolvable.tuning, ' of the tuning half (even-numbered products, used for fitting)'));
  ratioFigure(report, 'mrpc.held-out.recallAt1AmongResolvable', 'ratio', resolvable.held.recall, resolvableBase.held.recall, resolvableNote(resolvable.held, ' of the held-out half (odd-numbered products, not used for fitting)'));
  ratioFigure(report, 'mrpc.recall@1.equivalent-counts', 'ratio', equivalent.recall, equivalentBase.recall,
    'recall@1 where a product holding a copy of the query, or a sentence1 MRPC itself labels a paraphrase of it, also counts as correct');
  ratioFigure(report, 'mrpc.recall@1.unambiguous', 'ratio', clean.recall, cleanBase.recall,
    `${clean.n} queries sharing no run of 8 identical words with a sentence1 of another product (MRPC reuses sentences across pairs)`);
  ratioFigure(report, 'mrpc.mrr', 'ratio', ours.all.mrr, base.all.mrr, note);
  ratioFigure(report, 'mrpc.auc', 'auc', rocAuc(ours.all.pos, ours.all.neg), rocAuc(base.all.pos, base.all.neg), `${n} paraphrase vs ${ours.all.neg.length} non-paraphrase pairs, score of sentence1's product`);
  for (const [half, f, b, what] of [['tuning', ours.tuning, base.tuning, 'tuning half (even-numbered products, used for fitting)'], ['held-out', ours.held, base.held, 'held-out half (odd-numbered products, not used for fitting)']] as const) {
    const halfNote = `${what}: ${f.n} paraphrase queries`;
    ratioFigure(report, `mrpc.${half}.recall@1`, 'ratio', f.recall, b.recall, halfNote);
    ratioFigure(report, `mrpc.${half}.mrr`, 'ratio', f.mrr, b.mrr, halfNote);
    ratioFigure(report, `mrpc.${half}.auc`, 'auc', rocAuc(f.pos, f.neg), rocAuc(b.pos, b.neg), `${halfNote}, ${f.neg.length} non-paraphrase pairs`);
  }
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
    if (truth) fit.push(...sourceSamples([truth], () => a.category !== 'non'));
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

function benchComposite(report: Report, e: Engines, articles: readonly Article[]): void {
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

function argValue(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

// Articles from the tuning half only, for fitting the calibration.
function compositeSamples(e: Engines, articles: readonly SourcedArticle[]): Sample[] {
  return articles.flatMap((a) => sourceSamples(matchLeak(e.index, a.text, ALL), (id) => a.sources.includes(id), 8));
}

// The other products holding a sentence1 that MRPC labels a paraphrase of a text (in either
// order of a pair), by text with case and punctuation aside.
function labelledParaphrases(pairs: readonly MrpcPair[], productOf: ReadonlyMap<string, string>): (text: string, product: string) => string[] {
  const key = (t: string): string => plainWords(t).join(' ');
  const holders = new Map<string, Set<string>>();
  for (const [s, id] of productOf) holders.set(key(s), (holders.get(key(s)) ?? new Set()).add(id));
  const partners = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => { partners.set(key(a), (partners.get(key(a)) ?? new Set()).add(key(b))); };
  for (const p of pairs) {
    if (!p.label) continue;
    link(p.s1, p.s2);
    link(p.s2, p.s1);
  }
  return (text, product) => [...new Set([...partners.get(key(text)) ?? []].flatMap((k) => [...holders.get(k) ?? []]))].filter((id) => id !== product);
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
  if (args.includes('--fit-pairs')) {
    const samples = pairSamples(index, pairs, productOf, ambiguous);
    process.stderr.write(`pair model fit on ${samples.length} samples [intercept, cosine, dice, leakRecall, productPrecision, numberMismatch, lengthGap]: ${JSON.stringify(fitLogistic(samples).map(round))}\n`);
  }
  const fit: Sample[] = [];
  benchMrpc(report, e, { pairs, productOf, ambiguous, copies: copyHolders(productOf), labelled: labelledParaphrases(pairs, productOf) }, fit);
  benchClough(report, e, fit);
  const articles = argValue(args, '--articles', 200);
  benchComposite(report, e, composeArticles(createRandom('match-quality'), pairs, productOf, ambiguous, articles));
  if (args.includes('--fit')) {
    const tuning = pairs.filter((p) => isTuningProduct(productOf.get(p.s1) ?? ''));
    fit.push(...compositeSamples(e, composeArticles(createRandom('match-quality-fit'), tuning, productOf, ambiguous, articles)));
    fit.push(...compositeSamples(e, composeQuoteArticles(createRandom('match-quality-quotes'), products.filter((p) => isTuningProduct(p.id)), articles)));
    process.stderr.write(`calibration fit on ${fit.length} samples [intercept, bestSimilarity, logSeedSentences, logVerbatimWords, coverage]: ${JSON.stringify(fitLogistic(fit).map(round))}\n`);
  }
  bm25.close();
}
