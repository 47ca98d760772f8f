/**
 * Finds the slots of a master text: its author alternatives, every place where a curated or
 * dictionary alternative occurs outside the protected spans, number and date formats, small
 * numbers in words or figures, the serial commas of lists, the optional commas between
 * clauses and after introductory phrases, the quotation marks around quotations (never their
 * words), an optional "that", and the word boundaries of the invisible layer. Deterministic: the same master and lexicon
 * always give the same slots, so slots can be recomputed rather than stored (store them
 * anyway with the code: a later lexicon may differ).
 */
import { parseAuthorAlternatives, type AuthorAlternative } from './author-alternatives.ts';
import { CLAUSE_OPENERS, fold, matchForm, REPORTING_VERBS, type FoldGroup, type Folding } from './fold.ts';
import { foldingTableWith, type FoldingTable } from './folding-table.ts';
import { INVISIBLE_ALTERNATIVES } from './invisible-layer.ts';
import type { Lexicon } from './lexicon.ts';
import { spelledNumberMayVary } from './number-words.ts';
import { isConjunctionComma } from './optional-commas.ts';
import { BEFORE_NUMBER, type PhraseClass } from './phrase-classes.ts';
import { findProtectedSpans, type ProtectedSpans } from './protected-spans.ts';
import { quotationAlternatives } from './quotation-marks.ts';
import { isGapSlot, type Slot, type SlotKind } from './slot.ts';
import { overlapsAny, touchesAny, type Span } from './spans.ts';

export interface FindSlotsOptions {
  /** Add the invisible layer (default true). */
  readonly invisible?: boolean;
}

type SlotDraft = Omit<Slot, 'id'>;

/** The master with author alternatives at their first option, and a map back to master offsets. */
interface PlainMaster {
  readonly text: string;
  readonly authorOutputs: readonly Span[];
  readonly toMaster: (offset: number) => number;
}

function plainMaster(master: string, authors: readonly AuthorAlternative[]): PlainMaster {
  let text = '';
  let at = 0;
  const outputs: Span[] = [];
  const shifts: Array<readonly [plainStart: number, delta: number]> = [[0, 0]];
  for (const a of authors) {
    text += master.slice(at, a.start);
    const option = a.options[0] ?? '';
    outputs.push([text.length, text.length + option.length]);
    text += option;
    at = a.end;
    shifts.push([text.length, at - text.length]);
  }
  text += master.slice(at);
  const toMaster = (offset: number): number => {
    let delta = 0;
    for (const [start, d] of shifts) if (start <= offset) delta = d;
    return offset + delta;
  };
  return { text, authorOutputs: outputs, toMaster };
}

/** Whether the class lets the form found vary here: always, or only before certain tokens. */
function formMayVary(phraseClass: PhraseClass, group: FoldGroup, folding: Folding): boolean {
  const always = phraseClass.from === undefined ? phraseClass.fromBefore === undefined : phraseClass.from.includes(group.formIndex);
  if (always) return true;
  const context = phraseClass.fromBefore;
  if (!context?.forms.includes(group.formIndex)) return false;
  const next = folding.raw[group.firstRaw + group.rawCount];
  if (!next) return false;
  const isNumber = /^\p{N}/u.test(next.norm) || (next.norm === '$' && /^\p{N}/u.test(folding.raw[group.firstRaw + group.rawCount + 1]?.norm ?? ''));
  return context.next.includes(next.norm) || (isNumber && context.next.includes(BEFORE_NUMBER));
}

/**
 * "…, orange, etc. Conversely" — the abbreviation's full stop also ends the sentence, and
 * "and so on" in its place would run two sentences together.
 */
function endsSentence(group: FoldGroup, folding: Folding, text: string): boolean {
  // A courtesy title's full stop ("Mr. Tremblay") never ends a sentence.
  if (group.kind === 'title' || !text.slice(group.start, group.end).endsWith('.')) return false;
  const next = folding.raw[group.firstRaw + group.rawCount];
  return !next || /^\p{Lu}/u.test(text.slice(next.start, next.end)) || /\n/.test(text.slice(group.end, next.start));
}

