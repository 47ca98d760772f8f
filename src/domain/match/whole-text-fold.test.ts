import { describe, expect, it } from 'vitest';
import { canonicalText, findSlots, renderCopy } from '../fingerprint/index.ts';
import type { Lexicon } from '../fingerprint/index.ts';
import { issue, REPORT, SMALL_LEXICON } from '../fingerprint/test-fixtures.ts';
import { MatchIndex } from './match-index.ts';
import { matchLeak } from './match-leak.ts';
import { alignOffsets } from './offset-map.ts';
import { tokenise } from './tokenise.ts';

const LEXICON: Lexicon = SMALL_LEXICON;
const fold = (text: string): string => canonicalText(text, LEXICON);

// The [start, end) of `from`..`to` (inclusive of `to`) in `text`.
function spanOf(text: string, from: string, to: string): [number, number] {
  const start = text.indexOf(from);
  return [start, text.indexOf(to, start) + to.length];
}

describe('alignOffsets', () => {
  it('maps a multi-word replacement to the whole span it replaced, and the rest one to one', () => {
    const original = 'For example, the e-mail. Numerous analysts agreed.';
    const folded = 'E.g. the email. Many analysts agreed.';
    const map = alignOffsets(original, folded);
    const back = (from: number, to: number): string => original.slice(map.start[from], map.end[to - 1]);
    expect(back(0, 3)).toBe('For example,');
    expect(back(9, 14)).toBe('e-mail');
    expect(back(14, 15)).toBe('.');
    expect(back(16, 20)).toBe('Numerous');
    expect(back(21, 29)).toBe('analysts');
  });
});

describe('whole-text folding', () => {
  it('folds multi-word alternatives and keeps offsets into the original text', () => {
    const text = 'For example, the decision making process.';
    const t = tokenise(text, (s) => s.replace('For example,', 'E.g.').replace('decision making', 'decision-making'));
    expect(t.words).toEqual(['e', 'g', 'the', 'decision', 'making', 'process']);
    expect(text.slice(t.starts[0], t.ends[1])).toBe('For example,');
    expect(text.slice(t.starts[3], t.ends[4])).toBe('decision making');
  });

  it('matches two differently fingerprinted copies to the master verbatim, with exact offsets', () => {
    const slots = findSlots(REPORT, LEXICON);
    const { copies } = issue(slots, 2);
    const index = new MatchIndex({ fold });
    index.add({ productId: 'P-REPORT', version: '1', text: REPORT });
    index.add({ productId: 'P-OTHER', version: '1', text: 'Fishing quotas in the Atlantic region were cut sharply after the cod stocks collapsed again this spring.' });
    const master = spanOf(REPORT, 'Minister Tremblay', 'from partners');
    const quotes = copies.map((c) => {
      const copy = renderCopy(REPORT, slots, c.codeword);
      const [start, end] = spanOf(copy, 'Minister Tremblay', 'from partners');
      return copy.slice(start, end);
    });
    expect(new Set([...quotes, REPORT.slice(...master)]).size).toBe(3);
    for (const quote of quotes) {
      const leak = `The football match ended in a draw after a rainy afternoon. ${quote}. Nobody else commented on the matter.`;
      const [source] = matchLeak(index, leak);
      expect(source?.product).toBe('P-REPORT');
      const verbatim = source?.passages.filter((p) => p.kind === 'verbatim') ?? [];
      expect(verbatim).toHaveLength(1);
      expect(verbatim[0]?.leak).toEqual(spanOf(leak, 'Minister Tremblay', 'from partners'));
      expect(verbatim[0]?.product).toEqual(master);
    }
  });
});
