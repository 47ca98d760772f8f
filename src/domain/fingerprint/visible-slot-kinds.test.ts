import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from './canonical-text.ts';
import { decodeFingerprint } from './decode-fingerprint.ts';
import { findSlots } from './find-slots.ts';
import { stripInvisibleLayer } from './invisible-layer.ts';
import { fold } from './fold.ts';
import { foldingTableFor } from './folding-table.ts';
import { PHRASE_CLASSES } from './phrase-classes.ts';
import { indexProduct } from './product-index.ts';
import { readSlots } from './read-slots.ts';
import { renderCopy } from './render-copy.ts';
import { issue, SMALL_LEXICON } from './test-fixtures.ts';

const MASTER = [
  '(S) In 2003, the group moved three analysts to the coast, and the unit said on Monday that it had about 40 sources. '
    + 'Meanwhile, officials called the move "a routine rotation of staff", but the minister said it is likely to continue.',
  '(C) In 2004, 40 people left. Section 3 of the plan lists two or three sites between the river and the road. '
    + 'The director said “we will not comment on four of the sites” at the meeting. It was almost certainly deliberate, and analysts agreed.',
].join('\n\n');

const slots = findSlots(MASTER, SMALL_LEXICON);
const visible = slots.filter((s) => s.kind !== 'invisible');
const shown = (kind: string): string[] => visible.filter((s) => s.kind === kind).map((s) => MASTER.slice(s.start, s.end));

/** Never varied, in this order, in every copy: markings, quotations' words, names, numbers' values, estimative language. */
const PROTECTED = [
  '(S)', '2003', 'the group moved', '40', 'a routine rotation of staff', 'likely', '(C)', 'In 2004, 40 people left.',
  'Section 3', 'two or three', 'between the river and the road', 'we will not comment on four of the sites', 'almost certainly',
];

function inOrder(text: string, pieces: readonly string[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

describe('the commas, quotation marks, numbers and contextual synonyms a copy may vary', () => {
  it('are found where they mean nothing', () => {
    expect(shown('introductory-comma')).toEqual([',', ',']);
    expect(shown('clause-comma')).toEqual([',', ',']);
    expect(shown('quotation-marks')).toEqual(['"a routine rotation of staff"', '“we will not comment on four of the sites”']);
    expect(shown('spelled-number')).toEqual(['three']);
    expect(shown('synonym')).toEqual(expect.arrayContaining(['said', 'on Monday', 'about', 'Meanwhile']));
  });

  it('are not found where they would change the sense', () => {
    const introductory = visible.filter((s) => s.kind === 'introductory-comma').map((s) => s.start);
    expect(introductory).not.toContain(MASTER.indexOf('2004,') + 4);
    expect(visible.some((s) => /^(?:3|two|three|four)$/.test(MASTER.slice(s.start, s.end)) && s.start > MASTER.indexOf('(C)'))).toBe(false);
    expect(findSlots('We looked about the room. It ran between the river and the road.', SMALL_LEXICON, { invisible: false })).toEqual([]);
  });

  it('never drop the "on" of a weekday before a possessive: "said on Monday\'s programme" is not "said Monday\'s programme"', () => {
    const weekdays = (text: string): string[] => findSlots(text, SMALL_LEXICON, { invisible: false }).map((s) => text.slice(s.start, s.end)).filter((t) => /day$/.test(t));
    expect(weekdays('The minister said on Monday that the talks would go on.')).toEqual(['on Monday']);
    expect(weekdays("The minister said on Monday's programme that the talks would go on.")).toEqual([]);
    expect(weekdays('The minister said on Monday’s programme that the talks would go on.')).toEqual([]);
  });

  it('leave protected spans untouched in every copy', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: slots.length, maxLength: slots.length }), (raw) => {
      // The invisible layer may turn any plain space into a look-alike: compare the visible text.
      const copy = stripInvisibleLayer(renderCopy(MASTER, slots, slots.map((s, i) => (raw[i] ?? 0) % s.alternatives.length)));
      expect(inOrder(copy, PROTECTED)).toBe(true);
      expect(copy.match(/\d+/g)?.filter((n) => n !== '3')).toEqual(['2003', '40', '2004', '40']);
    }));
  });

  it('decode every copy to itself, and fold every copy to the master\'s canonical text', () => {
    const index = indexProduct(MASTER, slots, SMALL_LEXICON);
    const { code, copies } = issue(slots, 40, 'visible-kinds');
    const canonical = canonicalText(MASTER, SMALL_LEXICON, slots);
    for (const copy of copies) {
      const text = renderCopy(MASTER, slots, copy.codeword);
      expect(readSlots(text, index).map((r) => r.symbol)).toEqual(copy.codeword);
      expect(decodeFingerprint(text, index, code, copies).copies.filter((c) => c.accused).map((c) => c.id)).toEqual([copy.id]);
      expect(canonicalText(text, SMALL_LEXICON, slots)).toBe(canonical);
    }
  });

  it('fold an introductory comma alike whichever form of its phrase class a copy uses', () => {
    const table = foldingTableFor(SMALL_LEXICON);
    const tokensOf = (form: string): string[] => fold(`The end. ${form}, the group left.`, table).tokens.map((t) => t.norm);
    const mixed = PHRASE_CLASSES.filter((c) => new Set(c.forms.map((f) => tokensOf(f).join(' '))).size > 1);
    expect(mixed.map((c) => c.forms.join('/'))).toEqual([]);
  });
});

