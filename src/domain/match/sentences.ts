import type { Tokens } from './tokenise.ts';
import type { TermFolder } from './term-folder.ts';

/** A sentence as the paraphrase channel sees it: a word range and its distinct terms. */
export interface SentenceTerms {
  /** first word (index into the text's tokens) */
  readonly from: number;
  /** one past the last word */
  readonly to: number;
  /** distinct folded, stemmed content terms */
  readonly terms: string[];
}

/**
 * Sentences with their terms. Sentences with fewer than `minTerms` content terms are joined to
 * the next one (to the previous one at the end of the text), as Sanchez-Perez, Sidorov &
 * Gelbukh (2014, §3.1) join short sentences: a two-word sentence is no evidence on its own.
 */
export function sentenceTerms(tokens: Tokens, fold: TermFolder, minTerms = 3): SentenceTerms[] {
  const out: SentenceTerms[] = [];
  let pending: { from: number; terms: Set<string> } | undefined;
  const bounds = [...tokens.sentenceStarts, tokens.words.length];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const from = bounds[s] ?? 0;
    const to = bounds[s + 1] ?? from;
    const current = pending ?? { from, terms: new Set<string>() };
    for (let i = from; i < to; i++) {
      const term = fold(tokens.words[i] ?? '');
      if (term) current.terms.add(term);
    }
    if (current.terms.size >= minTerms) {
      out.push({ from: current.from, to, terms: [...current.terms] });
      pending = undefined;
    } else {
      pending = current;
    }
  }
  if (pending) appendTail(out, pending, tokens.words.length);
  return out;
}

function appendTail(out: SentenceTerms[], tail: { from: number; terms: Set<string> }, end: number): void {
  const last = out.pop();
  if (!last) {
    if (tail.terms.size > 0) out.push({ from: tail.from, to: end, terms: [...tail.terms] });
    return;
  }
  out.push({ from: last.from, to: end, terms: [...new Set([...last.terms, ...tail.terms])] });
}
