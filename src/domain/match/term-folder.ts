import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.ts';

/**
 * Lemma → canonical synonym, as built from WordNet by src/adapters/wordnet (only synonyms that
 * share their dominant sense, so unrelated words are never collapsed). Plain data.
 */
export type SynonymMap = ReadonlyMap<string, string>;

/** Maps a normalised word to its paraphrase-channel term, or undefined for a stop word. */
export type TermFolder = (word: string) => string | undefined;

/**
 * Porter stemming (Porter 1980, the `stemmer` package) after synonym folding. The synonym map
 * is re-keyed by stem so that inflected forms fold too ("bought"→"buy" needs a lemma, but
 * "purchases"→"purchas"→"buy" works); two lemmas whose stems collide but whose canonicals
 * differ are left unfolded rather than guessed.
 */
export function createTermFolder(synonyms: SynonymMap = new Map()): TermFolder {
  const byStem = stemKeyedSynonyms(synonyms);
  const cache = new Map<string, string | undefined>();
  return (word) => {
    if (cache.has(word)) return cache.get(word);
    const term = foldWord(word, synonyms, byStem);
    if (cache.size < 500_000) cache.set(word, term);
    return term;
  };
}

function foldWord(word: string, synonyms: SynonymMap, byStem: ReadonlyMap<string, string>): string | undefined {
  if (STOP_WORDS.has(word)) return undefined;
  const direct = synonyms.get(word);
  if (direct !== undefined) return stemmer(direct);
  const stem = stemmer(word);
  return byStem.get(stem) ?? stem;
}

function stemKeyedSynonyms(synonyms: SynonymMap): Map<string, string> {
  const byStem = new Map<string, string>();
  const conflicted = new Set<string>();
  for (const [lemma, canonical] of synonyms) {
    const key = stemmer(lemma);
    const value = stemmer(canonical);
    const seen = byStem.get(key);
    if (seen !== undefined && seen !== value) conflicted.add(key);
    byStem.set(key, value);
  }
  for (const key of conflicted) byStem.delete(key);
  return byStem;
}

/** A short digest of a synonym map, stored in a serialised index to catch mismatched maps. */
export function digestSynonyms(synonyms: SynonymMap): string {
  let h = 0x811c9dc5;
  for (const [a, b] of synonyms) {
    for (const ch of `${a}\u0000${b}\u0001`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  }
  return `${synonyms.size}:${(h >>> 0).toString(16)}`;
}