// Formats change how a date or number is written, never its value.
const MAY_TOUCH_NUMBERS: ReadonlySet<string> = new Set(['number-format', 'spelled-number']);

function groupAllowed(group: FoldGroup, folding: Folding, table: FoldingTable, text: string, guard: ProtectedSpans): boolean {
  const phraseClass = table.classes[group.classIndex];
  if (group.kind === 'author' || overlapsAny(group.start, group.end, guard.hard)) return false;
  if (group.kind === 'date-format') return true;
  if (overlapsAny(group.start, group.end, guard.estimative)) return false;
  if (!MAY_TOUCH_NUMBERS.has(group.kind) && overlapsAny(group.start, group.end, guard.numbers)) return false;
  if (group.kind === 'spelled-number' && !spelledNumberMayVary(folding.raw, group.firstRaw, text)) return false;
  // An initialism is a name, written either way ("U.S." / "US").
  if (!phraseClass?.capitalised && group.kind !== 'initialism' && overlapsAny(group.start, group.end, guard.names)) return false;
  if (phraseClass && !formMayVary(phraseClass, group, folding)) return false;
  if (endsSentence(group, folding, text)) return false;
  // "in the US." would become "in the U.S.." (and "Apple Inc." "Apple Inc..").
  if (text.charAt(group.end) === '.' && group.alternatives.some((a) => a.endsWith('.'))) return false;
  const previous = folding.raw[group.firstRaw - 1];
  if (previous && phraseClass?.notAfter?.includes(previous.norm)) return false;
  if (phraseClass?.onlyAfter && !phraseClass.onlyAfter.includes(previous?.norm ?? '')) return false;
  if (phraseClass?.notBefore?.includes(folding.raw[group.firstRaw + group.rawCount]?.norm ?? '')) return false;
  return /\S/.test(text.slice(group.start, group.end));
}

function phraseSlots(folding: Folding, table: FoldingTable, text: string, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  return folding.groups
    .filter((g) => !touchesAny(g.start, g.end, authors) && groupAllowed(g, folding, table, text, guard))
    .map((g) => ({ kind: g.kind, start: g.start, end: g.end, alternatives: g.alternatives }));
}

const LIST_WORD_GAP = 4;

/** "a, b and c" / "a, b, and c": the item before the conjunction follows a comma within a few words. */
function isListConjunction(folding: Folding, i: number): boolean {
  const raw = folding.raw;
  let k = raw[i - 1]?.norm === ',' ? i - 2 : i - 1;
  if (!raw[k]?.isWord) return false;
  for (let words = 0; k >= 0 && words <= LIST_WORD_GAP; k--) {
    const token = raw[k];
    if (!token) return false;
    if (token.norm === ',') return raw[k - 1]?.isWord === true;
    if (token.isWord) words++;
    else if (token.norm !== '-' && token.norm !== "'") return false;
  }
  return false;
}

function serialCommaSlots(folding: Folding, table: FoldingTable, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  const slots: SlotDraft[] = [];
  folding.raw.forEach((token, i) => {
    if ((token.norm !== 'and' && token.norm !== 'or') || !isListConjunction(folding, i)) return;
    // "…, and so on" is a phrase of its own, whose comma folding keeps (see fold.ts).
    if (matchForm(folding.raw, i, table) !== null) return;
    const comma = folding.raw[i - 1]?.norm === ',' ? folding.raw[i - 1] : undefined;
    const item = folding.raw[comma ? i - 2 : i - 1];
    if (!item) return;
    const [start, end] = comma ? [comma.start, comma.end] : [item.end, item.end];
    if (overlapsAny(start, end, guard.hard) || touchesAny(start, token.end, authors)) return;
    slots.push({ kind: 'serial-comma', start, end, alternatives: ['', ','] });
  });
  return slots;
}

/**
 * Commas a copy may drop where the master has them (one way: adding a comma before "and" can
 * split a phrase, "between A, and B"): before a conjunction joining two clauses, and after a
 * sentence-opening introductory phrase.
 */
