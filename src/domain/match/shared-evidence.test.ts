import { describe, expect, it } from 'vitest';
import type { ParaphrasePassage, SentenceSeed } from './paraphrase.ts';
import { specificEvidence } from './shared-evidence.ts';
import type { VerbatimPassage } from './verbatim.ts';

const run = (doc: number, leakFrom: number, leakTo: number): VerbatimPassage => ({ doc, leakFrom, leakTo, docFrom: 0, docTo: leakTo - leakFrom, matched: leakTo - leakFrom });
const seed = (leakSentence: number, cosine: number): SentenceSeed => ({ leakSentence, sentence: 0, cosine, dice: cosine });
const passage = (doc: number, seeds: SentenceSeed[]): ParaphrasePassage => ({ doc, leakFrom: 0, leakTo: 1, docFrom: 0, docTo: 1, seeds, score: 0 });

describe('specificEvidence', () => {
  it('hardly discounts a quoted paragraph for phrases of it that other documents hold', () => {
    const verbatim = new Map([[1, [run(1, 0, 60)]], [2, [run(2, 10, 20)]], [3, [run(3, 12, 22)]]]);
    const { verbatimWords } = specificEvidence(100, verbatim, new Map());
    // 48 words held by it alone; 4 also by one 10-word run (n = 1 + 10/60), 8 by two (n = 1 + 20/60)
    expect(verbatimWords.get(1)).toBeCloseTo(48 + 4 / (1 + 10 / 60) + 8 / (1 + 20 / 60), 6);
    // two of its words held by the paragraph's document too (1/2 each), eight also by document 3 (1/3)
    expect(verbatimWords.get(2)).toBeCloseTo(2 / 2 + 8 / 3, 6);
    expect(verbatimWords.get(3)).toBeCloseTo(8 / 3 + 2 / 2, 6);
  });

  it('splits a run held whole by several documents among them', () => {
    const verbatim = new Map([[1, [run(1, 0, 30)]], [2, [run(2, 0, 30)]], [3, [run(3, 0, 30)]]]);
    const { verbatimWords } = specificEvidence(30, verbatim, new Map());
    for (const doc of [1, 2, 3]) expect(verbatimWords.get(doc)).toBeCloseTo(10, 6);
  });

  it('counts a seed sentence 1/n among the documents it seeds at least as closely', () => {
    const paraphrases = new Map([
      [1, [passage(1, [seed(0, 0.9), seed(1, 0.5)])]],
      [2, [passage(2, [seed(0, 0.4), seed(1, 0.5)])]],
      [3, [passage(3, [seed(0, 0.4)])]],
    ]);
    const { seedSentences } = specificEvidence(20, new Map(), paraphrases);
    expect(seedSentences.get(1)).toBeCloseTo(1 + 1 / 2, 6);
    expect(seedSentences.get(2)).toBeCloseTo(1 / 3 + 1 / 2, 6);
    expect(seedSentences.get(3)).toBeCloseTo(1 / 3, 6);
  });
});
