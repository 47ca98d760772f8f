/**
 * Reads the mark off a measured page by comparing it with the master layout (Brassil et al.
 * 1995, §IV: decoding compares the suspect copy with the original). Everything is normalised by
 * the page's own geometry: a least-squares fit of the measured line positions to the master's
 * gives the scale (pixels per point) and offset, so a page printed, photographed or scanned at
 * any size reads alike; and every bit is a difference between neighbours (two distances for a
 * line, two gaps for a word group), so the offset and any slow distortion cancel.
 */
import type { LayoutLine, PageLayout, PrintLayout } from './layout.ts';
import type { MeasuredLine, PageMeasurement } from './measurement.ts';
import type { Slot } from './slots.ts';
import { lineShift, pageSlots, wordShift } from './slots.ts';

export interface PageMatch {
  /** 1-based page number in the master layout. */
  readonly page: number;
  /** measured line i is master line i + offset. */
  readonly offset: number;
  /** Pixels per point, and the measured y of master y = 0. */
  readonly scale: number;
  readonly origin: number;
  /** How well the line positions and lengths fit, in points (RMS); small is good. */
  readonly misfit: number;
}

/** Soft readings beyond this many shift-units are measurement failures, not stronger bits. */
const clip = 2.5;
/** A page whose lines fit the master worse than this (points RMS) is not that page. */
export const maxMisfit = 2.5;

/** The master page (and line alignment) that the measured page fits best, if any fits. */
export function matchPage(measure: PageMeasurement, master: PrintLayout): PageMatch | undefined {
  let best: PageMatch | undefined;
  for (const page of master.pages) {
    const m = page.lines.length;
    const n = measure.lines.length;
    for (let offset = Math.min(0, m - n); offset <= Math.max(0, m - n); offset++) {
      const match = fitLines(measure.lines, page, offset);
      if (match && (!best || match.misfit < best.misfit)) best = match;
    }
  }
  return best && best.misfit <= maxMisfit ? best : undefined;
}

function pairsOf(lines: readonly MeasuredLine[], page: PageLayout, offset: number): Array<[MeasuredLine, LayoutLine]> {
  return lines.flatMap((line, i) => {
    const master = page.lines[i + offset];
    return master ? [[line, master] as [MeasuredLine, LayoutLine]] : [];
  });
}

function fitLines(lines: readonly MeasuredLine[], page: PageLayout, offset: number): PageMatch | undefined {
  const pairs = pairsOf(lines, page, offset);
  if (pairs.length < Math.max(4, 0.8 * Math.min(lines.length, page.lines.length))) return undefined;
  const { slope: scale, intercept: origin } = leastSquares(pairs.map(([, l]) => l.center), pairs.map(([m]) => m.center));
  if (!(scale > 0.5 && scale < 12)) return undefined;
  let yError = 0;
  let widthError = 0;
  for (const [measured, line] of pairs) {
    yError += ((measured.center - origin - scale * line.center) / scale) ** 2;
    widthError += ((measured.right - measured.left) / scale - lineInkWidth(line)) ** 2;
  }
  const misfit = Math.sqrt(yError / pairs.length) + 0.25 * Math.sqrt(widthError / pairs.length);
  return { page: page.number, offset, scale, origin, misfit };
}

function lineInkWidth(line: LayoutLine): number {
  const first = line.words[0];
  const last = line.words.at(-1);
  return first && last ? last.inkRight - first.inkLeft : 0;
}

