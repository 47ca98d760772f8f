/**
 * Word tokens with exact offsets into the original text. Normalisation happens per character,
 * so no offset map beyond each token's [start, end) is needed: Unicode compatibility folding
 * (NFKD, then combining marks dropped, so "ﬁ", "é" and "e\u0301" fold alike), case folding,
 * invisible characters skipped inside words, every kind of space a separator, punctuation a
 * separator. Portion marks such as "(TS//SI)" at the start of a paragraph are not content.
 * Only the fold hook, which may rewrite several words at once, needs an offset map.
 */
import { alignOffsets } from './offset-map.ts';
import type { OffsetMap } from './offset-map.ts';


/**
 * A text folding hook (e.g. the fingerprint module's canonical folding), applied to the whole
 * text, so multi-word alternatives fold too; offsets are mapped back by offset-map.ts.
 */
export type Fold = (text: string) => string;

export interface Tokens {
  /** normalised words, in order */
  readonly words: string[];
  /** [start, end) of each word in the original text */
  readonly starts: number[];
  readonly ends: number[];
  /** index of the first word of each sentence (ascending; sentences cover all words) */
  readonly sentenceStarts: number[];
}

// Zero-width and formatting characters that fingerprinting or copy-paste may insert inside
// words (U+200B–U+200D, U+2060, U+FEFF, soft hyphen, bidi marks): removed, never separators.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/u;
// Every space, including U+00A0, U+2009 and U+200A; U+FEFF is treated as invisible above.
const SPACE = /[^\S\ufeff]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/gu;
const APOSTROPHE = /['\u2019]/u;
const SENTENCE_END = /[.!?]["'\u2019\u201d)\]]*$/u;
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/gu;
// "(TS//SI)", "(S//CEO)", "(C)", "(U)", "(PB)", "(TS//SI//REL TO CAN, USA)".
const PORTION_MARK = /[^\S\n]*\([A-Z]{1,4}(?:\/\/[A-Z0-9][A-Z0-9 ,/-]{0,80})?\)/uy;
// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'vs', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'no', 'maj', 'capt', 'sgt', 'prof', 'messrs']);

class TokenSink {
  readonly words: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly sentenceStarts: number[] = [];
  private sentenceOpen = false;

  addWord(word: string, start: number, end: number): void {
    if (!this.sentenceOpen) {
      this.sentenceStarts.push(this.words.length);
      this.sentenceOpen = true;
    }
    this.words.push(word);
    this.starts.push(start);
    this.ends.push(end);
  }

  endSentence(): void {
    this.sentenceOpen = false;
  }

  lastWord(): string | undefined {
    return this.words[this.words.length - 1];
  }
}

/** Folds one character to its normalised word characters ('' for separators and marks). */
function foldChar(ch: string): string {
  return ch.normalize('NFKD').replace(MARK, '').toLowerCase();
}

/**
 * Scans one whitespace-free chunk. `offsetOf(i)` maps an index in `chunk` to the original
 * text; words are cut at punctuation, invisible characters and apostrophes are skipped.
 */
function scanChunk(chunk: string, sink: TokenSink, startOf: (i: number) => number, endOf: (i: number) => number): void {
  let word = '';
  let wordStart = -1;
  let wordEnd = -1;
  const flush = (): void => {
    if (word) sink.addWord(word, startOf(wordStart), endOf(wordEnd));
    word = '';
    wordStart = -1;
  };
  for (let i = 0; i < chunk.length; ) {
    const code = chunk.charCodeAt(i);
    if (code < 128) {
      // ASCII fast path: most text is ASCII and the Unicode path is slow.
      const lower = code >= 65 && code <= 90 ? code + 32 : code;
      if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)) {
        if (wordStart < 0) wordStart = i;
        word += String.fromCharCode(lower);
        wordEnd = i + 1;
      } else if (!(code === 39 && word)) {
        flush();
      }
      i++;
      continue;
    }
    const cp = chunk.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (INVISIBLE.test(ch) || (word && APOSTROPHE.test(ch))) {
      i = next;
      continue;
    }
    const folded = foldChar(ch);
    if (folded && [...folded].every((c) => WORD_CHAR.test(c))) {
      if (wordStart < 0) wordStart = i;
      word += folded;
      wordEnd = next;
    } else if (!/^\p{M}*$/u.test(ch) || !word) {
      flush();
    }
    i = next;
  }
  flush();
  if (SENTENCE_END.test(chunk) && !ABBREVIATIONS.has(sink.lastWord() ?? '') && (sink.lastWord() ?? '').length > 1) {
    sink.endSentence();
  }
}

function isSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(text[i] ?? '');
}

/** Original offsets of the scanned text: start of character i, end of the characters before j. */
interface Origin {
  readonly startOf: (i: number) => number;
  readonly endOf: (j: number) => number;
}

const IDENTITY: Origin = { startOf: (i) => i, endOf: (j) => j };

function mappedOrigin(map: OffsetMap): Origin {
  return { startOf: (i) => map.start[i] ?? 0, endOf: (j) => map.end[j - 1] ?? 0 };
}

function scanParagraph(text: string, from: number, to: number, sink: TokenSink, origin: Origin): void {
  PORTION_MARK.lastIndex = from;
  const mark = PORTION_MARK.exec(text);
  let i = mark && PORTION_MARK.lastIndex <= to ? PORTION_MARK.lastIndex : from;
  while (i < to) {
    while (i < to && isSpace(text, i)) i++;
    let j = i;
    while (j < to && !isSpace(text, j)) j++;
    if (j > i) {
      const at = i;
      scanChunk(text.slice(i, j), sink, (k) => origin.startOf(at + k), (k) => origin.endOf(at + k));
    }
    i = j;
  }
  sink.endSentence();
}

/**
 * Splits `text` into normalised words with their offsets in `text`, and into sentences. With
 * a fold hook, the folded text is what is split; a word inside a folded span takes the whole
 * original span it came from.
 *
 * @example
 * tokenise('(S) The  Minister\u200b’s plan.').words // ['the', 'ministers', 'plan']
 */
export function tokenise(text: string, fold?: Fold): Tokens {
  const folded = fold ? fold(text) : text;
  const origin = folded === text ? IDENTITY : mappedOrigin(alignOffsets(text, folded));
  const sink = new TokenSink();
  let from = 0;
  for (const m of folded.matchAll(PARAGRAPH_BREAK)) {
    scanParagraph(folded, from, m.index, sink, origin);
    from = m.index + m[0].length;
  }
  scanParagraph(folded, from, folded.length, sink, origin);
  return sink;
}
