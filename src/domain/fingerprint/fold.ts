/**
 * Folding: one left-to-right scan over the tokens of a text that recognises every place
 * where an alternative of some class appears, and replaces it by the class's canonical
 * tokens. Two copies of a product therefore fold to the same token sequence, which is what
 * the decoder aligns on and what `canonicalText` writes out. Optional commas (see
 * optional-commas.ts) fold away entirely.
 */
import { matchContraction } from './contractions.ts';
import type { FoldingTable } from './folding-table.ts';
import { matchInitialism } from './initialisms.ts';
import { matchApostrophe, matchDate, matchMillions, matchPercent, matchSmallNumber, matchThousands, matchTime } from './number-date-formats.ts';
import { isConjunctionComma, isIntroductoryComma, matchForm } from './optional-commas.ts';
import type { Span } from './spans.ts';
import type { SlotKind } from './slot.ts';
import { matchCase, phraseTokens, tokenize, type Token } from './tokens.ts';

export interface FoldGroup {
  readonly kind: SlotKind;
  /** Index into the table's classes, or -1 for a number or date format. */
  readonly classIndex: number;
  /** Which alternative was found. */
  readonly formIndex: number;
  readonly start: number;
  readonly end: number;
  /** All alternatives, canonical first, in the case of the text found. */
  readonly alternatives: readonly string[];
  readonly firstRaw: number;
  readonly rawCount: number;
}

export interface FoldedToken {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** The group this token was produced by, or -1. */
  readonly group: number;
}

export interface Folding {
  readonly text: string;
  readonly raw: readonly Token[];
  readonly tokens: readonly FoldedToken[];
  readonly groups: readonly FoldGroup[];
  /** Spans folded away entirely: optional commas, and "that" after a reporting verb. */
  readonly dropped: readonly Span[];
  /** The dropped commas that closed an introductory phrase (a subset of `dropped`). */
  readonly introductoryCommas: readonly Span[];
}

/**
 * Reporting verbs after which "that" is optional ("said that the" / "said the"). Every
 * alternative of a class holding one of these must be here too (stated/said).
 */
export const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'think', 'thinks', 'thought', 'hoped', 'feared', 'realized',
  'realised', 'recalled', 'stressed', 'emphasized', 'emphasised', 'predicted', 'alleged', 'asserted', 'maintained',
  'contended', 'testified', 'conceded', 'disclosed', 'revealed', 'learned', 'learnt', 'noticed', 'observed', 'know',
  'knew', 'knows', 'agreed', 'agrees', 'stating', 'saying', 'believe',
  'said', 'says', 'say', 'stated', 'states', 'reported', 'reports', 'added', 'adds', 'noted', 'notes',
  'announced', 'announces', 'believes', 'believed', 'argued', 'argues', 'claimed', 'claims', 'warned',
  'warns', 'indicated', 'indicates', 'suggested', 'suggests', 'confirmed', 'confirms', 'acknowledged',
  'explained', 'insisted', 'insists', 'concluded', 'concludes', 'found', 'finds', 'shows', 'showed',
  'demonstrates', 'demonstrated',
]);

/** Words that may open the clause after an optional "that" without changing the parse. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'there', 'his', 'her', 'their', 'its',
  'our', 'some', 'no', 'any', 'all', 'both', 'each', 'every', 'if', 'when', 'while', 'although', 'because',
  'after', 'before', 'since', 'despite', 'many', 'most', 'several', 'more', 'only', 'none',
]);

function isOptionalThat(raw: readonly Token[], i: number): boolean {
  const next = raw[i + 1];
  return raw[i]?.norm === 'that' && REPORTING_VERBS.has(raw[i - 1]?.norm ?? '') && next !== undefined && CLAUSE_OPENERS.has(next.norm);
}

export { matchForm };

function groupAt(raw: readonly Token[], i: number, text: string, table: FoldingTable): { group: FoldGroup; canonical: readonly string[] } | null {
  const format = matchDate(raw, i, text) ?? matchPercent(raw, i) ?? matchTime(raw, i) ?? matchThousands(raw, i, text) ?? matchApostrophe(raw, i, text)
    ?? matchMillions(raw, i, text) ?? matchSmallNumber(raw, i, text) ?? matchInitialism(raw, i, text) ?? matchContraction(raw, i, text, table);
  if (format) {
    const group = { kind: format.kind, classIndex: -1, formIndex: format.formIndex, start: format.start, end: format.end,
      alternatives: format.alternatives, firstRaw: i, rawCount: format.rawCount };
    return { group, canonical: format.canonicalTokens };
  }
  const entry = matchForm(raw, i, table);
  const last = entry ? raw[i + entry.tokens.length - 1] : undefined;
  const first = raw[i];
  if (!entry || !last || !first) return null;
  const phraseClass = table.classes[entry.classIndex];
  if (!phraseClass) return null;
  const found = text.slice(first.start, last.end);
  const group = { kind: phraseClass.kind, classIndex: entry.classIndex, formIndex: entry.formIndex, start: first.start,
    end: last.end, alternatives: phraseClass.forms.map((f) => matchCase(f, found)), firstRaw: i, rawCount: entry.tokens.length };
  return { group, canonical: phraseTokens(phraseClass.forms[0] ?? '') };
}

/** Folds `text` with `table`. */
export function fold(text: string, table: FoldingTable): Folding {
  const raw = tokenize(text);
  const tokens: FoldedToken[] = [];
  const groups: FoldGroup[] = [];
  const dropped: Span[] = [];
  const introductoryCommas: Span[] = [];
  for (let i = 0; i < raw.length;) {
    const token = raw[i];
    if (!token) break;
    const introductory = token.norm === ',' && isIntroductoryComma(tokens, raw[i + 1], text);
    if (introductory || isConjunctionComma(raw, i, table)) {
      dropped.push([token.start, token.end]);
      if (introductory) introductoryCommas.push([token.start, token.end]);
      i += 1;
      continue;
    }
    if (isOptionalThat(raw, i)) {
      dropped.push([raw[i - 1]?.end ?? token.start, token.end]);
      i += 1;
      continue;
    }
    const found = groupAt(raw, i, text, table);
    if (found) {
      const index = groups.push(found.group) - 1;
      for (const norm of found.canonical) tokens.push({ norm, start: found.group.start, end: found.group.end, group: index });
      i += found.group.rawCount;
      continue;
    }
    tokens.push({ norm: token.norm, start: token.start, end: token.end, group: -1 });
    i += 1;
  }
  return { text, raw, tokens, groups, dropped, introductoryCommas };
}
