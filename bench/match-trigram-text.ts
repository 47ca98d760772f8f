/**
 * Synthetic product text for the match-speed benchmark: a word-trigram model trained on the
 * shared corpora (MRPC, STS-B, Clough & Stevenson), so vocabulary and phrasing are those of
 * real news prose, and a generator whose sentences are all new.
 *
 * A trigram model of some 18,000 sentences often reproduces a training sentence whole, and
 * short captions ("a man is playing a guitar") many times: unchecked, a quarter of the
 * sentences of 5,000 products occur more than once, the commonest 586 times. Repeated
 * sentences are shared boilerplate, not the distinct reporting the benchmark models, and
 * they inflate posting lists and seed counts. So `NovelSentences` rejects any sentence equal
 * (case and punctuation aside) to a training sentence or to one it already produced.
 */
import type { Random } from '../src/domain/random.ts';
import { loadClough, loadMrpc, loadStsb } from './corpora.ts';

const START = '\u0002';
const END = '\u0003';

/** Word-trigram model: for each pair of words, the words seen after it (with repeats). */
export type Trigrams = Map<string, string[]>;

export function trainTrigrams(sentences: readonly string[]): Trigrams {
  const model: Trigrams = new Map();
  for (const s of sentences) {
    const words = [START, START, ...s.split(/\s+/u).filter(Boolean), END];
    for (let i = 2; i < words.length; i++) {
      const key = `${words[i - 2]} ${words[i - 1]}`;
      const next = model.get(key);
      if (next) next.push(words[i] ?? END);
      else model.set(key, [words[i] ?? END]);
    }
  }
  return model;
}

/** The training sentences: MRPC and STS-B pairs, Clough & Stevenson sources and answers. */
export function corpusSentences(): string[] {
  const mrpc = loadMrpc().flatMap((p) => [p.s1, p.s2]);
  const stsb = loadStsb().flatMap((p) => [p.s1, p.s2]);
  const { sources, answers } = loadClough();
  const prose = [...sources.values(), ...answers.map((a) => a.text)].flatMap((t) => t.split(/(?<=[.!?])\s+/u));
  return [...mrpc, ...stsb, ...prose];
}

function sampleSentence(model: Trigrams, random: Random): string[] {
  const out: string[] = [];
  let a = START;
  let b = START;
  while (out.length < 60) {
    const next = model.get(`${a} ${b}`);
    const word = next?.[random.int(next.length)] ?? END;
    if (word === END) break;
    out.push(word);
    [a, b] = [b, word];
  }
  return out;
}

// 53 bits of two FNV-1a hashes of the lower-cased words: 5 million sentences collide with
// probability about 10^-3, and a Set of numbers stays far smaller than one of strings.
export function sentenceKey(words: readonly string[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const word of words) {
    const w = word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (!w) continue;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 32, 0x01000193);
    h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
  }
  return (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff);
}

/** Sentences sampled from the model, each one new: not a training sentence, never repeated. */
export class NovelSentences {
  private readonly seen = new Set<number>();

  constructor(private readonly model: Trigrams, private readonly random: Random, training: readonly string[]) {
    for (const s of training) this.seen.add(sentenceKey(s.split(/\s+/u)));
  }

  /** How many distinct sentences have been produced or excluded. */
  get size(): number {
    return this.seen.size;
  }

  next(): string[] {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const words = sampleSentence(this.model, this.random);
      if (words.length === 0) continue;
      const key = sentenceKey(words);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      return words;
    }
    throw new Error('the trigram model yields no new sentence in 10,000 attempts');
  }
}

/** About `words` words of new sentences, four to a paragraph, each paragraph portion-marked. */
export function generateText(sentences: NovelSentences, words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const paragraph: string[] = [];
    for (let i = 0; i < 4 && count < words; i++) {
      const s = sentences.next();
      count += s.length;
      paragraph.push(s.join(' '));
    }
    paragraphs.push(`(S) ${paragraph.join(' ')}`);
  }
  return paragraphs.join('\n\n');
}
