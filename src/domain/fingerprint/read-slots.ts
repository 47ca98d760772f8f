/**
 * Reads a leaked text's slots: aligns it with the product, and for every slot whose tokens
 * and neighbours aligned, reads which alternative appears. A slot that aligned but shows none
 * of its alternatives (edited, reformatted) reads as `null`; a slot that did not align (not
 * quoted, paraphrased away) is absent from the result.
 */
import { alignLeak } from './align.ts';
import { fold, type FoldedToken } from './fold.ts';
import type { ProductIndex, TokenRange } from './product-index.ts';
import { findQuotations } from './protected-spans.ts';
import type { Slot } from './slot.ts';
import type { Span } from './spans.ts';
import { normaliseToken } from './tokens.ts';

export interface SlotReading {
  readonly slot: number;
  /** The alternative found, or null when the slot was located but none of its alternatives was. */
  readonly symbol: number | null;
  /**
   * The slot was read inside quotation marks of the leaked text. A writer quoting keeps the
   * source's words; around the quotes they write their own, which may happen to use an
   * alternative ("stated", "per cent") whatever the copy had.
   */
  readonly quoted: boolean;
}

/** The text without format characters or runs of spaces. */
function visibleText(text: string): string {
  return text.replace(/\p{Cf}/gu, '').replace(/\s+/gu, ' ').trim();
}

function normaliseReading(text: string): string {
  return normaliseToken(visibleText(text));
}

/** Lower-cased visibleText, with its apostrophes as written. */
function caseless(text: string): string {
  return visibleText(text).toLowerCase();
}

function alignedRun(mapping: Int32Array, from: number, to: number): number | null {
  const first = mapping[from];
  if (first === undefined || first < 0) return null;
  for (let k = from; k < to; k++) if (mapping[k] !== first + (k - from)) return null;
  return first;
}

function readGap(slot: Slot, leak: string, tokens: readonly FoldedToken[], at: number): number | null {
  const [left, right] = [tokens[at], tokens[at + 1]];
  if (!left || !right) return null;
  const gap = leak.slice(left.end, right.start);
  if (slot.kind === 'invisible') {
    const exact = slot.alternatives.indexOf(gap);
    return exact >= 0 ? exact : null;
  }
  const found = normaliseReading(gap);
  const symbol = slot.alternatives.findIndex((alt) => normaliseReading(alt) === found);
  return symbol >= 0 ? symbol : null;
}

function readTokens(slot: Slot, leak: string, tokens: readonly FoldedToken[], first: number, count: number): number | null {
  const [head, tail] = [tokens[first], tokens[first + count - 1]];
  if (!head || !tail) return null;
  const text = leak.slice(head.start, tail.end);
  // Typographic slots differ only in what normalisation removes: compare them exactly.
  if (slot.kind === 'typography' || slot.kind === 'quotation-marks') return slot.alternatives.indexOf(text) >= 0 ? slot.alternatives.indexOf(text) : null;
  // An alternative as written wins over one that only normalises alike: a contraction's
  // alternatives differ in their apostrophe alone ("didn't" / "didn’t").
  const written = caseless(text);
  const exact = slot.alternatives.findIndex((alt) => caseless(alt) === written);
  if (exact >= 0) return exact;
  const found = normaliseReading(text);
  const symbol = slot.alternatives.findIndex((alt) => normaliseReading(alt) === found);
  return symbol >= 0 ? symbol : null;
}

/**
 * Where the slot's tokens and one neighbour aligned as one run: both neighbours where they
 * can, else one. A quoted sentence's first word has the journalist's quotation mark before it
 * where the master has a full stop, and its last the closing mark after it, so a slot on
 * either would never be read if both neighbours had to align; one aligned neighbour still
 * pins the slot's tokens to the master's. A gap slot's neighbours are its own two tokens.
 */
function alignedSlot(mapping: Int32Array, a: number, b: number): number | null {
  const around: Array<readonly [number, number]> = a === b
    ? [[a - 1, a + 1]]
    : [[a - 1, b + 1], [a - 1, b], [a, b + 1]];
  for (const [from, to] of around) {
    if (from < 0 || to > mapping.length) continue;
    const start = alignedRun(mapping, from, to);
    if (start !== null) return start + (a - from);
  }
  return null;
}

function readSlot(slot: Slot, range: TokenRange, leak: string, tokens: readonly FoldedToken[], mapping: Int32Array, quotations: readonly Span[]): SlotReading | null {
  const [a, b] = range;
  const at = alignedSlot(mapping, a, b);
  if (at === null) return null;
  const symbol = a === b ? readGap(slot, leak, tokens, at - 1) : readTokens(slot, leak, tokens, at, b - a);
  const [first, last] = a === b ? [tokens[at - 1], tokens[at]] : [tokens[at], tokens[at + b - a - 1]];
  const quoted = first !== undefined && last !== undefined && quotations.some(([start, end]) => start <= first.start && last.end <= end);
  return { slot: slot.id, symbol, quoted };
}

export function readSlots(leak: string, index: ProductIndex): SlotReading[] {
  const folded = fold(leak, index.table).tokens;
  const mapping = alignLeak(folded.map((t) => t.norm), index);
  const quotations = findQuotations(leak);
  const readings: SlotReading[] = [];
  index.slots.forEach((slot) => {
    const range = index.ranges[slot.id];
    const reading = range ? readSlot(slot, range, leak, folded, mapping, quotations) : null;
    if (reading) readings.push(reading);
  });
  return readings;
}
