import { describe, expect, it } from 'vitest';
import { canonicalText } from './canonical-text.ts';
import { findSlots } from './find-slots.ts';
import { stripInvisibleLayer } from './invisible-layer.ts';
import { indexProduct } from './product-index.ts';
import { readSlots } from './read-slots.ts';
import { renderCopy } from './render-copy.ts';
import type { Slot } from './slot.ts';
import { issue, SMALL_LEXICON } from './test-fixtures.ts';
import { isWritersOwnChoice } from './writers-own-choices.ts';

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
    expect(slotsOf('Officials met a European Union envoy.', 'initialism')).toEqual([]);
  });

  it('read back from a quoted, retyped copy and fold to one form', () => {
    expectQuotedCopiesReadBack('(S) Officials said U.S. troops left the UN, and United States officials stayed in the E.U. for a week.', 'initialism');
    expect(canonicalText('the United States officials and the U.S. officials', SMALL_LEXICON)).toBe('the U.S. officials and the U.S. officials');
  });
});

describe('negative contractions', () => {
  it('are found written out or contracted, with either apostrophe', () => {
    expect(slotsOf('The group did not leave, and officials can\'t say why. Its staff isn\u2019t paid and cannot go.', 'contraction'))
      .toEqual(['e group |did not/didn\'t/didn\u2019t', 'ficials |cannot/can\'t/can\u2019t', 's staff |is not/isn\'t/isn\u2019t', 'aid and |cannot/can\'t/can\u2019t']);
    expect(slotsOf('Didn\'t they go?', 'contraction')).toEqual(['|Did not/Didn\'t/Didn\u2019t']);
  });

  it('are not found on modal verbs, stressed negations, a phrase of its own with "not", or "\'s"', () => {
    // "will" and "could" are estimative language; "not enough" folds as the phrase for "insufficient".
    expect(slotsOf('The group will not leave and could not stay. It did NOT pay, it is not enough, and it\'s over.', 'contraction')).toEqual([]);
  });

  it('read back from a quoted, retyped copy, apostrophe included, and fold to the written-out form', () => {
    expectQuotedCopiesReadBack('(S) The group did not leave, and officials can\'t say why the unit wasn\u2019t paid.', 'contraction');
    expect(canonicalText('They didn\u2019t go and can\'t stay.', SMALL_LEXICON)).toBe('They did not go and cannot stay.');
  });

  it('vary only in a master that contracts somewhere itself, outside quotations: formal prose keeps its "did not" in every copy', () => {
    expect(slotsOf('The group did not leave and cannot stay.', 'contraction')).toEqual([]);
    expect(slotsOf('The minister said "we can\'t stay" and the group did not leave.', 'contraction')).toEqual([]);
    expect(slotsOf('The group did not leave and can\'t stay.', 'contraction').map((s) => s.split('|')[1]))
      .toEqual(['did not/didn\'t/didn\u2019t', 'cannot/can\'t/can\u2019t']);
  });

  it('are chosen by a writer\'s habit outside quotes', () => {
    const [slot] = findSlots('The group did not leave, and can\'t.', SMALL_LEXICON, { invisible: false }).filter((s) => s.kind === 'contraction');
    expect(slot && isWritersOwnChoice(slot)).toBe(true);
  });
});

describe('months abbreviated before a day', () => {
  it('are a third form of a date with a month the AP abbreviates, and found as one', () => {
    expect(slotsOf('Officials met on Sept. 20, 2003 and on 5 January, then again March 11 and Oct. 7 last year.', 'date-format').map((s) => s.split('|')[1]))
      .toEqual(['20 September 2003/September 20, 2003/Sept. 20, 2003', '5 January/January 5/Jan. 5', '11 March/March 11', '7 October/October 7/Oct. 7']);
  });

  it('are not a date without a day, nor a month the AP never abbreviates', () => {
    expect(slotsOf('Officials met in Sept. and in Mar. 5 of that year.', 'date-format')).toEqual([]);
  });

  it('read back from a quoted, retyped copy and fold to one form', () => {
    expectQuotedCopiesReadBack('(S) Officials met on Sept. 20, 2003 and on 5 January, then again in Paris on Oct. 7 with staff.', 'date-format');
    expect(canonicalText('on Sept. 20, 2003 and Jan. 5', SMALL_LEXICON)).toBe('on 20 September 2003 and 5 January');
  });
});

describe('the new alternatives in protected spans', () => {
  it('are never found inside a quotation or a marking', () => {
    const text = '(S) The minister said "we did not ask the U.S. for help on Sept. 20" and left. (S//REL TO USA, GBR) It did not, and can\'t.';
    const inQuote = (s: Slot): boolean => s.start > text.indexOf('"we') && s.end < text.indexOf('help"') + 5;
    const found = findSlots(text, SMALL_LEXICON, { invisible: false });
    expect(found.filter((s) => ['contraction', 'initialism', 'date-format'].includes(s.kind) && inQuote(s))).toEqual([]);
    expect(found.filter((s) => s.kind === 'contraction').map((s) => text.slice(s.start, s.end))).toEqual(['did not', 'can\'t']);
    expect(found.filter((s) => s.kind === 'initialism')).toEqual([]);
  });
});