describe('initialisms, sums in millions, an added "that" and company forms', () => {
  const NEWS = '(S) U.S. officials said they paid $5 million to Acme Corp. and the UN, and the report says around 40 staff left the U.K. '
    + 'in May. Analysts said it was over, the reports they filed were false, and "We will win," said he. TALKS WITH US failed, '
    + 'US$3 million and 5 million people stayed in the US. Apple Inc. A 10-page annex went to the EU last week. It left the U.K.';
  const found = findSlots(NEWS, SMALL_LEXICON, { invisible: false });
  const at = (kind: string): string[] => found.filter((s) => s.kind === kind).map((s) => `${NEWS.slice(Math.max(0, s.start - 8), s.start)}|${s.alternatives.join('/')}`);

  it('are found where they mean nothing', () => {
    expect(at('initialism')).toEqual(['(S) |U.S./US/United States', 'and the |U.N./UN/United Nations', 'eft the |U.K./UK/United Kingdom', ' to the |E.U./EU/European Union']);
    expect(at('number-format')).toEqual([' paid $5| million/-million', 'ed, US$3| million/-million']);
    expect(at('optional-that')).toEqual(['als said|/ that', ' reports|/ that']);
    expect(at('abbreviation')).toEqual(['to Acme |Corp./Corp']);
    expect(at('synonym')).toEqual(expect.arrayContaining([' report |says/states', 'rt says |about/approximately/roughly/around']));
  });

  it('are not found where they would change the sense or the punctuation', () => {
    const spans = found.map((s) => NEWS.slice(s.start, s.end));
    // "TALKS WITH US" may be the pronoun; "US$" is a currency; "in the US." would gain a second stop; "Inc." and the last "U.K." end a sentence.
    expect(found.filter((s) => s.kind === 'initialism').length).toBe(4);
    expect(spans).not.toContain('Inc.');
    // "5 million people" is not money; "said it" may take "it" as an object; '," said he' is inverted.
    expect(found.filter((s) => s.kind === 'optional-that').length).toBe(2);
  });

  it('decode every copy to itself, and fold every copy to the master\'s canonical text', () => {
    const all = findSlots(NEWS, SMALL_LEXICON);
    const index = indexProduct(NEWS, all, SMALL_LEXICON);
    const { copies } = issue(all, 40, 'news-kinds');
    const canonical = canonicalText(NEWS, SMALL_LEXICON, all);
    for (const copy of copies) {
      const text = renderCopy(NEWS, all, copy.codeword);
      expect(readSlots(text, index).map((r) => r.symbol)).toEqual(copy.codeword);
      expect(readSlots(stripInvisibleLayer(text), index).filter((r) => all[r.slot]?.kind !== 'invisible').map((r) => r.symbol))
        .toEqual(copy.codeword.filter((_, i) => all[i]?.kind !== 'invisible'));
      expect(canonicalText(text, SMALL_LEXICON, all)).toBe(canonical);
    }
  });
});
