/**
 * Derives pairs of spellings that mean the same thing from real dictionaries, by systematic
 * rules (the regular differences between Canadian, British and American spelling), keeping a
 * pair only when both forms are dictionary words and exactly one of them is in the en-CA
 * dictionary. That last condition is what makes the rules safe: where en-CA holds both forms
 * (meter/metre, license/licence, for/four, filed/filled) they are different words, and varying
 * one into the other would change the meaning.
 */
import type { SpellingPair } from '../../domain/fingerprint/lexicon.ts';

export interface DictionaryWords {
  readonly enCa: ReadonlySet<string>;
  readonly enGb: ReadonlySet<string>;
  readonly enUs: ReadonlySet<string>;
}

/** A rule proposes, for one word, the other spellings it might have. */
type SpellingRule = (word: string) => string[];

function swapInside(word: string, from: RegExp, to: string): string[] {
  const out: string[] = [];
  for (const match of word.matchAll(from)) {
    const at = match.index;
    out.push(word.slice(0, at) + to + word.slice(at + match[0].length));
  }
  return out;
}

// -ize/-ise (organize/organise, organization/organisation); the stem must be 3+ letters so
// that prize/prise and size/sise are never proposed.
const izeIse: SpellingRule = (w) => swapInside(w, /(?<=[a-z]{3})iz(?=e|ing|ation|ations|er|ers|able)/g, 'is');
// -yze/-yse (analyze/analyse, paralyzed/paralysed).
const yzeYse: SpellingRule = (w) => swapInside(w, /(?<=[a-z]{2})yz(?=e|ing)/g, 'ys');
// -our/-or (colour/color, favourite/favorite); 6+ letters keeps four/for, tour/tor out.
const ourOr: SpellingRule = (w) => (w.length >= 6 ? swapInside(w, /(?<=[a-z]{3})our(?=$|s$|ed$|ing$|ful|ite|able|less|ably)/g, 'or') : []);
// -re/-er (centre/center, theatres/theaters).
const reEr: SpellingRule = (w) => {
  const m = /^([a-z]{3,}[^aeiou])re(s?)$/.exec(w);
  return m ? [`${m[1]}er${m[2]}`] : [];
};
// -ence/-ense (defence/defense, offences/offenses).
const enceEnse: SpellingRule = (w) => swapInside(w, /(?<=[a-z]{2}[fc])ence(?=$|s$)/g, 'ense');
// Doubled l before a suffix (travelled/traveled, modelling/modeling, counsellor/counselor).
const doubledL: SpellingRule = (w) => {
  const m = /^([a-z]{4,}[aeiou])ll(ed|ing|er|ers|or|ors)$/.exec(w);
  return m ? [`${m[1]}l${m[2]}`] : [];
};
// judgement/judgment, acknowledgement/acknowledgment.
const dgement: SpellingRule = (w) => swapInside(w, /dgement/g, 'dgment');
// catalogue/catalog, analogue/analog.
const ogue: SpellingRule = (w) => {
  const m = /^([a-z]{3,})ogue(s?)$/.exec(w);
  return m ? [`${m[1]}og${m[2]}`] : [];
};

// The broader rules below would pair different words (cold/could, fil/fill) if it were not
// for the en-CA filter in `deriveSpellingPairs`: the en-GB and en-US word lists differ from
// en-CA almost only by spelling, so a word absent from en-CA but present in one of them is
// nearly always another spelling, and a pair inside en-CA is never kept.
// Single l at the end (fulfil/fulfill, enrol/enroll, skilful/skillful).
const finalL: SpellingRule = (w) => (w.length >= 5 ? swapInside(w, /(?<=[a-z]{3}[aeiou])l(?=$|s$|ment|ful|ness)/g, 'll') : []);
// ae and oe (anaemia/anemia, manoeuvre/maneuver, oestrogen/estrogen).
const digraph: SpellingRule = (w) => [...swapInside(w, /(?<=[a-z])ae(?=[a-z])/g, 'e'), ...swapInside(w, /(?<=[a-z])oe(?=[a-z]{2})/g, 'e')];
// mould/mold, smoulder/smolder.
const oul: SpellingRule = (w) => swapInside(w, /oul(?=d|t)/g, 'ol');
// grey/gray, sceptic/skeptic, sulphur/sulfur, plough/plow.
const misc: SpellingRule = (w) => [
  ...swapInside(w, /^grey/g, 'gray'), ...swapInside(w, /^scept/g, 'skept'),
  ...swapInside(w, /(?<=[a-z]{2})ph(?=ur)/g, 'f'), ...swapInside(w, /ough(?=$|s$|ed$|ing$)/g, 'ow'),
];

const RULES: readonly SpellingRule[] = [izeIse, yzeYse, ourOr, reEr, enceEnse, doubledL, dgement, ogue, finalL, digraph, oul, misc];

/**
 * Pairs in which the first form is the en-CA spelling (the canonical one) and the second the
 * en-GB or en-US one, sorted for a deterministic table.
 */
export function deriveSpellingPairs(words: DictionaryWords): SpellingPair[] {
  const inAny = (w: string): boolean => words.enCa.has(w) || words.enGb.has(w) || words.enUs.has(w);
  const pairs = new Map<string, SpellingPair>();
  const candidates = new Set([...words.enCa, ...words.enGb, ...words.enUs]);
  for (const word of candidates) {
    for (const rule of RULES) {
      for (const other of rule(word)) {
        if (other === word || !inAny(other)) continue;
        if (words.enCa.has(word) === words.enCa.has(other)) continue;
        const [canadian, variant] = words.enCa.has(word) ? [word, other] : [other, word];
        pairs.set(`${canadian}|${variant}`, [canadian, variant]);
      }
    }
  }
  return [...pairs.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
}
