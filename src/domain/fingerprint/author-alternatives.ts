/**
 * Author-supplied alternatives: `{option a|option b|…}` in a master text offers options that
 * the author vouches mean the same thing (CONTRACT.md, bundle format). The first option is
 * the canonical one.
 */
import { FingerprintError } from './fingerprint-error.ts';
import type { PhraseClass } from './phrase-classes.ts';
import type { Slot } from './slot.ts';
import { phraseTokens } from './tokens.ts';

export interface AuthorAlternative {
  /** `[start, end)` of the whole `{…}` in the master. */
  readonly start: number;
  readonly end: number;
  readonly options: readonly string[];
}

const BRACES = /\{([^{}\n]*)\}/g;

function checkOptions(options: readonly string[], at: number): void {
  const folded = options.map((o) => phraseTokens(o).join(' '));
  if (folded.some((f) => f === '')) {
    throw new FingerprintError('BAD_MASTER', `empty or punctuation-only option in the alternatives at offset ${at}`);
  }
  if (new Set(folded).size !== folded.length) {
    throw new FingerprintError('BAD_MASTER', `the alternatives at offset ${at} repeat an option`);
  }
}

/**
 * Every `{a|b}` of a master text. Braces without a `|`, or whose options begin or end with a
 * space (`{P(B | A)}`, set-builder notation in quoted mathematics), are ordinary text.
 */
export function parseAuthorAlternatives(master: string): AuthorAlternative[] {
  const found: AuthorAlternative[] = [];
  for (const match of master.matchAll(BRACES)) {
    const body = match[1] ?? '';
    const options = body.split('|');
    if (options.length < 2 || options.some((o) => o !== o.trim())) continue;
    checkOptions(options, match.index);
    found.push({ start: match.index, end: match.index + match[0].length, options });
  }
  return found;
}

/** The master with every `{a|b}` replaced by its first option. */
export function stripAuthorSyntax(master: string): string {
  let out = '';
  let at = 0;
  for (const alternative of parseAuthorAlternatives(master)) {
    out += master.slice(at, alternative.start) + (alternative.options[0] ?? '');
    at = alternative.end;
  }
  return out + master.slice(at);
}

/** Folding classes for a product's author slots, so that every copy folds alike. */
export function authorClasses(slots: readonly Slot[]): PhraseClass[] {
  return slots.filter((s) => s.kind === 'author').map((s) => ({ kind: 'author', forms: s.alternatives }));
}
