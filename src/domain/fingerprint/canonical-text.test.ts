import { describe, expect, it } from 'vitest';
import { canonicalText } from './canonical-text.ts';
import { findSlots } from './find-slots.ts';
import { renderCopy } from './render-copy.ts';
import { issue, REPORT, SMALL_LEXICON } from './test-fixtures.ts';

describe('canonicalText', () => {
  it('folds alternatives to their first form and removes the invisible marks', () => {
    expect(canonicalText('We analysed the e-mail, its headers, and 10%\u00A0on September 20, 2021.\u200C', SMALL_LEXICON))
      .toBe('We analyzed the email, its headers and 10 per cent on 20 September 2021.');
  });

  it('makes every copy of a product, and its master, read alike', () => {
    const slots = findSlots(REPORT, SMALL_LEXICON);
    const { copies } = issue(slots, 20);
    const canonical = canonicalText(REPORT, SMALL_LEXICON, slots);
    for (const copy of copies) expect(canonicalText(renderCopy(REPORT, slots, copy.codeword), SMALL_LEXICON, slots)).toBe(canonical);
    expect(canonical).toContain('It is unlikely that');
  });
});
