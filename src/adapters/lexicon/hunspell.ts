/**
 * A reader for the small subset of the Hunspell format that the wooorm `dictionary-en*`
 * packages use: `PFX`/`SFX` rules with a strip string, an affix and a condition, and `.dic`
 * lines `word/FLAGS`. Enough to expand every base word into its inflected forms, which the
 * spelling-pair rules need (`organized`, `organizations`, `colours` are not base words).
 * Compound rules and REP/ICONV tables are ignored: they do not create the words we pair.
 */
export interface AffixRule {
  readonly strip: string;
  readonly add: string;
  readonly condition: RegExp;
}

export interface AffixClass {
  readonly kind: 'PFX' | 'SFX';
  readonly crossProduct: boolean;
  readonly rules: readonly AffixRule[];
}

export type AffixTable = ReadonlyMap<string, AffixClass>;

/** Parses the PFX/SFX sections of an .aff file. */
export function parseAffixes(aff: string): AffixTable {
  const table = new Map<string, { kind: 'PFX' | 'SFX'; crossProduct: boolean; rules: AffixRule[] }>();
  for (const line of aff.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    const [kind, flag, third, fourth, fifth] = parts;
    if ((kind !== 'PFX' && kind !== 'SFX') || flag === undefined || third === undefined) continue;
    const known = table.get(flag);
    if (!known) {
      table.set(flag, { kind, crossProduct: third === 'Y', rules: [] });
      continue;
    }
    const add = (fourth ?? '0').split('/')[0] ?? '0';
    const condition = fifth ?? '.';
    known.rules.push({
      strip: third === '0' ? '' : third,
      add: add === '0' ? '' : add,
      condition: new RegExp(kind === 'SFX' ? `${condition}$` : `^${condition}`),
    });
  }
  return table;
}

function applyRule(word: string, kind: 'PFX' | 'SFX', rule: AffixRule): string | null {
  if (!rule.condition.test(word)) return null;
  if (kind === 'SFX') {
    if (rule.strip && !word.endsWith(rule.strip)) return null;
    return word.slice(0, word.length - rule.strip.length) + rule.add;
  }
  if (rule.strip && !word.startsWith(rule.strip)) return null;
  return rule.add + word.slice(rule.strip.length);
}

function applyClass(words: readonly string[], affix: AffixClass): string[] {
  const out: string[] = [];
  for (const word of words) {
    for (const rule of affix.rules) {
      const form = applyRule(word, affix.kind, rule);
      if (form !== null) out.push(form);
    }
  }
  return out;
}

/** Every form of one `.dic` entry: the base, each suffixed and prefixed form, and the cross products. */
export function expandEntry(word: string, flags: string, affixes: AffixTable): string[] {
  const forms = [word];
  const classes = [...flags].map((f) => affixes.get(f)).filter((c): c is AffixClass => c !== undefined);
  const suffixed = classes.filter((c) => c.kind === 'SFX').flatMap((c) => applyClass([word], c));
  forms.push(...suffixed);
  for (const prefix of classes.filter((c) => c.kind === 'PFX')) {
    forms.push(...applyClass([word], prefix));
    const crossable = classes.filter((c) => c.kind === 'SFX' && c.crossProduct && prefix.crossProduct);
    forms.push(...applyClass(crossable.flatMap((c) => applyClass([word], c)), prefix));
  }
  return forms;
}

/** All lower-case word forms of a dictionary, alphabetic only (no digits, apostrophes, dots or proper nouns). */
export function expandDictionary(aff: string, dic: string): Set<string> {
  const affixes = parseAffixes(aff);
  const words = new Set<string>();
  const lines = dic.split(/\r?\n/);
  // The first line of a .dic file is the approximate entry count.
  for (const line of lines.slice(1)) {
    const entry = line.trim();
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const word = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? '' : entry.slice(slash + 1);
    for (const form of expandEntry(word, flags, affixes)) {
      // Proper nouns (capitalised entries) are names, never varied: leave them out.
      if (/^[a-z]+$/.test(form)) words.add(form);
    }
  }
  return words;
}
