/**
 * What happens to a printed page on its way to a leak: it is photographed or scanned a little
 * askew, at some other size, under uneven light, with sensor noise, and saved as a JPEG.
 * Used by the tests and by bench/print-mark.bench.ts; randomness comes from a seeded generator.
 */
import sharp from 'sharp';
import type { Random } from '../../src/domain/random.ts';

export interface Degradation {
  /** Degrees, counter-clockwise positive. */
  readonly rotate: number;
  readonly scale: number;
  readonly jpegQuality: number;
  /** Standard deviation of the added Gaussian noise, in grey levels. */
  readonly noise: number;
  /** Darkening of the far corner, 0 = even light. */
  readonly shadow: number;
}

export const clean: Degradation = { rotate: 0, scale: 1, jpegQuality: 0, noise: 0, shadow: 0 };

/** A degradation drawn from the ranges a leak investigator meets. */
export function randomDegradation(random: Random, maxRotate = 3): Degradation {
  return {
    rotate: (random.next() * 2 - 1) * maxRotate,
    scale: 0.8 + random.next() * 0.4,
    jpegQuality: 60,
    noise: 4 + random.next() * 6,
    shadow: random.next() * 0.3,
  };
}

export async function degrade(png: Uint8Array, how: Degradation, random: Random): Promise<Uint8Array> {
  const meta = await sharp(png).metadata();
  const width = Math.round((meta.width ?? 1) * how.scale);
  const height = Math.round((meta.height ?? 1) * how.scale);
  const { data, info } = await sharp(png).greyscale().resize(width, height)
    .rotate(-how.rotate, { background: '#ffffff' }).flatten({ background: '#ffffff' }).greyscale().raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(info.width * info.height);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = y * info.width + x;
      const light = 1 - how.shadow * ((x / info.width + y / info.height) / 2);
      pixels[i] = clamp((data[i * info.channels] ?? 255) * light + gaussian(random) * how.noise);
    }
  }
  const image = sharp(pixels, { raw: { width: info.width, height: info.height, channels: 1 } });
  return new Uint8Array(how.jpegQuality > 0 ? await image.jpeg({ quality: how.jpegQuality }).toBuffer() : await image.png().toBuffer());
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

function gaussian(random: Random): number {
  const u = Math.max(1e-12, random.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}
