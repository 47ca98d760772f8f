import { describe, expect, it } from 'vitest';
import { canonicalText } from './canonical-text.ts';
import { findSlots } from './find-slots.ts';
import { stripInvisibleLayer } from './invisible-layer.ts';
import { indexProduct } from './product-index.ts';
import { readSlots } from './read-slots.ts';
import { renderCopy } from './render-copy.ts';
import type { Slot } from './slot.ts';
import { issue, SMALL_LEXICON } from './test-fixtures.ts';

/** Each visible slot of `kind` as "a few characters before|its alternatives". */
function slotsOf(text: string, kind: string): string[] {
  return findSlots(text, SMALL_LEXICON, { invisible: false })
    .filter((s) => s.kind === kind)
    .map((s) => `${text.slice(Math.max(0, s.start - 8), s.start)}|${s.alternatives.join('/')}`);
}

/**
 * Every copy, retyped (the invisible layer stripped) and quoted in a journalist's article,
 * reads back to its own visible symbols, and folds to the master's canonical text.
 */
function expectQuotedCopiesReadBack(master: string, kind: string): void {
  const slots = findSlots(master, SMALL_LEXICON);
  const index = indexProduct(master, slots, SMALL_LEXICON);
  const { copies } = issue(slots, 40, `news-style-${kind}`);
  const canonical = canonicalText(master, SMALL_LEXICON, slots);
  const visible = (s: Slot | undefined): boolean => s !== undefined && s.kind !== 'invisible';
  const rendered = new Set<string>();
  for (const copy of copies) {
    const text = renderCopy(master, slots, copy.codeword);
    const article = `The paper wrote: "${stripInvisibleLayer(text)}" Officials declined to comment.`;
    const read = readSlots(article, index).filter((r) => visible(slots[r.slot]));
    expect(read.map((r) => [r.slot, r.symbol, r.quoted])).toEqual(copy.codeword.flatMap((symbol, i) => (visible(slots[i]) ? [[i, symbol, true]] : [])));
    expect(canonicalText(text, SMALL_LEXICON, slots)).toBe(canonical);
    slots.forEach((s, i) => { if (s.kind === kind) rendered.add(s.alternatives[copy.codeword[i] ?? 0] ?? ''); });
  }
  // Every alternative of the new kind appears in some copy.
  const all = new Set(slots.filter((s) => s.kind === kind).flatMap((s) => s.alternatives));
  expect([...all].filter((a) => !rendered.has(a))).toEqual([]);
}

describe('initialisms spelled out', () => {
  it('may be spelled out before a lower-case word or punctuation, and shortened wherever found', () => {
    expect(slotsOf('Officials said U.S. troops left the UN, and United States officials stayed.', 'initialism'))
      .toEqual(['ls said |U.S./US/United States', 'eft the |U.N./UN/United Nations', 'UN, and |U.S./US/United States']);
    expect(slotsOf('Officials met the United States Senate and the European Union.', 'initialism').map((s) => s.split('|')[1]))
      .toEqual(['U.S./US/United States']);
  });

  it('are not spelled out where the long form would make another name or need another article', () => {
    // "US Airways" is no "United States Airways"; "an EU official" no "an European Union official".
    expect(slotsOf('Officials said US Airways and an EU official left.', 'initialism')).toEqual(['ls said |U.S./US', ' and an |E.U./EU']);
    expect(slotsOf('Officials visited the United States of America last week.', 'initialism')).toEqual([]);
  });

  it('read back from a quoted, retyped copy and fold to one form', () => {
    expectQuotedCopiesReadBack('(S) Officials said U.S. troops left the UN, and United States officials stayed in the E.U. for a week.', 'initialism');
    expect(canonicalText('the United States officials and the U.S. officials', SMALL_LEXICON)).toBe('the U.S. officials and the U.S. officials');
  });
});
