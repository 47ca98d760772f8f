import fc from 'fast-check';
import { expect, it } from 'vitest';
import { displayMaster, highlightRuns } from '../../src/adapters/report/display-text.ts';

/** Plain pieces (no braces or bars) and `{a|b…}` groups, joined into a master text. */
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', 'é') }).map((text) => ({ text, group: false })),
  // Options as CONTRACT.md's `{a|b}` means them (and fingerprinting reads them): not starting or
  // ending with a space, and distinct once spacing is folded ("y y" and "y  y" are one option
  // twice, which registration refuses), so no double spaces.
  fc.uniqueArray(fc.string({ unit: fc.constantFrom('x', 'y', ' '), minLength: 1, maxLength: 4 }).filter((o) => o === o.trim() && !o.includes('  ')), { minLength: 2, maxLength: 3 }).map((options) => ({ text: `{${options.join('|')}}`, group: true, first: options[0] ?? '' })),
);

it('keeps every span of plain text on the same characters once alternatives are shown as their first option', () => {
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
    const master = pieces.map((p) => p.text).join('');
    const shown = displayMaster(master);
    expect(shown.text).toBe(pieces.map((p) => ('first' in p ? p.first : p.text)).join(''));
    let at = 0;
    for (const p of pieces) {
      const span: [number, number] = [at, at + p.text.length];
      const mapped = shown.mapSpan(span);
      // A plain piece maps to itself; a whole group maps to its first option.
      expect(shown.text.slice(...mapped)).toBe('first' in p ? p.first : p.text);
      at += p.text.length;
    }
  }));
});

it('cuts a text into runs that rebuild it, each marked by exactly the spans covering it', () => {
  const spans = fc.array(fc.tuple(fc.nat(40), fc.nat(40)).map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]), { maxLength: 5 });
  fc.assert(fc.property(fc.string({ maxLength: 40 }), spans, (text, list) => {
    const runs = highlightRuns(text, list);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    let at = 0;
    for (const run of runs) {
      const covering = list.flatMap(([s, e], k) => (s <= at && at + run.text.length <= e ? [k] : []));
      expect(run.marks).toEqual(covering);
      at += run.text.length;
    }
  }));
});
