import { describe, expect, it } from 'vitest';
import { decodeFingerprint } from './decode-fingerprint.ts';
import { findSlots } from './find-slots.ts';
import { stripInvisibleLayer } from './invisible-layer.ts';
import { indexProduct } from './product-index.ts';
import { readSlots } from './read-slots.ts';
import { renderCopy } from './render-copy.ts';
import { issue, REPORT, SMALL_LEXICON } from './test-fixtures.ts';

const slots = findSlots(REPORT, SMALL_LEXICON);
const index = indexProduct(REPORT, slots, SMALL_LEXICON);
const { code, copies } = issue(slots, 50);

describe('decodeFingerprint', () => {
  it('reads back every slot of a copy exactly', () => {
    const copy = copies[3];
    if (!copy) throw new Error('fixture');
    const readings = readSlots(renderCopy(REPORT, slots, copy.codeword), index);
    expect(readings.map((r) => r.symbol)).toEqual(copy.codeword);
  });

  it('accuses the copy a text came from, and only that copy', () => {
    for (const copy of copies.slice(0, 10)) {
      const result = decodeFingerprint(renderCopy(REPORT, slots, copy.codeword), index, code, copies);
      expect(result.copies[0]?.id).toBe(copy.id);
      expect(result.copies.filter((c) => c.accused).map((c) => c.id)).toEqual([copy.id]);
      expect(result.invisibleLayer).toBe('present');
    }
  });

  it('finds a quoted passage inside other text', () => {
    const copy = copies[7];
    if (!copy) throw new Error('fixture');
    const text = renderCopy(REPORT, slots, copy.codeword);
    const passage = text.slice(text.indexOf('Officials'), text.indexOf('(U)'));
    const result = decodeFingerprint(`A newspaper wrote today: ${passage} No comment was offered.`, index, code, copies);
    expect(result.copies[0]?.id).toBe(copy.id);
    expect(result.slots.located).toBeLessThan(slots.length);
  });

  it('notices a stripped invisible layer and scores the visible slots only', () => {
    const copy = copies[9];
    if (!copy) throw new Error('fixture');
    const result = decodeFingerprint(stripInvisibleLayer(renderCopy(REPORT, slots, copy.codeword)), index, code, copies);
    expect(result.invisibleLayer).toBe('stripped');
    expect(result.slots.invisibleRead).toBe(0);
    expect(result.copies[0]?.id).toBe(copy.id);
  });

  it('accuses nobody for unrelated text', () => {
    const result = decodeFingerprint('Nothing in this text comes from the report at all, not a single passage of it.', index, code, copies);
    expect(result.slots.located).toBe(0);
    expect(result.copies.some((c) => c.accused)).toBe(false);
  });
});
