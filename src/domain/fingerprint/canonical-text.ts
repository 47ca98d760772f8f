/**
 * Canonical folding for the matching engine (DESIGN.md, content match): every alternative a
 * fingerprint may choose is folded to its first form and the invisible marks are removed, so
 * that every copy of a product — and the master itself — index and match alike. Pass the
 * product's slots to fold its author alternatives too; without them only the lexicon and the
 * curated tables apply (author alternatives of unknown products cannot be known).
 */
import { authorClasses, stripAuthorSyntax } from './author-alternatives.ts';
import { fold } from './fold.ts';
import { foldingTableWith } from './folding-table.ts';
import type { Lexicon } from './lexicon.ts';
import type { Slot } from './slot.ts';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/**
 * No-break, thin and hair spaces become plain spaces; format characters (\p{Cf}) go; curly
 * double quotation marks become straight ones (a copy's quotation-marks slot may use either).
 */
function plainSpacing(text: string): string {
  return text.replace(/[\u00A0\u2007\u2009\u200A\u202F]/g, ' ').replace(/\p{Cf}/gu, '').replace(/[\u201C\u201D]/g, '"');
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += plainSpacing(text.slice(at, edit.start)) + edit.replacement;
    at = edit.end;
  }
  return out + plainSpacing(text.slice(at));
}

/**
 * @example
 * canonicalText('We analysed the e-mail, its headers, and 10%.', lexicon)
 * // 'We analyzed the email, its headers and 10 per cent.'
 */
export function canonicalText(text: string, lexicon: Lexicon, slots: readonly Slot[] = []): string {
  const plain = stripAuthorSyntax(text);
  const folding = fold(plain, foldingTableWith(lexicon, authorClasses(slots)));
  const edits: Edit[] = folding.groups.map((g) => ({ start: g.start, end: g.end, replacement: g.alternatives[0] ?? '' }));
  for (const [start, end] of folding.dropped) edits.push({ start, end, replacement: '' });
  return applyEdits(plain, edits);
}
