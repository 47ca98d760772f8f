import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.ts';
import { toQuerySentences } from './paraphrase.ts';
import { comparePair, pairSimilarity } from './sentence-similarity.ts';
import type { PairFeatures } from './sentence-similarity.ts';
import { sentenceTerms } from './sentences.ts';
import { tokenise } from './tokenise.ts';

const PRODUCT = [
  '(S) The minister approved 12 new border posts along the northern frontier in March.',
  '(S) Customs officers seized 40 tonnes of smuggled tobacco at the eastern port last year, a record for the agency.',
  '(U) Weather delayed the ferry service between the islands for three days.',
].join('\n\n');

function features(leak: string, sentence: number): PairFeatures {
  const index = new MatchIndex();
  index.add({ productId: 'P', version: '1', text: PRODUCT });
  const [q] = toQuerySentences(index, sentenceTerms(tokenise(leak), index.foldTerm));
  if (!q) throw new Error('no query sentence');
  return comparePair(index.postings(), q, sentence);
}

describe('comparePair', () => {
  it('gives a sentence against itself full overlap and no gaps', () => {
    const f = features('The minister approved 12 new border posts along the northern frontier in March.', 0);
    expect(f.cosine).toBeCloseTo(1, 6);
    expect(f.dice).toBe(1);
    expect(f.leakRecall).toBeCloseTo(1, 6);
    expect(f.productPrecision).toBeCloseTo(1, 6);
    expect(f.numberMismatch).toBe(0);
    expect(f.lengthGap).toBe(0);
  });

  it('counts numbers held by one side only', () => {
    const same = features('Officers at the eastern port seized 40 tonnes of smuggled tobacco last year.', 1);
    const other = features('Officers at the eastern port seized 75 tonnes of smuggled tobacco last year.', 1);
    expect(same.numberMismatch).toBe(0);
    expect(other.numberMismatch).toBe(2);
    expect(pairSimilarity(other)).toBeLessThan(pairSimilarity(same));
  });

  it('tells a leak sentence contained in a longer one: full recall, partial precision, a length gap', () => {
    const f = features('Customs officers seized smuggled tobacco at the eastern port.', 1);
    expect(f.leakRecall).toBeCloseTo(1, 6);
    expect(f.productPrecision).toBeLessThan(0.8);
    expect(f.lengthGap).toBeGreaterThan(0);
  });

  it('rates a rewording above an unrelated sentence', () => {
    const rewording = features('Last year customs agents confiscated 40 tonnes of contraband tobacco in the eastern port, a record.', 1);
    const unrelated = features('Last year customs agents confiscated 40 tonnes of contraband tobacco in the eastern port, a record.', 2);
    expect(pairSimilarity(rewording)).toBeGreaterThan(0.5);
    expect(pairSimilarity(unrelated)).toBeLessThan(0.1);
  });
});

describe('pairSimilarity', () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const pair = fc.record({ cosine: unit, dice: unit, leakRecall: unit, productPrecision: unit, numberMismatch: fc.integer({ min: 0, max: 6 }), lengthGap: fc.double({ min: 0, max: 4, noNaN: true }) });

  it('is a probability that grows with every kind of overlap and falls with every gap', () => {
    fc.assert(fc.property(pair, unit, (f, more) => {
      const s = pairSimilarity(f);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
      for (const key of ['cosine', 'dice', 'leakRecall', 'productPrecision'] as const) {
        expect(pairSimilarity({ ...f, [key]: Math.max(f[key], more) })).toBeGreaterThanOrEqual(s);
      }
      expect(pairSimilarity({ ...f, numberMismatch: f.numberMismatch + 1 })).toBeLessThanOrEqual(s);
      expect(pairSimilarity({ ...f, lengthGap: f.lengthGap + more })).toBeLessThanOrEqual(s);
    }));
  });
});
