/** Seeded choices (createRandom): every draw of the simulation goes through one of these. */
import type { Random } from '../../src/domain/random.ts';

export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` distinct items (fewer if there are not enough). */
export const sample = <T>(random: Random, items: readonly T[], count: number): T[] => shuffle(random, items).slice(0, count);

export function pickOne<T>(random: Random, items: readonly T[]): T {
  const item = items[random.int(items.length)];
  if (item === undefined) throw new Error('pickOne: no items to choose from');
  return item;
}

export const chance = (random: Random, p: number): boolean => random.next() < p;

/** An integer uniform in [low, high]. */
export const between = (random: Random, low: number, high: number): number => low + random.int(high - low + 1);
