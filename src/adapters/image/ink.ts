/**
 * Ink on a page photographed under uneven light: each pixel's darkness is taken relative to the
 * local paper brightness (a smooth background estimated from the brightest pixels of coarse
 * blocks), so a shadow across the page does not read as ink and faint print still does.
 */
import type { GrayImage } from './gray-image.ts';

export interface InkPixels {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Darkness relative to the paper, 0..1. */
  readonly weight: Float64Array;
}

/** Darkness below which a pixel is paper (or noise), not ink. */
const inkThreshold = 0.3;
/** Share of a block's pixels assumed to be paper: its brightness is this quantile. */
const paperQuantile = 0.9;

export function extractInk(image: GrayImage): InkPixels {
  const { width, height, data } = image;
  const paper = paperBrightness(image);
  let capacity = 1 << 16;
  let x: Float64Array<ArrayBuffer> = new Float64Array(capacity);
  let y: Float64Array<ArrayBuffer> = new Float64Array(capacity);
  let weight: Float64Array<ArrayBuffer> = new Float64Array(capacity);
  let count = 0;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    for (let col = 0; col < width; col++) {
      const level = paper[base + col] ?? 255;
      const darkness = level > 0 ? (level - (data[base + col] ?? 255)) / level : 0;
      if (darkness <= inkThreshold) continue;
      if (count === capacity) {
        capacity *= 2;
        x = grow(x, capacity);
        y = grow(y, capacity);
        weight = grow(weight, capacity);
      }
      x[count] = col;
      y[count] = row;
      weight[count] = Math.min(1, darkness);
      count++;
    }
  }
  return { count, x: x.subarray(0, count), y: y.subarray(0, count), weight: weight.subarray(0, count) };
}

function grow(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(capacity);
  bigger.set(array);
  return bigger;
}

/** Paper brightness at every pixel: a bilinear interpolation of per-block brightness. */
function paperBrightness(image: GrayImage): Float32Array {
  const block = Math.max(16, Math.round(Math.min(image.width, image.height) / 40));
  const cols = Math.ceil(image.width / block);
  const rows = Math.ceil(image.height / block);
  const levels = new Float64Array(cols * rows);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) levels[by * cols + bx] = blockQuantile(image, bx * block, by * block, block);
  }
  const at = (bx: number, by: number): number => levels[by * cols + bx] ?? 255;
  const paper = new Float32Array(image.width * image.height);
  const rowLevels = new Float64Array(cols);
  for (let y = 0; y < image.height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, y / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const ty = fy - y0;
    for (let bx = 0; bx < cols; bx++) rowLevels[bx] = (1 - ty) * at(bx, y0) + ty * at(bx, y1);
    for (let x = 0; x < image.width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, x / block - 0.5));
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      paper[y * image.width + x] = (1 - tx) * (rowLevels[x0] ?? 255) + tx * (rowLevels[Math.min(cols - 1, x0 + 1)] ?? 255);
    }
  }
  return paper;
}

function blockQuantile(image: GrayImage, x0: number, y0: number, block: number): number {
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let y = y0; y < Math.min(image.height, y0 + block); y++) {
    for (let x = x0; x < Math.min(image.width, x0 + block); x++) {
      const level = image.data[y * image.width + x] ?? 255;
      histogram[level] = (histogram[level] ?? 0) + 1;
      n += 1;
    }
  }
  let seen = 0;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] ?? 0;
    if (seen >= n * paperQuantile) return level;
  }
  return 255;
}
