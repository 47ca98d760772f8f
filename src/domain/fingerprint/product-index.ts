/**
 * What the decoder needs to know about one product, computed once: the folded tokens of its
 * canonical copy (identical, token for token, to those of every other copy), the token range
 * of each slot within them, and a k-gram index for aligning leaked text against them.
 */
import { authorClasses } from './author-alternatives.ts';
import { fold, type FoldedToken } from './fold.ts';
import { foldingTableWith, type FoldingTable } from './folding-table.ts';
import type { Lexicon } from './lexicon.ts';
import { renderCanonicalCopy } from './render-copy.ts';
import { isGapSlot, type Slot } from './slot.ts';
import type { Span } from './spans.ts';

/** Folded-token range of a slot: `[a, b)`; `a === b` for a slot between two tokens. */
export type TokenRange = readonly [a: number, b: number];

export interface ProductIndex {
  readonly slots: readonly Slot[];
  readonly table: FoldingTable;
  readonly tokens: readonly string[];
  readonly ranges: readonly (TokenRange | null)[];
  readonly kgrams: ReadonlyMap<string, readonly number[]>;
}

/** Tokens per k-gram used to seed alignments. */
export const KGRAM = 5;

function firstAtOrAfter(tokens: readonly FoldedToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rangeOf(slot: Slot, span: Span, tokens: readonly FoldedToken[]): TokenRange | null {
  const a = firstAtOrAfter(tokens, span[0]);
  if (isGapSlot(slot)) {
    const at = firstAtOrAfter(tokens, span[1]);
    return at > 0 && at < tokens.length ? [at, at] : null;
  }
  let b = a;
  while (b < tokens.length && (tokens[b]?.end ?? 0) <= span[1]) b++;
  return b > a ? [a, b] : null;
}

export function kgramKey(tokens: readonly string[], at: number): string {
  return tokens.slice(at, at + KGRAM).join('\u0001');
}

function indexKgrams(tokens: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let i = 0; i + KGRAM <= tokens.length; i++) {
    const key = kgramKey(tokens, i);
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  }
  return map;
}

export function indexProduct(master: string, slots: readonly Slot[], lexicon: Lexicon): ProductIndex {
  const table = foldingTableWith(lexicon, authorClasses(slots));
  const canonical = renderCanonicalCopy(master, slots);
  const folded = fold(canonical.text, table).tokens;
  const ranges = slots.map((slot) => {
    const span = canonical.spans[slot.id];
    return span ? rangeOf(slot, span, folded) : null;
  });
  const tokens = folded.map((t) => t.norm);
  return { slots, table, tokens, ranges, kgrams: indexKgrams(tokens) };
}
