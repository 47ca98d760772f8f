/**
 * Initialisms written with or without full stops: "U.S." / "US", "U.N." / "UN", "U.K." / "UK",
 * "E.U." / "EU". The same name either way (The Canadian Style §1.06 drops the stops; the AP
 * and Chicago styles keep them for "U.S."), so a copy may use either. Matched in capitals
 * only, so that "us" the pronoun is never one.
 */
import type { FormatMatch } from './number-date-formats.ts';
import type { Token } from './tokens.ts';

const INITIALISMS: readonly string[] = ['US', 'UN', 'UK', 'EU'];

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

/** "U.S." (form 0, the canonical form) or "US" (form 1) at raw token `i`. */
export function matchInitialism(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const first = tokens[i];
  if (!first) return null;
  const bare = text.slice(first.start, first.end);
  if (INITIALISMS.includes(bare)) return standsAlone(text, first.start, first.end) ? initialism(bare, first, first, 1, 1) : null;
  const last = tokens[i + 3];
  if (!last || !/^\p{Lu}$/u.test(bare)) return null;
  const dotted = text.slice(first.start, last.end);
  const letters = dotted.replace(/\./g, '');
  if (dotted !== `${bare}.${letters.charAt(1)}.` || !INITIALISMS.includes(letters) || !standsAlone(text, first.start, last.end)) return null;
  return initialism(letters, first, last, 4, 0);
}

function initialism(letters: string, first: Token, last: Token, rawCount: number, formIndex: number): FormatMatch {
  const dotted = `${letters.charAt(0)}.${letters.charAt(1)}.`;
  return {
    kind: 'initialism', rawCount, start: first.start, end: last.end, formIndex,
    alternatives: [dotted, letters], canonicalTokens: [letters.toLowerCase()],
  };
}