function clauseAndIntroductoryCommaSlots(folding: Folding, table: FoldingTable, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  const slots: SlotDraft[] = [];
  const raw = folding.raw;
  raw.forEach((token, i) => {
    const previous = raw[i - 1];
    if (token.norm !== ',' || !(previous?.isWord === true || previous?.norm === '"') || overlapsAny(token.start, token.end, guard.hard) || touchesAny(token.start, token.end, authors)) return;
    const kind = commaKind(folding, table, i);
    if (kind) slots.push({ kind, start: token.start, end: token.end, alternatives: ['', ','] });
  });
  return slots;
}

function commaKind(folding: Folding, table: FoldingTable, i: number): SlotKind | null {
  const raw = folding.raw;
  if (folding.introductoryCommas.some(([start]) => start === raw[i]?.start)) return 'introductory-comma';
  const conjunction = raw[i + 1]?.norm;
  if (!isConjunctionComma(raw, i, table) || isListConjunction(folding, i + 1)) return null;
  // "…, but …" always joins two parts a comma may or may not separate; "and"/"or" only when a clause follows.
  if (conjunction === 'but') return 'clause-comma';
  return (conjunction === 'and' || conjunction === 'or') && CLAUSE_OPENERS.has(raw[i + 2]?.norm ?? '') ? 'clause-comma' : null;
}

/** The quotation marks around each clearly paired quotation (see quotation-marks.ts). */
function quotationSlots(text: string, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  const marks = guard.hard.filter((h) => !guard.quotations.some((q) => q[0] === h[0] && q[1] === h[1]));
  return guard.quotations.flatMap((q): SlotDraft[] => {
    const alternatives = quotationAlternatives(text, q);
    if (!alternatives || overlapsAny(q[0], q[1], marks) || touchesAny(q[0], q[1], authors)) return [];
    return [{ kind: 'quotation-marks', start: q[0], end: q[1], alternatives }];
  });
}

/** "said that the" may lose its "that": only where the master has it (one way, see fold.ts). */
function optionalThatSlots(folding: Folding, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  return folding.dropped
    .filter(([start, end]) => /^\s+that$/i.test(folding.text.slice(start, end)))
    .filter(([start, end]) => !overlapsAny(start, end, guard.hard) && !touchesAny(start, end, authors))
    .map(([start, end]) => ({ kind: 'optional-that', start, end, alternatives: ['', folding.text.slice(start, end)] }));
}

/**
 * Subject pronouns before which a reporting verb may gain a "that" ("said he would" / "said
 * that he would"); as relative pronouns too ("the reports they filed" / "the reports that they
 * filed"). Not "it", which may be the verb's object ("said it loudly"), nor "there" ("the
 * reports there are").
 */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'we', 'i']);

/**
 * "said he" may gain a "that" where the master has none: after a reporting verb that follows a
 * word (not an inverted attribution, '…," said he'), before a subject pronoun and a word.
 * Folding drops the "that" again (see fold.ts), so copies with and without it fold alike.
 */
function addedThatSlots(folding: Folding, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  const raw = folding.raw;
  return raw.flatMap((verb, i): SlotDraft[] => {
    const [before, pronoun, next] = [raw[i - 1], raw[i + 1], raw[i + 2]];
    if (!REPORTING_VERBS.has(verb.norm) || !before?.isWord || !pronoun || !SUBJECT_PRONOUNS.has(pronoun.norm) || !next?.isWord) return [];
    if (folding.text.slice(verb.end, pronoun.start) !== ' ' || folding.text.slice(pronoun.end, next.start) !== ' ') return [];
    if (overlapsAny(verb.start, next.end, guard.hard) || touchesAny(verb.start, next.end, authors)) return [];
    const that = /^\p{Lu}+$/u.test(folding.text.slice(verb.start, verb.end)) ? ' THAT' : ' that';
    return [{ kind: 'optional-that', start: verb.end, end: verb.end, alternatives: ['', that] }];
  });
}

