/**
 * The spelling-variant table the shell derives from real dictionaries (src/adapters/lexicon)
 * and hands to the core as plain data. Each pair is `[canonical, variant]`: the canonical form
 * is the en-CA spelling, the variant an en-GB or en-US spelling of the same word.
 */
export type SpellingPair = readonly [canonical: string, variant: string];

export interface Lexicon {
  readonly spellingPairs: readonly SpellingPair[];
}

/** A lexicon with no spelling pairs: the curated tables still apply. */
export const EMPTY_LEXICON: Lexicon = Object.freeze({ spellingPairs: Object.freeze([]) });
