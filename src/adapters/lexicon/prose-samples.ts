/**
 * Real prose for the fingerprint's tests and benchmark: the five Wikipedia source texts of
 * the Clough & Stevenson corpus and the news sentences of the MRPC training split, read from
 * ../shared/data (never copied into the project). Documents are assembled from whole
 * paragraphs, without repeating one, so that every passage of a document is its own.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Random } from '../../domain/random.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

export interface ProseSamples {
  /** Paragraphs of the Clough & Stevenson source texts. */
  readonly wikipedia: readonly string[];
  /** MRPC sentences, each once. */
  readonly news: readonly string[];
}

let cached: ProseSamples | undefined;

export function loadProse(): ProseSamples {
  if (cached) return cached;
  const wikipedia = ['a', 'b', 'c', 'd', 'e']
    .flatMap((t) => readFileSync(`${DATA}clough-stevenson/orig_task${t}.txt`, 'utf8').split(/\n\s*\n/))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.split(' ').length >= 8);
  const news = new Set<string>();
  for (const line of readFileSync(`${DATA}mrpc/msr_paraphrase_train.txt`, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const [, , , s1, s2] = line.split('\t');
    for (const s of [s1, s2]) if (s && s.split(' ').length >= 6) news.add(s.trim());
  }
  cached = { wikipedia, news: [...news] };
  return cached;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const MARKS = ['(S)', '(C)', '(U)', '(TS//SI)', '(S//REL TO CAN, USA)'];

/**
 * A report of about `words` words: Wikipedia paragraphs (in a random order) and paragraphs of
 * 3–6 consecutive-by-draw MRPC sentences, each with a portion mark.
 */
export function buildDocument(random: Random, words: number, prose: ProseSamples = loadProse()): string {
  const paragraphs: string[] = [];
  const usedWiki = new Set<number>();
  const usedNews = new Set<number>();
  let total = 0;
  while (total < words) {
    let paragraph = '';
    if (random.next() < 0.35 && usedWiki.size < prose.wikipedia.length) {
      let i = random.int(prose.wikipedia.length);
      while (usedWiki.has(i)) i = (i + 1) % prose.wikipedia.length;
      usedWiki.add(i);
      paragraph = prose.wikipedia[i] ?? '';
    } else {
      const sentences: string[] = [];
      for (let n = 3 + random.int(4); n > 0; n--) {
        let i = random.int(prose.news.length);
        while (usedNews.has(i)) i = (i + 1) % prose.news.length;
        usedNews.add(i);
        sentences.push(prose.news[i] ?? '');
      }
      paragraph = sentences.join(' ');
    }
    paragraphs.push(`${MARKS[random.int(MARKS.length)] ?? '(U)'} ${paragraph}`);
    total += wordCount(paragraph);
  }
  return paragraphs.join('\n\n');
}

/** Unrelated filler text (news sentences) of about `words` words, to surround an excerpt. */
export function fillerText(random: Random, words: number, prose: ProseSamples = loadProse()): string {
  const out: string[] = [];
  let total = 0;
  while (total < words) {
    const s = prose.news[random.int(prose.news.length)] ?? '';
    out.push(s);
    total += wordCount(s);
  }
  return out.join(' ');
}

/** `words` consecutive words of `text` starting at a random word, exactly as they appear. */
export function excerpt(random: Random, text: string, words: number): string {
  const starts = [...text.matchAll(/\S+/g)].map((m) => m.index);
  if (starts.length <= words) return text;
  const first = random.int(starts.length - words);
  const start = starts[first] ?? 0;
  const end = starts[first + words] ?? text.length;
  return text.slice(start, end).trimEnd();
}
