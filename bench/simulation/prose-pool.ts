/**
 * Real prose for the simulation (../shared/data): news sentences from MRPC and STS-B and
 * Wikipedia-style text from Clough & Stevenson. No two product sentences share a run of eight
 * words (image captions included: the corpora hold too little news for 2,000 products), so a leaked passage has exactly one true source; MRPC sentence2s of paraphrase pairs
 * are kept aside as real human rewrites of their sentence1, and STS-B dev sentences as the
 * journalists' own filler.
 */
import { loadClough, loadMrpc, loadStsb } from '../corpora.ts';
import type { Random } from '../../src/domain/random.ts';
import { shuffle } from './pick.ts';
import { splitSentences, wordsOf } from './sentences.ts';

export interface ProseSentence {
  readonly text: string;
  /** A real paraphrase (MRPC sentence2 of a paraphrase pair), checked to share no 8-word run with another product sentence. */
  readonly paraphrase: string | null;
}

export interface ProsePool {
  readonly sentences: readonly ProseSentence[];
  /** Sentences of no product, for the journalists' own words. */
  readonly filler: readonly string[];
  readonly words: number;
}

const run = 8;

function windowsOf(text: string): string[] {
  const w = wordsOf(text);
  if (w.length < run) return [w.join(' ')];
  return Array.from({ length: w.length - run + 1 }, (_, i) => w.slice(i, i + run).join(' '));
}

const usable = (s: string): boolean => {
  const n = wordsOf(s).length;
  return n >= 6 && n <= 60 && /^[A-Z"'(]/u.test(s);
};

/** Headlines (most STS-B news) carry no full stop; give them one so they read, and split, as sentences. */
const asSentence = (s: string): string => {
  const t = s.trim().replace(/\s+/gu, ' ');
  return /[.!?"')]$/u.test(t) ? t : `${t}.`;
};

/** Candidate product sentences: MRPC sentence1s (with their paraphrase if any), Clough texts, STS-B train news and forum. */
function candidates(): { text: string; paraphrase: string | null }[] {
  const mrpc = loadMrpc();
  const paraphraseOf = new Map<string, string>();
  for (const p of mrpc) if (p.label === 1 && !paraphraseOf.has(p.s1)) paraphraseOf.set(p.s1, p.s2);
  const out = [...new Set(mrpc.map((p) => p.s1))].map((text) => ({ text, paraphrase: paraphraseOf.get(text) ?? null }));
  const clough = loadClough();
  for (const text of [...clough.sources.values(), ...clough.answers.map((a) => a.text)]) {
    for (const s of splitSentences(text.replace(/\s+/gu, ' '))) out.push({ text: s, paraphrase: null });
  }
  for (const p of loadStsb('train')) out.push({ text: p.s1, paraphrase: null }, { text: p.s2, paraphrase: null });
  return out;
}

export function loadProsePool(random: Random): ProsePool {
  const owner = new Map<string, number>();
  const kept: { text: string; paraphrase: string | null }[] = [];
  for (const c of candidates()) {
    const text = asSentence(c.text);
    if (!usable(text) || splitSentences(text).length !== 1) continue;
    const windows = windowsOf(text);
    if (windows.some((w) => owner.has(w))) continue;
    for (const w of windows) owner.set(w, kept.length);
    kept.push({ text, paraphrase: c.paraphrase });
  }
  // A paraphrase that repeats eight words of another product's sentence would be a verbatim quote of that product.
  const sentences = kept.map((s, i) => ({
    text: s.text,
    paraphrase: s.paraphrase !== null && windowsOf(s.paraphrase).every((w) => (owner.get(w) ?? i) === i) ? s.paraphrase : null,
  }));
  const filler = loadStsb('dev').flatMap((p) => (p.genre === 'main-captions' ? [] : [p.s1, p.s2]))
    .map(asSentence).filter((s) => usable(s) && windowsOf(s).every((w) => !owner.has(w)));
  const words = sentences.reduce((n, s) => n + wordsOf(s.text).length, 0);
  return { sentences: shuffle(random, sentences), filler: shuffle(random, [...new Set(filler)]), words };
}
