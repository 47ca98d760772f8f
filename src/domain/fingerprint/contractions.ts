/**
 * Negative contractions: "did not" / "didn't" / "didn’t", "cannot" / "can't" / "can’t". The
 * same words, contracted or not (Chicago Manual of Style §5.105 and The Canadian Style §5.18
 * allow both; news style keeps contractions mostly to quotations), with the apostrophe straight
 * or typographic. Not the modal verbs ("will not", "could not", "must not"…), which are
 * estimative language and never varied; nor "'s", "'d" or "'ll", whose full form is ambiguous
 * ("it's" is "it is" or "it has").
 */
import type { FoldingTable } from './folding-table.ts';
import type { FormatMatch } from './number-date-formats.ts';
import { matchCase, type Token } from './tokens.ts';

const AUXILIARIES: ReadonlySet<string> = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'has', 'have', 'had']);
const APOSTROPHES: readonly string[] = ["'", '\u2019'];

function contraction(full: readonly string[], first: Token, last: Token, rawCount: number, formIndex: number, found: string): FormatMatch {
  const [auxiliary = ''] = full;
  const written = auxiliary === 'can' ? ['cannot', "can't", 'can\u2019t'] : [`${auxiliary} not`, ...APOSTROPHES.map((a) => `${auxiliary}n${a}t`)];
  return {
    kind: 'contraction', rawCount, start: first.start, end: last.end, formIndex,
    alternatives: written.map((w) => matchCase(w, found)), canonicalTokens: auxiliary === 'can' ? ['cannot'] : full,
  };
}

/**
 * Whether the words after the negation make a phrase with "not" that folding reads as one
 * ("not enough" for "insufficient", an author's "{unlikely|not expected}"): the "not" is the
 * phrase's, and contracting it would fold copies apart.
 */
function beginsNotPhrase(tokens: readonly Token[], after: number, table: FoldingTable): boolean {
  return (table.byFirstToken.get('not') ?? []).some((entry) => entry.tokens.slice(1).every((t, k) => tokens[after + k]?.norm === t));
}

/** "did not" (form 0, canonical), "didn't" (form 1) or "didn’t" (form 2) at raw token `i`. */
export function matchContraction(tokens: readonly Token[], i: number, text: string, table: FoldingTable): FormatMatch | null {
  const found = matchNegation(tokens, i, text);
  return found && !beginsNotPhrase(tokens, i + found.rawCount, table) ? found : null;
}

function matchNegation(tokens: readonly Token[], i: number, text: string): FormatMatch | null {
  const [first, second, third] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (!first) return null;
  const found = (last: Token): string => text.slice(first.start, last.end);
  if (first.norm === 'cannot') return contraction(['can'], first, first, 1, 0, found(first));
  // "did not", written plainly: not "did NOT", whose capitals stress the word.
  if (AUXILIARIES.has(first.norm) && second && text.slice(first.end, second.end) === ' not') return contraction([first.norm, 'not'], first, second, 2, 0, found(second));
  if (!second || !third || third.norm !== 't' || first.end !== second.start || second.end !== third.start) return null;
  const apostrophe = APOSTROPHES.indexOf(text.slice(second.start, second.end));
  const auxiliary = first.norm === 'can' ? 'can' : first.norm.endsWith('n') ? first.norm.slice(0, -1) : '';
  if (apostrophe < 0 || (auxiliary !== 'can' && !AUXILIARIES.has(auxiliary))) return null;
  return contraction(auxiliary === 'can' ? ['can'] : [auxiliary, 'not'], first, third, 3, apostrophe + 1, found(third));
}
