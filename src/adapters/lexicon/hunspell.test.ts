import { describe, expect, it } from 'vitest';
import { expandDictionary, expandEntry, parseAffixes } from './hunspell.ts';

const AFF = [
  'SET UTF-8', 'PFX A Y 1', 'PFX A   0     re         .', 'SFX D Y 4', 'SFX D   0     d          e',
  'SFX D   y     ied        [^aeiou]y', 'SFX D   0     ed         [^ey]', 'SFX D   0     ed         [aeiou]y',
  'SFX S Y 1', 'SFX S   0     s          .',
].join('\n');

describe('Hunspell expansion', () => {
  const affixes = parseAffixes(AFF);

  it('applies suffixes by condition and strip', () => {
    expect(expandEntry('analyze', 'D', affixes)).toEqual(['analyze', 'analyzed']);
    expect(expandEntry('carry', 'D', affixes)).toEqual(['carry', 'carried']);
    expect(expandEntry('play', 'D', affixes)).toEqual(['play', 'played']);
  });

  it('crosses prefixes with suffixes', () => {
    expect(new Set(expandEntry('organize', 'ADS', affixes))).toEqual(new Set(['organize', 'organized', 'organizes', 'reorganize', 'reorganized', 'reorganizes']));
  });

  it('keeps lower-case alphabetic forms and leaves proper nouns out', () => {
    expect([...expandDictionary(AFF, '3\ncolour/S\nOttawa\n0th')].sort()).toEqual(['colour', 'colours']);
  });
});
