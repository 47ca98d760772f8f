/** A piece of a marking's text and where it starts in the text the caller handed in. */
export interface Token {
  /** Trimmed. */
  readonly text: string;
  /** 0-based character position of the first non-blank character (or of the piece, if blank). */
  readonly start: number;
}

/**
 * Splits `token` at every `separator`, keeping each piece's absolute position.
 *
 * @example
 * splitToken({ text: 'SI / TK', start: 12 }, '/'); // [{ text: 'SI', start: 12 }, { text: 'TK', start: 17 }]
 */
export function splitToken(token: Token, separator: string): readonly Token[] {
  const pieces: Token[] = [];
  let from = 0;
  for (;;) {
    const at = token.text.indexOf(separator, from);
    const raw = token.text.slice(from, at === -1 ? undefined : at);
    pieces.push(trimToken(raw, token.start + from));
    if (at === -1) return pieces;
    from = at + separator.length;
  }
}

/**
 * Splits on runs of whitespace, keeping positions.
 *
 * @example
 * splitWords({ text: 'TOP SECRET', start: 0 }); // [{ text: 'TOP', start: 0 }, { text: 'SECRET', start: 4 }]
 */
export function splitWords(token: Token): readonly Token[] {
  return [...token.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: token.start + m.index }));
}

/** Drops surrounding whitespace, moving the start past what was dropped. */
export function trimToken(raw: string, start: number): Token {
  const leading = raw.length - raw.trimStart().length;
  return { text: raw.trim(), start: start + (raw.trim() === '' ? 0 : leading) };
}

/** Upper case with runs of whitespace collapsed: the form aliases are looked up in. */
export function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toUpperCase();
}
