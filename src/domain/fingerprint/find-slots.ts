/**
 * Finds the slots of a master text: its author alternatives, every place where a curated or
 * dictionary alternative occurs outside the protected spans, the serial commas of lists, and
 * the word boundaries of the invisible layer. Deterministic: the same master and lexicon
 * always give the same slots, so slots can be recomputed rather than stored (store them
 * anyway with the code: a later lexicon may differ).
 */
import { parseAuthorAlternatives, type AuthorAlternative } from './author-alternatives.ts';
import { fold, matchForm, type FoldGroup, type Folding } from './fold.ts';
import { foldingTableWith, type FoldingTable } from './folding-table.ts';
import { INVISIBLE_ALTERNATIVES } from './invisible-layer.ts';
import type { Lexicon } from './lexicon.ts';
import { findProtectedSpans, type ProtectedSpans } from './protected-spans.ts';
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

function groupAllowed(group: FoldGroup, folding: Folding, table: FoldingTable, text: string, guard: ProtectedSpans): boolean {
  const phraseClass = table.classes[group.classIndex];
  if (group.kind === 'author' || overlapsAny(group.start, group.end, guard.hard)) return false;
  // Formats change how a date or number is written, never its value.
  if (group.kind === 'date-format') return true;
  if (overlapsAny(group.start, group.end, guard.estimative)) return false;
  if (group.kind !== 'number-format' && overlapsAny(group.start, group.end, guard.numbers)) return false;
  if (!phraseClass?.capitalised && overlapsAny(group.start, group.end, guard.names)) return false;
  if (phraseClass?.from && !phraseClass.from.includes(group.formIndex)) return false;
  const previous = folding.raw[group.firstRaw - 1];
  if (previous && phraseClass?.notAfter?.includes(previous.norm)) return false;
  if (phraseClass?.onlyAfter && !phraseClass.onlyAfter.includes(previous?.norm ?? '')) return false;
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

/** "said that the" may lose its "that": only where the master has it (one way, see fold.ts). */
function optionalThatSlots(folding: Folding, guard: ProtectedSpans, authors: readonly Span[]): SlotDraft[] {
  return folding.dropped
    .filter(([start, end]) => /^\s+that$/i.test(folding.text.slice(start, end)))
    .filter(([start, end]) => !overlapsAny(start, end, guard.hard) && !touchesAny(start, end, authors))
    .map(([start, end]) => ({ kind: 'optional-that', start, end, alternatives: ['', folding.text.slice(start, end)] }));
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
  const visible = [
    ...phraseSlots(folding, table, plain.text, guard, plain.authorOutputs),
    ...serialCommaSlots(folding, table, guard, plain.authorOutputs),
    ...optionalThatSlots(folding, guard, plain.authorOutputs),
  ];
  const spanOf = (s: SlotDraft): Span => [s.start, s.end];
  const onTokens = visible.filter((s) => !isGapSlot({ id: 0, ...s })).map(spanOf);
  const gaps = [...visible.filter((s) => isGapSlot({ id: 0, ...s })).map(spanOf), ...plain.authorOutputs];
  const hidden = options.invisible === false ? [] : invisibleSlots(folding, plain.text, guard, onTokens, gaps);
  const drafts = [...toMasterSlots([...visible, ...hidden], plain), ...authorSlots(authors)];
  return drafts
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((d, id) => Object.freeze({ id, ...d }));
}
