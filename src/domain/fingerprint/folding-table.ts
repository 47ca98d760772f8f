/**
 * The look-up structure behind folding and slot finding: every form of every class (curated
 * phrases, dictionary spelling pairs, a product's author alternatives) indexed by its first
 * token, longest form first, so that folding is a single left-to-right longest-match scan.
 */
import type { Lexicon } from './lexicon.ts';
import { PHRASE_CLASSES, type PhraseClass } from './phrase-classes.ts';
import { phraseTokens } from './tokens.ts';

export interface FormEntry {
  readonly classIndex: number;
  readonly formIndex: number;
  readonly tokens: readonly string[];
}

export interface FoldingTable {
  readonly classes: readonly PhraseClass[];
  readonly byFirstToken: ReadonlyMap<string, readonly FormEntry[]>;
}

/** One class per canonical spelling, with all its variants (anaesthetize/anaesthetise/anesthetize). */
function spellingClasses(lexicon: Lexicon): PhraseClass[] {
  const variants = new Map<string, string[]>();
  for (const [canonical, variant] of lexicon.spellingPairs) {
    const list = variants.get(canonical) ?? [];
    list.push(variant);
    variants.set(canonical, list);
  }
  return [...variants].map(([canonical, list]) => ({ kind: 'spelling', forms: [canonical, ...list] }));
}

/**
 * Builds a table from classes in precedence order. A form already claimed by an earlier
 * class is skipped in later ones, so each form folds one way only.
 */
export function buildFoldingTable(classes: readonly PhraseClass[]): FoldingTable {
  const byFirstToken = new Map<string, FormEntry[]>();
  const claimed = new Set<string>();
  classes.forEach((phraseClass, classIndex) => {
    phraseClass.forms.forEach((form, formIndex) => {
      const tokens = phraseTokens(form);
      const key = tokens.join(' ');
      const first = tokens[0];
      if (first === undefined || claimed.has(key)) return;
      claimed.add(key);
      const list = byFirstToken.get(first) ?? [];
      list.push({ classIndex, formIndex, tokens });
      byFirstToken.set(first, list);
    });
  });
  for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { classes, byFirstToken };
}

const cache = new WeakMap<Lexicon, FoldingTable>();

/** The table of the curated classes plus the lexicon's spelling pairs, built once per lexicon. */
export function foldingTableFor(lexicon: Lexicon): FoldingTable {
  let table = cache.get(lexicon);
  if (!table) {
    table = buildFoldingTable([...PHRASE_CLASSES, ...spellingClasses(lexicon)]);
    cache.set(lexicon, table);
  }
  return table;
}

/** The lexicon's table extended with a product's author alternatives (which take precedence). */
export function foldingTableWith(lexicon: Lexicon, authorClasses: readonly PhraseClass[]): FoldingTable {
  if (authorClasses.length === 0) return foldingTableFor(lexicon);
  return buildFoldingTable([...authorClasses, ...foldingTableFor(lexicon).classes]);
}
