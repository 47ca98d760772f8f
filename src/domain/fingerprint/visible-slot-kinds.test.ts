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