function leastSquares(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * ((y[i] ?? 0) - my);
    sxx += (xi - mx) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

/**
 * One soft reading per slot of the master page: about +1 for a bit 1, -1 for a bit 0, NaN where
 * the slot could not be read (a line or gap not found).
 */
export function readSlots(measure: PageMeasurement, master: PageLayout, match: PageMatch): number[] {
  const measuredOf = (lineIndex: number): MeasuredLine | undefined => measure.lines[lineIndex - match.offset];
  return pageSlots(master).map((slot) => {
    const value = slot.kind === 'line' ? readLineSlot(slot, master, match, measuredOf) : readWordSlot(slot, master, match, measuredOf);
    return Number.isFinite(value) ? Math.max(-clip, Math.min(clip, value)) : Number.NaN;
  });
}

/** Line shift: how far the line sits from the midpoint of its two unmoved neighbours. */
function readLineSlot(slot: Slot, master: PageLayout, match: PageMatch, measuredOf: (i: number) => MeasuredLine | undefined): number {
  const residual = (i: number): number => {
    const measured = measuredOf(i);
    const line = master.lines[i];
    return measured && line ? (measured.center - match.origin - match.scale * line.center) / match.scale : Number.NaN;
  };
  const own = residual(slot.line);
  const above = residual(previousBody(master, slot.line, -1));
  const below = residual(previousBody(master, slot.line, 1));
  return (own - (above + below) / 2) / lineShift;
}

function previousBody(master: PageLayout, line: number, step: number): number {
  let i = line + step;
  while (i >= 0 && i < master.lines.length && master.lines[i]?.role !== 'body') i += step;
  return i;
}

/** Word shift: the gap before a moved group grows as the gap after it shrinks. */
function readWordSlot(slot: Slot, master: PageLayout, match: PageMatch, measuredOf: (i: number) => MeasuredLine | undefined): number {
  if (slot.kind !== 'word') return Number.NaN;
  const measured = measuredOf(slot.line);
  const line = master.lines[slot.line];
  const first = line?.words[0];
  if (!measured || !line || !first) return Number.NaN;
  // Where the line's first (unmoved) word begins fixes the line's horizontal offset.
  const toPixels = (x: number): number => measured.left + match.scale * (x - first.inkLeft);
  const before = gapAround(measured, line, slot.from, toPixels, match.scale);
  const after = gapAround(measured, line, slot.to, toPixels, match.scale);
  if (!before || !after) return Number.NaN;
  const measuredDifference = (before.measured - after.measured) / match.scale;
  return (measuredDifference - (before.master - after.master)) / (2 * wordShift);
}

/** The gap before word `k` of a line, measured in pixels, with its master width in points. */
function gapAround(
  measured: MeasuredLine, line: LayoutLine, k: number, toPixels: (x: number) => number, scale: number,
): { measured: number; master: number } | undefined {
  const left = line.words[k - 1];
  const right = line.words[k];
  if (!left || !right) return undefined;
  const master = right.inkLeft - left.inkRight;
  const center = toPixels((left.inkRight + right.inkLeft) / 2) - measured.profileStart - 0.5;
  const width = findGap(measured.profile, center, scale * (master / 2 + 1.5), gapThreshold(measured));
  return width === undefined ? undefined : { measured: width, master };
}

/** Column ink below which a column is taken for white space between words. */
function gapThreshold(line: MeasuredLine): number {
  return Math.max(0.3, 0.04 * (line.bottom - line.top));
}

/** Width of the empty run of columns nearest `center` within ±`reach`, to a fraction of a column. */
export function findGap(profile: Float64Array, center: number, reach: number, threshold: number): number | undefined {
  const from = Math.max(1, Math.floor(center - reach));
  const to = Math.min(profile.length - 2, Math.ceil(center + reach));
  let best: [number, number] | undefined;
  let bestDistance = Infinity;
  let i = from;
  while (i <= to) {
    if ((profile[i] ?? 0) >= threshold) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && (profile[start - 1] ?? 0) < threshold) start--;
    let end = i;
    while (end < profile.length - 1 && (profile[end + 1] ?? 0) < threshold) end++;
    const distance = Math.abs((start + end) / 2 - center);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [start, end];
    }
    i = end + 1;
  }
  if (!best || best[0] === 0 || best[1] >= profile.length - 1) return undefined;
  const leftEdge = edge(profile, best[0] - 1, best[0], threshold);
  const rightEdge = edge(profile, best[1] + 1, best[1], threshold);
  return rightEdge - leftEdge;
}

function edge(profile: Float64Array, inked: number, empty: number, threshold: number): number {
  const a = profile[inked] ?? 0;
  const b = profile[empty] ?? 0;
  const t = a === b ? 0 : (a - threshold) / (a - b);
  return inked + (empty - inked) * Math.min(1, Math.max(0, t));
}
