/**
 * Initialisms written with or without full stops, or spelled out: "U.S." / "US" / "United
 * States", "U.N." / "UN" / "United Nations", "U.K." / "UK" / "United Kingdom", "E.U." / "EU" /
 * "European Union". The same name each way (The Canadian Style §1.06 drops the stops; the AP
 * and Chicago styles keep them for "U.S."; every style spells the name out at will), so a copy
 * may use any. Matched in capitals only, so that "us" the pronoun is never one.
 */
import type { FormatMatch } from './number-date-formats.ts';
import type { Token } from './tokens.ts';

const SPELLED_OUT: ReadonlyMap<string, string> = new Map([
  ['US', 'United States'], ['UN', 'United Nations'], ['UK', 'United Kingdom'], ['EU', 'European Union'],
]);

/** The other way round: "United States" -> "US". */
const LETTERS_OF: ReadonlyMap<string, string> = new Map([...SPELLED_OUT].map(([letters, spelled]) => [spelled, letters]));
/** The first words of the spelled-out names, as tokens normalise them: any other token starts none. */
const FIRST_WORDS: ReadonlySet<string> = new Set([...SPELLED_OUT.values()].map((spelled) => spelled.slice(0, spelled.indexOf(' ')).toLowerCase()));

const isCapitals = (word: string): boolean => word.length > 1 && /^\p{Lu}+$/u.test(word);

/**
 * Whether the initialism stands alone: not part of a longer one ("U.S.A.", "J.U.S.") or of a
 * currency ("US$"), and not in a run of capitals, where "US" may be the pronoun ("TALKS WITH US").
 */
function standsAlone(text: string, start: number, end: number): boolean {
  if (/[\p{L}\p{N}.]$/u.test(text.slice(0, start)) || /^(?:\.?[\p{L}\p{N}]|[$€£])/u.test(text.slice(end))) return false;
  const before = /([\p{L}\p{N}]+)\P{L}*$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1] ?? '';
  const after = /^\P{L}*([\p{L}\p{N}]+)/u.exec(text.slice(end, end + 40))?.[1] ?? '';
  return !isCapitals(before) && !isCapitals(after);
}

/**
 * Whether a copy may spell the initialism out here: before a lower-case word or a comma,
 * semicolon, colon or closing bracket ("U.S. officials", "the U.N., which"), not after "an"
 * ("an EU official" would become "an European Union official"). Never before a capitalised
 * word, which may make a name of its own ("US Airways" is not "United States Airways"), nor
 * before "of" ("the United States of America").
 */
function maySpellOut(text: string, start: number, end: number): boolean {
  if (/\ban\s+$/iu.test(text.slice(Math.max(0, start - 4), start))) return false;
  return /^(?:\s+(?!of\b)\p{Ll}|[,;:)])/u.test(text.slice(end, end + 4));
}

/** "U.S." (form 0, the canonical form), "US" (form 1) or "United States" (form 2) at raw token `i`. */
export function matchInitialism(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const first = tokens[i];
  if (!first) return null;
  const bare = text.slice(first.start, first.end);
  if (SPELLED_OUT.has(bare)) return standsAlone(text, first.start, first.end) ? initialism(text, bare, first, first, 1, 1) : null;
  const spelled = matchSpelledOut(tokens, i, text);
  if (spelled) return spelled;
  const last = tokens[i + 3];
  if (!last || !/^\p{Lu}$/u.test(bare)) return null;
  const dotted = text.slice(first.start, last.end);
  const letters = dotted.replace(/\./g, '');
  if (dotted !== `${bare}.${letters.charAt(1)}.` || !SPELLED_OUT.has(letters) || !standsAlone(text, first.start, last.end)) return null;
  return initialism(text, letters, first, last, 4, 0);
}

/**
 * "United States" and the like, wherever it is not "of" something; a copy may shorten it
 * anywhere, but not "a European Union official" (which would need "an EU official").
 */
function matchSpelledOut(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const [first, last] = [tokens[i], tokens[i + 1]];
  if (!first || !last || !FIRST_WORDS.has(first.norm)) return null;
  const letters = LETTERS_OF.get(text.slice(first.start, last.end));
  if (letters === undefined || /^\s+of\b/u.test(text.slice(last.end, last.end + 4))) return null;
  if (letters === 'EU' && tokens[i - 1]?.norm === 'a') return null;
  return initialism(text, letters, first, last, 2, 2);
}

function initialism(text: string, letters: string, first: Token, last: Token, rawCount: number, formIndex: number): FormatMatch {
  const dotted = `${letters.charAt(0)}.${letters.charAt(1)}.`;
  const spelled = SPELLED_OUT.get(letters) ?? letters;
  const alternatives = formIndex === 2 || maySpellOut(text, first.start, last.end) ? [dotted, letters, spelled] : [dotted, letters];
  return { kind: 'initialism', rawCount, start: first.start, end: last.end, formIndex, alternatives, canonicalTokens: [letters.toLowerCase()] };
}
