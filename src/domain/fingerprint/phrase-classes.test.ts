import { describe, expect, it } from 'vitest';
import { isEstimative } from './estimative-language.ts';
import { PHRASE_CLASSES, SYNONYMS } from './phrase-classes.ts';
import { phraseTokens } from './tokens.ts';

const forms = PHRASE_CLASSES.flatMap((c, classIndex) => c.forms.map((f) => ({ classIndex, tokens: phraseTokens(f) })));

describe('curated phrase classes', () => {
  it('have more than a hundred synonym pairs', () => {
    expect(SYNONYMS.reduce((n, c) => n + c.forms.length - 1, 0)).toBeGreaterThan(100);
  });

  it('give every form to one class only', () => {
    const keys = forms.map((f) => f.tokens.join(' '));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('never touch estimative language', () => {
    expect(forms.filter((f) => f.tokens.some((t) => isEstimative(t)) || isEstimative(f.tokens.join(' ')))).toEqual([]);
  });

  it('have no form that is a proper prefix of another class\'s form, so every copy folds alike', () => {
    const clashes = forms.filter((a) => forms.some((b) => b.classIndex !== a.classIndex && b.tokens.length > a.tokens.length
      && a.tokens.every((t, i) => b.tokens[i] === t)));
    expect(clashes.map((c) => c.tokens.join(' '))).toEqual([]);
  });
});
