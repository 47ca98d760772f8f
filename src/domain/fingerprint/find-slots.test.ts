import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSlots } from './find-slots.ts';
import { FingerprintError } from './fingerprint-error.ts';
import { renderCopy } from './render-copy.ts';
import { REPORT, SMALL_LEXICON } from './test-fixtures.ts';

const slots = findSlots(REPORT, SMALL_LEXICON);
const visible = slots.filter((s) => s.kind !== 'invisible');
const shown = (kind: string): string[] => visible.filter((s) => s.kind === kind).map((s) => REPORT.slice(s.start, s.end));

/** Spans that must come out of every copy exactly as in the master, in order. */
const PROTECTED = [
  '(TS//SI)', '2021', '40', 'Ottawa', 'Montreal', 'Halifax', 'We assess', 'highly likely', 'will', '(S)', 'Minister Tremblay',
  'the organization is a threat to our defence', '10', 'unlikely', 'probably', '(U)', '2020',
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

describe('findSlots', () => {
  it('finds each kind of visible slot in report prose', () => {
    expect(shown('spelling')).toEqual(expect.arrayContaining(['organization', 'centre', 'travelled', 'analyzed', 'judgment', 'behaviour']));
    expect(shown('synonym')).toEqual(expect.arrayContaining(['commenced', 'approximately', 'Numerous', 'additionally', 'utilized', 'prior to', 'frequently']));
    expect(shown('abbreviation')).toEqual(expect.arrayContaining(['i.e.', 'For example']));
    expect(shown('compound')).toEqual(expect.arrayContaining(['e-mail', 'co-operation', 'decision-making']));
    expect(shown('date-format')).toEqual(['20 September 2021']);
    expect(shown('number-format')).toEqual(['%']);
    expect(shown('serial-comma')).toEqual([',']);
    expect(shown('optional-that')).toEqual([]);
    expect(shown('author')).toEqual(['{unlikely|not expected}', '{probably|in all likelihood}']);
  });

  it('never puts a slot on a marking, a quotation, a name, a number or estimative language', () => {
    const quote = REPORT.indexOf('"the organization');
    const inQuote = visible.filter((s) => s.start > quote && s.end < quote + 50);
    expect(inQuote).toEqual([]);
    expect(slots.every((s) => !/^(?:likely|highly|assess|Tremblay|Ottawa|40|2021)$/.test(REPORT.slice(s.start, s.end)))).toBe(true);
  });

  it('keeps the protected spans of every copy untouched', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: slots.length, maxLength: slots.length }), (raw) => {
      const codeword = slots.map((s, i) => (raw[i] ?? 0) % s.alternatives.length);
      const copy = renderCopy(REPORT, slots, codeword);
      // Author alternatives are the author's own choice: pick their first option here.
      expect(inOrder(copy, PROTECTED) || slots.some((s) => s.kind === 'author' && codeword[s.id] !== 0)).toBe(true);
      expect(copy.startsWith('(TS//SI) The')).toBe(true);
      expect(copy.match(/\d+/g)).toEqual(expect.arrayContaining(['20', '2021', '40', '10', '2020']));
    }));
  });

  it('adds an invisible slot at plain word boundaries only, outside quotations and markings', () => {
    const invisible = slots.filter((s) => s.kind === 'invisible');
    expect(invisible.length).toBeGreaterThan(70);
    expect(invisible.every((s) => REPORT.slice(s.start, s.end) === ' ')).toBe(true);
    const quote = REPORT.indexOf('"the organization');
    expect(invisible.filter((s) => s.start > quote && s.start < quote + 45)).toEqual([]);
    expect(findSlots(REPORT, SMALL_LEXICON, { invisible: false }).some((s) => s.kind === 'invisible')).toBe(false);
  });

  it('is deterministic and numbers the slots in master order', () => {
    expect(findSlots(REPORT, SMALL_LEXICON)).toEqual(slots);
    expect(slots.every((s, i) => s.id === i && (i === 0 || (slots[i - 1]?.end ?? 0) <= s.start))).toBe(true);
  });

  it('varies "that" after a reporting verb only where the master has it', () => {
    const found = findSlots('The minister said that the plan failed. The chief said the plan failed.', SMALL_LEXICON, { invisible: false });
    expect(found.filter((s) => s.kind === 'optional-that').map((s) => [s.kind, s.start, s.alternatives])).toEqual([['optional-that', 17, ['', ' that']]]);
  });

  it('does not make "began" out of "has commenced"', () => {
    const found = findSlots('The group has commenced work. The group commenced work.', SMALL_LEXICON, { invisible: false });
    expect(found).toHaveLength(1);
  });

  it('rejects author alternatives with an empty option, and ignores braces that are not alternatives', () => {
    expect(() => findSlots('We {|maybe} go.', SMALL_LEXICON)).toThrow(FingerprintError);
    expect(findSlots('Set {x | x > 0} and {a}.', SMALL_LEXICON, { invisible: false }).filter((s) => s.kind === 'author')).toEqual([]);
  });
});
