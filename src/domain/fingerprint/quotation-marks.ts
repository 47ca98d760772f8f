/**
 * Quotation marks as typography: "straight" or “curly”. A quotation's words are protected and
 * never change; only the pair of marks around them does, as one slot (a copy never mixes a
 * straight opening mark with a curly closing one). Plain text pairs straight marks
 * ambiguously, so a slot is made only where the pairing is unmistakable: the opening mark
 * follows a space, a bracket or the start of a line and touches a word; the closing mark
 * touches a word or punctuation and is followed by a space, punctuation or the end.
 */
import type { Span } from './spans.ts';

const PAIRS: ReadonlyArray<readonly [open: string, close: string]> = [['"', '"'], ['\u201C', '\u201D']];

function isClearlyPaired(text: string, [start, end]: Span): boolean {
  const before = text.slice(start - 1, start);
  const first = text.slice(start + 1, start + 2);
  const last = text.slice(end - 2, end - 1);
  const after = text.slice(end, end + 1);
  return end - start > 2 && (start === 0 || /[\s([]/u.test(before)) && /[^\s"“”]/u.test(first) && /[^\s"“”]/u.test(last)
    && (after === '' || /[\s.,;:!?)\]]/u.test(after)) && !/[\n"“”]/u.test(text.slice(start + 1, end - 1));
}

/** The two ways to write the quotation at `span`, straight first; null when it cannot vary. */
export function quotationAlternatives(text: string, span: Span): string[] | null {
  const found = text.slice(span[0], span[1]);
  const inner = found.slice(1, -1);
  const matches = PAIRS.some(([open, close]) => found.startsWith(open) && found.endsWith(close));
  if (!matches || !isClearlyPaired(text, span)) return null;
  return PAIRS.map(([open, close]) => `${open}${inner}${close}`);
}
