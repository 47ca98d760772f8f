import { describe, expect, it } from 'vitest';
import { buildSynonymMap, loadSynonymMap, parseIndexLine } from './synonym-map.ts';

describe('WordNet synonym map', () => {
  it('parses index lines and skips the licence header', () => {
    expect(parseIndexLine('  1 This software and database is being provided')).toBeUndefined();
    expect(parseIndexLine('purchase v 1 6 @ ~ * $ + ; 1 1 02211988  ')).toEqual({ lemma: 'purchase', pos: 'v', tagSenseCount: 1, firstSynset: '02211988' });
  });

  it('folds lemmas that share their dominant sense, to the most frequent one', () => {
    const map = buildSynonymMap(['buy v 5 8 ! @ ~ * ^ $ + ; 5 2 02211988 02288941', 'purchase v 1 6 @ ~ * $ + ; 1 1 02211988', 'bribe v 1 2 @ ~ 1 1 02288941']);
    expect(map.get('purchase')).toBe('buy');
    expect(map.has('bribe')).toBe(false); // "buy" means "bribe" only in its second sense
    expect(map.has('buy')).toBe(false);
  });

  it('builds a few thousand safe folds from WordNet 3.1', async () => {
    const map = await loadSynonymMap();
    expect(map.size).toBeGreaterThan(1000);
    expect(map.get('automobile')).toBe('car');
    expect(map.has('bank')).toBe(false);
  });
});
