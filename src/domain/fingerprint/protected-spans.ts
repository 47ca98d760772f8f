/**
 * What a copy never changes. Security markings (a portion mark such as `(TS//SI)` or a banner
 * such as `SECRET//REL TO CAN, USA`), direct quotations ("…" and “…”), estimative language,
 * names (capitalised words that do not begin a sentence, and acronyms) and numbers. Dates and
 * courtesy titles are the exceptions the slot finder allows for: a date's format may change
 * although its month is capitalised, never its numbers.
 */
import { findEstimativeSpans } from './estimative-language.ts';
import type { Span } from './spans.ts';
import { isDigits, tokenize, type Token } from './tokens.ts';

export interface ProtectedSpans {
  /** Markings and quotations: nothing inside is ever varied. */
  readonly hard: readonly Span[];
  readonly estimative: readonly Span[];
  readonly names: readonly Span[];
  readonly numbers: readonly Span[];
  /** The quotations among `hard`: their words never change, their quotation marks may. */
  readonly quotations: readonly Span[];
}

const PORTION_MARK = /^[ \t]*\((?:TS|S|C|U|R|CUI|PA|PB|PC|[A-Z]{1,4})(?:\/\/[A-Z0-9 ,\-/]+)?\)/gm;
const INLINE_MARK = /\((?:TS|S|C|U|R|CUI|PA|PB|PC)(?:\/\/[A-Z0-9 ,\-/]+)?\)/g;
const BANNER = /\b(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED|PROTECTED [ABC])(?:\/\/[A-Z0-9 ,\-/]+)*|\b[A-Z][A-Z0-9]*(?:\/\/[A-Z0-9 ,\-/]+)+/g;
// A quotation may run over lines but not over a blank line (a paragraph break).
const QUOTATION = /“(?:(?!\n[ \t]*\n)[^”])*”|"(?:(?!\n[ \t]*\n)[^"])*"/g;

function spansOf(text: string, pattern: RegExp): Span[] {
  return [...text.matchAll(pattern)].map((m): Span => [m.index, m.index + m[0].length]);
}

/** Ends of the portion marks that open paragraphs: the word after one begins a sentence. */
function portionMarkEnds(text: string): Set<number> {
  return new Set(spansOf(text, PORTION_MARK).map((s) => s[1]));
}

const OPENERS = new Set(['"', '(', '[', "'"]);
const SENTENCE_ENDS = new Set(['.', '!', '?', ':', ';']);

function beginsSentence(tokens: readonly Token[], i: number, text: string, markEnds: ReadonlySet<number>): boolean {
  let k = i - 1;
  while (k >= 0 && OPENERS.has(tokens[k]?.norm ?? '')) k--;
  const previous = tokens[k];
  if (!previous) return true;
  const between = text.slice(previous.end, tokens[i]?.start ?? previous.end);
  if (/\n/.test(between) || markEnds.has(previous.end)) return true;
  return SENTENCE_ENDS.has(previous.norm);
}

function isCapitalised(text: string, token: Token): boolean {
  return /^\p{Lu}/u.test(text.slice(token.start, token.end));
}

function isAcronym(text: string, token: Token): boolean {
  const word = text.slice(token.start, token.end);
  return word.length > 1 && /^\p{Lu}+$/u.test(word);
}

function isName(tokens: readonly Token[], i: number, text: string, markEnds: ReadonlySet<number>): boolean {
  const token = tokens[i];
  if (!token?.isWord || !isCapitalised(text, token)) return false;
  if (isAcronym(text, token) || !beginsSentence(tokens, i, text, markEnds)) return true;
  // A sentence that opens with a name ("Prime Minister Carney said"): the next word is capitalised too.
  const next = tokens[i + 1];
  return next !== undefined && next.isWord && isCapitalised(text, next) && next.start === token.end + 1;
}

/** "Minister Tremblay", "Canadian Security Intelligence Service": one span, so nothing goes between the words. */
function mergeNames(names: readonly Span[], text: string): Span[] {
  const merged: Span[] = [];
  for (const name of names) {
    const last = merged[merged.length - 1];
    if (last && /^ (?:(?:of|the|for|and|de|du|la) )*$/.test(text.slice(last[1], name[0]))) merged[merged.length - 1] = [last[0], name[1]];
    else merged.push(name);
  }
  return merged;
}

/** `[start, end)` spans of the quotations in `text`, marks included. */
export function findQuotations(text: string): Span[] {
  return spansOf(text, QUOTATION);
}

export function findProtectedSpans(text: string): ProtectedSpans {
  const tokens = tokenize(text);
  const markEnds = portionMarkEnds(text);
  const names: Span[] = [];
  const numbers: Span[] = [];
  tokens.forEach((token, i) => {
    if (isDigits(token.norm)) numbers.push([token.start, token.end]);
    else if (isName(tokens, i, text, markEnds)) names.push([token.start, token.end]);
  });
  const quotations = findQuotations(text);
  const hard = [...spansOf(text, PORTION_MARK), ...spansOf(text, INLINE_MARK), ...spansOf(text, BANNER), ...quotations];
  return { hard, estimative: findEstimativeSpans(text), names: mergeNames(names, text), numbers, quotations };
}
