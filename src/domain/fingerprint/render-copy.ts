/**
 * Renders a copy: the master text with each slot replaced by the alternative its codeword
 * chooses. Everything outside the slots is copied unchanged, so protected spans (markings,
 * quotations, names, numbers, estimative language) come out exactly as written.
 */
import { FingerprintError } from './fingerprint-error.ts';
import type { Codeword, Slot } from './slot.ts';
import type { Span } from './spans.ts';

export interface RenderedCopy {
  readonly text: string;
  /** Where each slot's alternative landed in `text`, indexed by slot id. */
  readonly spans: readonly Span[];
}

function checkCodeword(slots: readonly Slot[], codeword: Codeword): void {
  if (codeword.length !== slots.length) {
    throw new FingerprintError('BAD_CODEWORD', `codeword has ${codeword.length} symbols for ${slots.length} slots`);
  }
  slots.forEach((slot, i) => {
    const symbol = codeword[slot.id];
    if (slot.id !== i) throw new FingerprintError('BAD_CODEWORD', `slot ${i} has id ${slot.id}: slots must be in id order`);
    if (symbol === undefined || !Number.isInteger(symbol) || symbol < 0 || symbol >= slot.alternatives.length) {
      throw new FingerprintError('BAD_CODEWORD', `symbol ${String(symbol)} at slot ${slot.id} is not one of its ${slot.alternatives.length} alternatives`);
    }
    if (i > 0 && (slots[i - 1]?.end ?? 0) > slot.start) {
      throw new FingerprintError('BAD_CODEWORD', `slot ${slot.id} overlaps the slot before it`);
    }
  });
}

/** The copy and where each slot's alternative sits in it. */
export function renderCopyWithSpans(master: string, slots: readonly Slot[], codeword: Codeword): RenderedCopy {
  checkCodeword(slots, codeword);
  let text = '';
  let at = 0;
  const spans: Span[] = [];
  for (const slot of slots) {
    text += master.slice(at, slot.start);
    const chosen = slot.alternatives[codeword[slot.id] ?? 0] ?? '';
    spans.push([text.length, text.length + chosen.length]);
    text += chosen;
    at = slot.end;
  }
  return { text: text + master.slice(at), spans };
}

/**
 * The text of one copy, exact and deterministic (`copy show` prints it byte for byte).
 *
 * @example
 * renderCopy('We {began|started} the analysis.', findSlots(...), [1, 0, ...]) // 'We started the analysis.'
 */
export function renderCopy(master: string, slots: readonly Slot[], codeword: Codeword): string {
  return renderCopyWithSpans(master, slots, codeword).text;
}

/** The copy every slot at its canonical alternative: what the decoder aligns against. */
export function renderCanonicalCopy(master: string, slots: readonly Slot[]): RenderedCopy {
  return renderCopyWithSpans(master, slots, slots.map(() => 0));
}
