/**
 * Measures the text lines of a page image in deskewed coordinates: where each line lies (the
 * middle of its dense ink band, to a fraction of a pixel) and how its ink is spread across the
 * columns (for the word gaps). The rotation is applied to coordinates, not by resampling the
 * image, so no interpolation blurs the fraction-of-a-pixel shifts being measured.
 */
import type { MeasuredLine, PageMeasurement } from '../../domain/print/measurement.ts';
import { estimateSkew } from './deskew.ts';
import type { GrayImage } from './gray-image.ts';
import { extractInk } from './ink.ts';
import type { InkPixels } from './ink.ts';

interface Rotated { readonly x: Float64Array; readonly y: Float64Array; readonly w: Float64Array; readonly width: number; readonly height: number }

export function measurePage(image: GrayImage): PageMeasurement {
  const ink = extractInk(image);
  const skewDegrees = ink.count > 0 ? estimateSkew(ink) : 0;
  const rotated = rotate(ink, skewDegrees, image);
  const rows = accumulate(rotated.y, rotated.w, rotated.height);
  const runs = lineRuns(rows);
  return { width: rotated.width, height: rotated.height, skewDegrees, lines: measureRuns(rotated, rows, runs) };
}

/** Coordinates rotated by -skew about the origin, shifted so that all are non-negative. */
function rotate(ink: InkPixels, degrees: number, image: GrayImage): Rotated {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const pad = Math.ceil(Math.abs(sin) * Math.max(image.width, image.height)) + 2;
  const x = new Float64Array(ink.count);
  const y = new Float64Array(ink.count);
  for (let i = 0; i < ink.count; i++) {
    const px = (ink.x[i] ?? 0) + 0.5;
    const py = (ink.y[i] ?? 0) + 0.5;
    x[i] = px * cos + py * sin + pad;
    y[i] = py * cos - px * sin + pad;
  }
  return { x, y, w: ink.weight, width: image.width + 2 * pad, height: image.height + 2 * pad };
}

/** A profile with 1-pixel bins, each sample split linearly between its two nearest bins. */
function accumulate(position: Float64Array, weight: Float64Array, length: number, indices?: readonly number[]): Float64Array {
  const bins = new Float64Array(length + 2);
  const add = (i: number): void => {
    const p = (position[i] ?? 0) - 0.5;
    const k = Math.floor(p);
    const t = p - k;
    const w = weight[i] ?? 0;
    if (k >= 0 && k < bins.length) bins[k] = (bins[k] ?? 0) + w * (1 - t);
    if (k + 1 >= 0 && k + 1 < bins.length) bins[k + 1] = (bins[k + 1] ?? 0) + w * t;
  };
  if (indices) for (const i of indices) add(i);
  else for (let i = 0; i < position.length; i++) add(i);
  return bins;
}

/** Runs of rows holding ink: text lines, with specks (too thin to be a line) dropped. */
function lineRuns(rows: Float64Array): Array<[number, number]> {
  const floor = Math.max(0.5, 0.02 * quantile(rows.filter((v) => v > 0), 0.9));
  const runs: Array<[number, number]> = [];
  let start = -1;
  rows.forEach((value, i) => {
    if (value > floor && start < 0) start = i;
    if (value <= floor && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) runs.push([start, rows.length]);
  const typical = quantile(runs.map(([a, b]) => b - a), 0.5);
  return runs.filter(([a, b]) => b - a >= 0.4 * typical);
}

function measureRuns(rotated: Rotated, rows: Float64Array, runs: ReadonlyArray<[number, number]>): MeasuredLine[] {
  const members: number[][] = runs.map(() => []);
  const starts = runs.map(([a]) => a);
  for (let i = 0; i < rotated.y.length; i++) {
    const y = rotated.y[i] ?? 0;
    const r = lastAtOrBelow(starts, y);
    const run = runs[r];
    if (run && y < run[1] + 1) members[r]?.push(i);
  }
  return runs.map(([top, bottom], r) => {
    const profile = accumulate(rotated.x, rotated.w, rotated.width, members[r]);
    const [left, right] = inkExtent(profile);
    const start = Math.max(0, left - 2);
    return {
      top, bottom, center: bandCenter(rows, top, bottom), left, right,
      mass: rows.slice(top, bottom).reduce((s, v) => s + v, 0),
      profileStart: start, profile: profile.slice(start, right + 3),
    };
  });
}

/**
 * The middle of the line's dense band: half-maximum crossings of the row profile, interpolated
 * between rows. For mixed-case text that is the x-height band, whose middle sits at a fixed
 * height above the baseline whatever the words, which the layout knows from the font.
 */
function bandCenter(rows: Float64Array, top: number, bottom: number): number {
  let peak = 0;
  for (let i = top + 1; i < bottom - 1; i++) peak = Math.max(peak, ((rows[i - 1] ?? 0) + (rows[i] ?? 0) + (rows[i + 1] ?? 0)) / 3);
  const half = peak / 2;
  let upper = top;
  for (let i = top; i < bottom; i++) {
    if ((rows[i] ?? 0) >= half) {
      upper = crossing(rows, i - 1, i, half);
      break;
    }
  }
  let lower = bottom;
  for (let i = bottom - 1; i >= top; i--) {
    if ((rows[i] ?? 0) >= half) {
      lower = crossing(rows, i + 1, i, half);
      break;
    }
  }
  // Bin k holds ink centred on k + 0.5.
  return (upper + lower) / 2 + 0.5;
}

/** Where the profile crosses `level` between bins `outside` and `inside`. */
function crossing(profile: Float64Array, outside: number, inside: number, level: number): number {
  const a = profile[outside] ?? 0;
  const b = profile[inside] ?? 0;
  const t = b === a ? 0 : (level - a) / (b - a);
  return outside + (inside - outside) * Math.min(1, Math.max(0, t));
}

function inkExtent(profile: Float64Array): [number, number] {
  let left = 0;
  while (left < profile.length && (profile[left] ?? 0) < 0.5) left++;
  let right = profile.length - 1;
  while (right > left && (profile[right] ?? 0) < 0.5) right--;
  return [left, right];
}

function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
