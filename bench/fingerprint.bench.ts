/**
 * `npm run bench -- fingerprint [--json] [--full]`: the copy fingerprint on real prose
 * (Clough & Stevenson Wikipedia texts, MRPC news sentences). Reports slot density, capacity,
 * the shortest verbatim excerpt that singles out one leaker among 1,000 recipients (invisible
 * layer kept and stripped), collusion resistance on a 5,000-word product, and innocents
 * accused with the number of innocent copies scored. The default run takes a few minutes;
 * `--full` runs 100 trials per excerpt length and per collusion attack (over 600,000
 * innocent copy-scorings).
 */
import type { Report } from './report.ts';
import {
  capacity, createFingerprintCode, decodeFingerprint, drawCodeword, findSlots, formatRecipients, indexProduct, renderCopy,
  stripInvisibleLayer, type Codeword, type IssuedCopy, type RecipientLimits, type Slot,
} from '../src/domain/fingerprint/index.ts';
import { createRandom, type Random } from '../src/domain/random.ts';
import { loadLexicon } from '../src/adapters/lexicon/load-lexicon.ts';
import { buildDocument, excerpt, fillerText, loadProse } from '../src/adapters/lexicon/prose-samples.ts';

const lexicon = loadLexicon();

interface Product {
  readonly master: string;
  readonly slots: Slot[];
  readonly index: ReturnType<typeof indexProduct>;
  readonly code: ReturnType<typeof createFingerprintCode>;
  readonly copies: IssuedCopy[];
}

function issueProduct(master: string, recipients: number, random: Random): Product {
  const slots = findSlots(master, lexicon);
  const code = createFingerprintCode(slots, random.fork('code'));
  const copies = Array.from({ length: recipients }, (_, i) => ({ id: `r${i}`, codeword: drawCodeword(code, random.fork(`r${i}`)) }));
  return { master, slots, code, copies, index: indexProduct(master, slots, lexicon) };
}

function newsDocument(random: Random, words: number): string {
  const news = loadProse().news;
  const paragraphs: string[] = [];
  for (let total = 0; total < words;) {
    const sentences = Array.from({ length: 5 }, () => news[random.int(news.length)] ?? '');
    paragraphs.push(`(S) ${sentences.join(' ')}`);
    total += sentences.join(' ').split(/\s+/).length;
  }
  return paragraphs.join('\n\n');
}

