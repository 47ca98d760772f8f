/**
 * The tokeniser shared by slot finding, folding and decoding. A token is a run of letters,
 * marks and digits, or one other visible character. Whitespace (including no-break and thin
 * spaces) and format characters (\p{Cf}: zero-width joiners, word joiner, soft hyphen) are
 * never tokens, which is why the invisible layer does not disturb matching.
 */
export interface Token {
  /** Lower-cased, with curly quotes and apostrophes straightened. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{Cf}]/gu;
const WORD = /^[\p{L}\p{M}\p{N}]/u;

/** Lower-cases and straightens quotes, so `“Analyse’` and `"analyse'` compare equal. */
export function normaliseToken(text: string): string {
  return text.toLowerCase().replace(/[‘’‛]/g, "'").replace(/[“”„]/g, '"');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    tokens.push({ norm: normaliseToken(match[0]), start, end: start + match[0].length, isWord: WORD.test(match[0]) });
  }
  return tokens;
}

/** The token texts of a phrase, for table look-ups. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}

export function isDigits(norm: string): boolean {
  return /^\p{N}+$/u.test(norm);
}

/** Matches the case pattern of `model` (Capitalised, ALL CAPS or lower) onto `text`. */
export function matchCase(text: string, model: string): string {
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return text.toUpperCase();
  const first = letters.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return text;
}
