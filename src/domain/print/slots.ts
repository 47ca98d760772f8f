/**
 * Where a page carries mark bits (Brassil et al. 1995, §III):
 * - line-shift coding: every other body line is moved up or down by a fraction of a point, and
 *   the unmoved lines above and below it are its controls, so the decoder compares the two
 *   distances to its neighbours and needs no absolute position;
 * - word-shift coding: a body line's words are cut into groups; the odd groups move left or
 *   right, the even ones stay put as controls, and the decoder compares the two gaps around a
 *   moved group.
 * Both are differential, so a page that was scaled, reprinted or photographed still decodes.
 */
import type { PageLayout } from './layout.ts';

export type Slot =
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'word'; readonly line: number; readonly from: number; readonly to: number };

/** Shift sizes in points: small next to the 16 pt leading and the 3.5 pt word space. */
export const lineShift = 0.45;
export const wordShift = 0.6;

export function pageSlots(layout: PageLayout): Slot[] {
  const body = layout.lines.flatMap((line, index) => (line.role === 'body' ? [index] : []));
  const slots: Slot[] = [];
  body.forEach((line, j) => {
    if (j % 2 === 1 && j < body.length - 1) slots.push({ kind: 'line', line });
    for (const [from, to] of shiftedGroups(layout.lines[line]?.words.length ?? 0)) slots.push({ kind: 'word', line, from, to });
  });
  return slots;
}

/** The moved word groups [from, to) of a line of `n` words: two in a long line, one in a short. */
export function shiftedGroups(n: number): Array<[number, number]> {
  const groups = n >= 10 ? 5 : n >= 5 ? 3 : 0;
  const cut = (k: number): number => Math.round((n * k) / groups);
  const shifted: Array<[number, number]> = [];
  for (let g = 1; g < groups; g += 2) shifted.push([cut(g), cut(g + 1)]);
  return shifted;
}
