import { describe, expect, it } from 'vitest';
import { tokenise } from './tokenise.ts';

describe('tokenise', () => {
  it('skips portion marks and invisible characters, folds case and compatibility forms', () => {
    const text = '(TS//SI//REL TO CAN, USA) The\u00a0Mi\u200bnister\u2009signed the ﬁnal Café deal.\n\n(S) Next\uFEFF paragraph.';
    const t = tokenise(text);
    expect(t.words).toEqual(['the', 'minister', 'signed', 'the', 'final', 'cafe', 'deal', 'next', 'paragraph']);
    expect(text.slice(t.starts[1], t.ends[1])).toBe('Mi\u200bnister');
    expect(t.sentenceStarts).toEqual([0, 7]);
  });

  it('keeps a bracketed word that is not a portion mark, and does not end sentences at abbreviations', () => {
    const t = tokenise('(Reuters) Mr. Smith met U.S. officials. They agreed.');
    expect(t.words.slice(0, 3)).toEqual(['reuters', 'mr', 'smith']);
    expect(t.sentenceStarts).toEqual([0, 7]);
  });

  it('applies the fold hook and keeps offsets into the original text', () => {
    const text = 'the colour, red';
    const t = tokenise(text, (s) => s.replace('colour', 'color'));
    expect(t.words).toEqual(['the', 'color', 'red']);
    expect(text.slice(t.starts[1], t.ends[1])).toBe('colour');
  });
});
