/**
 * The fingerprint end to end, with the real lexicon on real prose (Clough & Stevenson
 * Wikipedia texts and MRPC news sentences): it lives beside the adapter because the domain
 * folder may not read files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalText, createFingerprintCode, decodeFingerprint, drawCodeword, findSlots, indexProduct, renderCopy,
  stripInvisibleLayer, type IssuedCopy, type Slot,
} from '../../domain/fingerprint/index.ts';
import { createRandom, type Random } from '../../domain/random.ts';
import { loadLexicon } from './load-lexicon.ts';
import { buildDocument, excerpt, fillerText } from './prose-samples.ts';

const lexicon = loadLexicon();

function product(seed: string, words: number, recipients: number): { master: string; slots: Slot[]; random: Random; copies: IssuedCopy[]; index: ReturnType<typeof indexProduct>; code: ReturnType<typeof createFingerprintCode> } {
  const random = createRandom(seed);
  const master = buildDocument(random.fork('doc'), words);
  const slots = findSlots(master, lexicon);
  const code = createFingerprintCode(slots, random.fork('code'));
  const copies = Array.from({ length: recipients }, (_, i) => ({ id: `r${i}`, codeword: drawCodeword(code, random.fork(`r${i}`)) }));
  return { master, slots, random, copies, code, index: indexProduct(master, slots, lexicon) };
}

describe('fingerprinted copies of real prose', () => {
  it('decode to their own recipient from their full text (300 to 5,000 words)', () => {
    fc.assert(fc.property(fc.integer({ min: 300, max: 5000 }), fc.integer({ min: 2, max: 40 }), fc.string(), (words, recipients, seed) => {
      const p = product(seed, words, recipients);
      for (const copy of p.copies.slice(0, 6)) {
        const result = decodeFingerprint(renderCopy(p.master, p.slots, copy.codeword), p.index, p.code, p.copies);
        expect(result.copies[0]?.id).toBe(copy.id);
        expect(result.copies.filter((c) => c.accused).map((c) => c.id)).toEqual([copy.id]);
      }
    }), { numRuns: 8 });
  });

  it('fold to one canonical text whatever the copy', () => {
    const p = product('canonical', 1500, 5);
    const canonical = canonicalText(p.master, lexicon, p.slots);
    for (const copy of p.copies) expect(canonicalText(renderCopy(p.master, p.slots, copy.codeword), lexicon, p.slots)).toBe(canonical);
  });

  it('are attributed from a 300-word excerpt quoted in two pieces inside an article, among 1,000 recipients', () => {
    const p = product('excerpt', 3000, 1000);
    for (let trial = 0; trial < 5; trial++) {
      const leaker = p.copies[p.random.int(p.copies.length)];
      if (!leaker) throw new Error('no copy');
      const text = renderCopy(p.master, p.slots, leaker.codeword);
      const article = [fillerText(p.random, 80), excerpt(p.random, text, 150), fillerText(p.random, 60), excerpt(p.random, text, 150), fillerText(p.random, 40)].join(' ');
      const result = decodeFingerprint(article, p.index, p.code, p.copies);
      expect(result.copies[0]?.id).toBe(leaker.id);
      expect(result.copies.filter((c) => c.accused).map((c) => c.id)).toEqual([leaker.id]);
    }
  });

  it('notice a stripped invisible layer and still attribute a long text from its visible slots', () => {
    const p = product('stripped', 5000, 100);
    const leaker = p.copies[17];
    if (!leaker) throw new Error('no copy');
    const result = decodeFingerprint(stripInvisibleLayer(renderCopy(p.master, p.slots, leaker.codeword)), p.index, p.code, p.copies);
    expect(result.invisibleLayer).toBe('stripped');
    expect(result.slots.invisibleRead).toBe(0);
    expect(result.copies[0]?.id).toBe(leaker.id);
    expect(result.copies.filter((c) => c.accused && c.id !== leaker.id)).toEqual([]);
  });

  it('accuse a colluder when two colluders interleave their copies paragraph by paragraph', () => {
    const p = product('collusion', 5000, 200);
    for (let trial = 0; trial < 3; trial++) {
      const [a, b] = [p.copies[2 * trial], p.copies[2 * trial + 1]];
      if (!a || !b) throw new Error('no copies');
      const [ta, tb] = [renderCopy(p.master, p.slots, a.codeword).split('\n\n'), renderCopy(p.master, p.slots, b.codeword).split('\n\n')];
      const mixed = ta.map((para, i) => (i % 2 === 0 ? para : (tb[i] ?? para))).join('\n\n');
      const result = decodeFingerprint(mixed, p.index, p.code, p.copies);
      const accused = result.copies.filter((c) => c.accused).map((c) => c.id);
      expect([a.id, b.id]).toContain(result.copies[0]?.id);
      expect(accused.length).toBeGreaterThan(0);
      expect(accused.every((id) => id === a.id || id === b.id)).toBe(true);
    }
  });

  it('accuse no innocent copy when the text came from a copy nobody on the list holds', () => {
    const p = product('innocents', 2000, 300);
    let accused = 0;
    for (let trial = 0; trial < 30; trial++) {
      const outsider = drawCodeword(p.code, p.random.fork(`outsider-${trial}`));
      const result = decodeFingerprint(renderCopy(p.master, p.slots, outsider), p.index, p.code, p.copies);
      accused += result.copies.filter((c) => c.accused).length;
    }
    expect(accused).toBe(0);
  });
});