/**
 * Plain spaces between tokens, away from protected spans. A gap may sit next to a slot on
 * tokens, but not on or next to another gap slot (a serial comma or an optional "that"
 * reads its own gap) or an author alternative.
 */
function invisibleSlots(folding: Folding, text: string, guard: ProtectedSpans, onTokens: readonly Span[], gaps: readonly Span[]): SlotDraft[] {
  const slots: SlotDraft[] = [];
  // Not even next to a marking or a quotation: a parser of portion marks may expect a plain space.
  const near = [...guard.hard, ...gaps];
  for (let i = 1; i < folding.tokens.length; i++) {
    const [left, right] = [folding.tokens[i - 1], folding.tokens[i]];
    if (!left || !right || text.slice(left.end, right.start) !== ' ') continue;
    if (overlapsAny(left.end, right.start, guard.estimative) || overlapsAny(left.end, right.start, guard.names) || overlapsAny(left.end, right.start, onTokens) || touchesAny(left.end, right.start, near)) continue;
    slots.push({ kind: 'invisible', start: left.end, end: right.start, alternatives: INVISIBLE_ALTERNATIVES });
  }
  return slots;
}

/**
 * Contractions vary only in a master that contracts somewhere itself (outside quotations, which
 * are never slots). A formal report that always writes "did not" keeps it in every copy: one
 * copy's lone "didn't" would read as another hand, and tell a careful reader that the copies
 * differ. Where the writer already mixes the two, a copy that contracts one more stands out no more
 * than the master does.
 */
function inTheMastersRegister(text: string, drafts: readonly SlotDraft[]): readonly SlotDraft[] {
  // Form 0 is the written-out one: a later form found in the master is a contraction it wrote.
  const contracts = drafts.some((d) => d.kind === 'contraction' && d.alternatives.indexOf(text.slice(d.start, d.end)) > 0);
  return contracts ? drafts : drafts.filter((d) => d.kind !== 'contraction');
}

function toMasterSlots(drafts: readonly SlotDraft[], plain: PlainMaster): SlotDraft[] {
  return drafts.map((d) => ({ ...d, start: plain.toMaster(d.start), end: plain.toMaster(d.end) }));
}

function authorSlots(authors: readonly AuthorAlternative[]): SlotDraft[] {
  const kind: SlotKind = 'author';
  return authors.map((a) => ({ kind, start: a.start, end: a.end, alternatives: a.options }));
}

/** Slots in master order, numbered from 0. */
export function findSlots(master: string, lexicon: Lexicon, options: FindSlotsOptions = {}): Slot[] {
  const authors = parseAuthorAlternatives(master);
  const plain = plainMaster(master, authors);
  const table = foldingTableWith(lexicon, authorSlots(authors).map((a) => ({ kind: 'author', forms: a.alternatives })));
  const folding = fold(plain.text, table);
  const guard = findProtectedSpans(plain.text);
  const visible = inTheMastersRegister(plain.text, [
    ...phraseSlots(folding, table, plain.text, guard, plain.authorOutputs),
    ...serialCommaSlots(folding, table, guard, plain.authorOutputs),
    ...optionalThatSlots(folding, guard, plain.authorOutputs),
    ...addedThatSlots(folding, guard, plain.authorOutputs),
    ...clauseAndIntroductoryCommaSlots(folding, table, guard, plain.authorOutputs),
    ...quotationSlots(plain.text, guard, plain.authorOutputs),
  ]);
  const spanOf = (s: SlotDraft): Span => [s.start, s.end];
  const onTokens = visible.filter((s) => !isGapSlot({ id: 0, ...s })).map(spanOf);
  const gaps = [...visible.filter((s) => isGapSlot({ id: 0, ...s })).map(spanOf), ...plain.authorOutputs];
  const hidden = options.invisible === false ? [] : invisibleSlots(folding, plain.text, guard, onTokens, gaps);
  const drafts = [...toMasterSlots([...visible, ...hidden], plain), ...authorSlots(authors)];
  return drafts
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((d, id) => Object.freeze({ id, ...d }));
}
