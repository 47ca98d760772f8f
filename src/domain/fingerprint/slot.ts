/**
 * A slot is one place in a product's master text where copies may differ, with the
 * alternatives that mean the same thing. `alternatives[0]` is the canonical form: the one
 * `canonicalText` folds every other alternative to.
 */
export type SlotKind =
  | 'author'
  | 'spelling'
  | 'compound'
  | 'number-format'
  | 'date-format'
  | 'serial-comma'
  | 'clause-comma'
  | 'introductory-comma'
  | 'optional-that'
  | 'typography'
  | 'quotation-marks'
  | 'spelled-number'
  | 'abbreviation'
  | 'initialism'
  | 'contraction'
  | 'synonym'
  | 'title'
  | 'invisible';

export interface Slot {
  /** Index of the slot in master order; the codeword's symbol for it is `codeword[id]`. */
  readonly id: number;
  readonly kind: SlotKind;
  /** `[start, end)` UTF-16 offsets into the master text that the chosen alternative replaces. */
  readonly start: number;
  readonly end: number;
  readonly alternatives: readonly string[];
}

/** One copy's choices: the index of the alternative used at every slot. */
export type Codeword = readonly number[];

/** Whether a slot is part of the invisible layer (Unicode spacing marks). */
export function isInvisible(slot: Slot): boolean {
  return slot.kind === 'invisible';
}

const GAP_KINDS: ReadonlySet<SlotKind> = new Set<SlotKind>(['invisible', 'serial-comma', 'clause-comma', 'introductory-comma', 'optional-that']);

/** Slots that sit between two tokens rather than on tokens of their own. */
export function isGapSlot(slot: Slot): boolean {
  return GAP_KINDS.has(slot.kind);
}
