import { describe, expect, it } from 'vitest';
import { loadLexicon } from './load-lexicon.ts';

describe('the spelling lexicon from the en-CA, en-GB and en-US dictionaries', () => {
  const lexicon = loadLexicon();
  const has = (a: string, b: string): boolean => lexicon.spellingPairs.some(([x, y]) => x === a && y === b);

  it('holds the systematic variants, Canadian spelling first', () => {
    for (const [ca, other] of [['analyze', 'analyse'], ['judgment', 'judgement'], ['organization', 'organisation'], ['centre', 'center'],
      ['colour', 'color'], ['defence', 'defense'], ['travelled', 'traveled'], ['catalogue', 'catalog'], ['organized', 'organised'], ['behaviours', 'behaviors']]) {
      expect(has(ca ?? '', other ?? ''), `${ca}/${other}`).toBe(true);
    }
    expect(lexicon.spellingPairs.length).toBeGreaterThan(1500);
  });

  it('leaves out pairs of different words', () => {
    const words = new Set(lexicon.spellingPairs.flat());
    for (const word of ['meter', 'metre', 'licence', 'license', 'four', 'filled', 'could', 'prize', 'tour']) expect(words.has(word), word).toBe(false);
  });

  it('is built once and cached', () => {
    expect(loadLexicon()).toBe(lexicon);
  });
});