function density(report: Report, corpus: string, master: string): void {
  const c = capacity(master, findSlots(master, lexicon));
  const note = `${corpus}, ${c.words} words`;
  report({ metric: `visible slots per 1000 words (${corpus})`, value: round((1000 * c.visibleSlots) / c.words), unit: 'slots', note });
  report({ metric: `invisible slots per 1000 words (${corpus})`, value: round((1000 * c.invisibleSlots) / c.words), unit: 'slots', note });
  report({ metric: `visible bits per 1000 words (${corpus})`, value: round(c.visibleBitsPer1000Words), unit: 'bits', note: `${note}; aim >= 60` });
  report({ metric: `invisible bits per 1000 words (${corpus})`, value: round(c.invisibleBitsPer1000Words), unit: 'bits', note });
  const limits: Array<readonly [string, RecipientLimits]> = [
    ['whole document, visible only', c.wholeDocument.visibleOnly], ['whole document, with invisible', c.wholeDocument.withInvisible],
    [`${c.excerpt.words}-word excerpt, visible only`, c.excerpt.visibleOnly], [`${c.excerpt.words}-word excerpt, with invisible`, c.excerpt.withInvisible],
  ];
  for (const [what, l] of limits) {
    report({
      metric: `capacity, ${what}, single leaker (${corpus})`, value: l.singleLeaker, unit: 'recipients',
      note: `${formatRecipients(l.singleLeaker, c.cappedAt)} at ${c.falseAccusationRate} false accusations per product; ${c.colluders} colluders: ${formatRecipients(l.colluders, c.cappedAt)}`,
    });
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

interface ExcerptOutcome {
  readonly first: number;
  readonly accused: number;
  readonly innocentsAccused: number;
}

function excerptTrials(p: Product, words: number, trials: number, strip: boolean, random: Random): ExcerptOutcome {
  let first = 0;
  let accused = 0;
  let innocentsAccused = 0;
  for (let t = 0; t < trials; t++) {
    const leaker = p.copies[random.int(p.copies.length)];
    if (!leaker) continue;
    const text = renderCopy(p.master, p.slots, leaker.codeword);
    const quoted = excerpt(random, strip ? stripInvisibleLayer(text) : text, words);
    const article = `${fillerText(random, 60)} ${quoted} ${fillerText(random, 60)}`;
    const result = decodeFingerprint(article, p.index, p.code, p.copies);
    if (result.copies[0]?.id === leaker.id) first++;
    if (result.copies.some((c) => c.accused && c.id === leaker.id)) accused++;
    innocentsAccused += result.copies.filter((c) => c.accused && c.id !== leaker.id).length;
  }
  return { first, accused, innocentsAccused };
}

const LENGTHS = [25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000, 2500];

function shortestExcerpt(report: Report, p: Product, trials: number, strip: boolean, random: Random, innocents: Innocents): void {
  const layer = strip ? 'invisible layer stripped' : 'invisible layer kept';
  let ranked: number | null = null;
  let accused: number | null = null;
  for (const words of LENGTHS) {
    const o = excerptTrials(p, words, trials, strip, random);
    innocents.accused += o.innocentsAccused;
    innocents.scored += trials * (p.copies.length - 1);
    report({ metric: `single leaker among 1000, ${words}-word excerpt, ${layer}: ranked first`, value: round((100 * o.first) / trials), unit: '%', note: `accused ${round((100 * o.accused) / trials)}%, innocents accused ${o.innocentsAccused}, ${trials} trials` });
    if (ranked === null && o.first >= 0.95 * trials && o.innocentsAccused === 0) ranked = words;
    if (accused === null && o.accused >= 0.95 * trials && o.innocentsAccused === 0) accused = words;
    if (ranked !== null && accused !== null) break;
  }
  const aim = strip ? 800 : 250;
  report({ metric: `shortest excerpt, single leaker among 1000, ${layer}: ranked first in >=95%`, value: ranked ?? Number.NaN, unit: 'words', note: `no innocent above the threshold; aim ${aim}` });
  report({ metric: `shortest excerpt, single leaker among 1000, ${layer}: accused in >=95%`, value: accused ?? Number.NaN, unit: 'words', note: accused === null ? `not reached by ${LENGTHS[LENGTHS.length - 1]} words` : 'score above the 1e-6 threshold' });
}

type Attack = 'interleaving' | 'majority' | 'random-choice';

function attackCodeword(attack: Exclude<Attack, 'interleaving'>, colluders: readonly Codeword[], random: Random): number[] {
  const first = colluders[0] ?? [];
  return first.map((_, i) => {
    const symbols = colluders.map((c) => c[i] ?? 0);
    if (attack === 'random-choice') {
      const distinct = [...new Set(symbols)];
      return distinct[random.int(distinct.length)] ?? 0;
    }
    const counts = new Map<number, number>();
    for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
    const top = Math.max(...counts.values());
    const tied = [...counts].filter(([, n]) => n === top).map(([s]) => s);
    return tied[random.int(tied.length)] ?? 0;
  });
}

function colludedText(p: Product, attack: Attack, colluders: readonly IssuedCopy[], random: Random): string {
  if (attack !== 'interleaving') return renderCopy(p.master, p.slots, attackCodeword(attack, colluders.map((c) => c.codeword), random));
  // Interleaving on the text itself: each paragraph from the colluders in turn.
  const texts = colluders.map((c) => renderCopy(p.master, p.slots, c.codeword).split('\n\n'));
  return (texts[0] ?? []).map((para, i) => texts[i % texts.length]?.[i] ?? para).join('\n\n');
}

interface Innocents {
  accused: number;
  scored: number;
}

function collusion(report: Report, p: Product, trials: number, random: Random, innocents: Innocents): void {
  for (const size of [2, 3]) {
    for (const attack of ['interleaving', 'majority', 'random-choice'] as const) {
      let caught = 0;
      let wrong = 0;
      const decoders = new Set<string>();
      for (let t = 0; t < trials; t++) {
        const start = random.int(p.copies.length - size);
        const colluders = p.copies.slice(start, start + size);
        const ids = new Set(colluders.map((c) => c.id));
        const result = decodeFingerprint(colludedText(p, attack, colluders, random), p.index, p.code, p.copies);
        decoders.add(result.decoder);
        if (result.copies.some((c) => c.accused && ids.has(c.id))) caught++;
        wrong += result.copies.filter((c) => c.accused && !ids.has(c.id)).length;
        innocents.scored += p.copies.length - size;
      }
      innocents.accused += wrong;
      report({ metric: `${size} colluders, ${attack}, 5000 words, 1000 recipients: a colluder accused`, value: round((100 * caught) / trials), unit: '%', note: `innocents accused ${wrong}, ${trials} trials, decoder ${[...decoders].join('/')}` });
    }
  }
}

function outsiders(p: Product, trials: number, random: Random): number {
  let accused = 0;
  for (let t = 0; t < trials; t++) {
    const text = renderCopy(p.master, p.slots, drawCodeword(p.code, random.fork(`outsider-${t}`)));
    accused += decodeFingerprint(text, p.index, p.code, p.copies).copies.filter((c) => c.accused).length;
  }
  return accused;
}

export async function run(args: string[], report: Report): Promise<void> {
  const full = args.includes('--full');
  const random = createRandom('bench-fingerprint');
  const started = Date.now();
  const prose = loadProse();
  density(report, 'Clough-Stevenson', prose.wikipedia.join('\n\n'));
  density(report, 'MRPC', newsDocument(random.fork('mrpc'), 3000));
  // A larger news sample than the 3,000 words above, whose density varies with the draw.
  density(report, 'MRPC, larger sample', newsDocument(random.fork('mrpc-large'), 20000));

  const innocents: Innocents = { accused: 0, scored: 0 };
  const excerptProduct = issueProduct(buildDocument(random.fork('doc3000'), 3000), 1000, random.fork('excerpt'));
  const excerptTrialsPerLength = full ? 100 : 20;
  shortestExcerpt(report, excerptProduct, excerptTrialsPerLength, false, random.fork('kept'), innocents);
  shortestExcerpt(report, excerptProduct, excerptTrialsPerLength, true, random.fork('stripped'), innocents);

  const longProduct = issueProduct(buildDocument(random.fork('doc5000'), 5000), 1000, random.fork('collusion'));
  collusion(report, longProduct, full ? 100 : 15, random.fork('attacks'), innocents);

  const outsiderTrials = full ? 200 : 30;
  const outsiderAccused = outsiders(longProduct, outsiderTrials, random.fork('outsiders'));
  innocents.accused += outsiderAccused;
  innocents.scored += outsiderTrials * longProduct.copies.length;
  report({ metric: 'innocents accused, leaks from copies outside the list', value: outsiderAccused, unit: 'copies', note: `${outsiderTrials} leaks x 1000 innocent copies` });
  report({ metric: 'innocents accused, all trials', value: innocents.accused, unit: 'copies', note: `aim 0; ${innocents.scored} innocent copy-scorings in all` });
  report({ metric: 'innocent copy-scorings, all trials', value: innocents.scored, unit: 'scorings' });
  report({ metric: 'benchmark run time', value: round((Date.now() - started) / 1000), unit: 's', note: full ? 'full run' : 'default run (--full for more trials)' });
  return Promise.resolve();
}
