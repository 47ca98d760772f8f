/**
 * Skew estimation: the rotation at which the page's ink, projected onto the vertical axis,
 * is most sharply concentrated into text lines, i.e. the projection profile with the largest
 * variance (the classic projection-profile method; Postl 1986, Baird 1987). Searched over ±5°,
 * coarse then fine.
 */
import type { InkPixels } from './ink.ts';

export const maxSkewDegrees = 5;

/** The angle in degrees by which to rotate coordinates so the text lines lie level. */
export function estimateSkew(ink: InkPixels): number {
  const stride = Math.max(1, Math.floor(ink.count / 150_000));
  const reach = extent(ink);
  let best = bestAngle(ink, stride, reach, -maxSkewDegrees, maxSkewDegrees, 0.25, 2);
  best = bestAngle(ink, stride, reach, best - 0.25, best + 0.25, 0.05, 1);
  return bestAngle(ink, stride, reach, best - 0.05, best + 0.05, 0.01, 1);
}

function bestAngle(ink: InkPixels, stride: number, reach: number, from: number, to: number, step: number, bin: number): number {
  let best = from;
  let bestScore = -Infinity;
  for (let angle = from; angle <= to + 1e-9; angle += step) {
    const score = profileEnergy(ink, stride, reach, angle, bin);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return best;
}

/** Sum of squares of the profile: for a fixed total, the larger the more peaked. */
function profileEnergy(ink: InkPixels, stride: number, reach: number, degrees: number, bin: number): number {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const bins = new Float64Array(Math.ceil((2 * reach) / bin) + 2);
  for (let i = 0; i < ink.count; i += stride) {
    const y = (ink.y[i] ?? 0) * cos - (ink.x[i] ?? 0) * sin + reach;
    const key = Math.floor(y / bin);
    bins[key] = (bins[key] ?? 0) + (ink.weight[i] ?? 0);
  }
  let energy = 0;
  for (const value of bins) energy += value * value;
  return energy;
}

/** A bound on |x| + |y| over the ink, so every rotated coordinate fits in the profile. */
function extent(ink: InkPixels): number {
  let reach = 1;
  for (let i = 0; i < ink.count; i++) reach = Math.max(reach, (ink.x[i] ?? 0) + (ink.y[i] ?? 0));
  return reach;
}
