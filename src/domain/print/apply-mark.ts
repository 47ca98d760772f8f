/** Moves the lines and word groups of a master page layout as a copy's mark bits say. */
import type { LayoutLine, PageLayout, PrintLayout } from './layout.ts';
import { codewordOf, interleaverOf, slotBits } from './mark-code.ts';
import type { Slot } from './slots.ts';
import { lineShift, pageSlots, wordShift } from './slots.ts';

/** The layout of copy `serial` of `productId`: the master with every page carrying the mark. */
export function markLayout(master: PrintLayout, productId: string, serial: number): PrintLayout {
  const codeword = codewordOf(productId, serial);
  const order = interleaverOf(productId);
  return {
    pages: master.pages.map((page) => {
      const slots = pageSlots(page);
      return markPage(page, slots, slotBits(codeword, order, slots.length));
    }),
  };
}

/** Applies one bit per slot: 1 moves a line down or a group right, 0 up or left. */
export function markPage(page: PageLayout, slots: readonly Slot[], bits: readonly boolean[]): PageLayout {
  const lines = [...page.lines];
  slots.forEach((slot, i) => {
    const line = lines[slot.line];
    if (line) lines[slot.line] = shiftLine(line, slot, bits[i] === true ? 1 : -1);
  });
  return { ...page, lines };
}

function shiftLine(line: LayoutLine, slot: Slot, sign: number): LayoutLine {
  if (slot.kind === 'line') {
    const dy = sign * lineShift;
    return { ...line, baseline: line.baseline + dy, center: line.center + dy };
  }
  const dx = sign * wordShift;
  return {
    ...line,
    words: line.words.map((w, k) => (k >= slot.from && k < slot.to ? { ...w, x: w.x + dx, inkLeft: w.inkLeft + dx, inkRight: w.inkRight + dx } : w)),
  };
}
