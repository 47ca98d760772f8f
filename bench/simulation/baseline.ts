/**
 * The baseline: what investigators do by hand. Take the products the article draws on, list
 * the people who held a copy of every one of them before publication, and rank them by
 * their most recent access before publication; ties (no access at all) in arbitrary order.
 */
import { gatherHoldings } from '../../src/app/investigate.ts';
import type { Holding } from '../../src/domain/investigate/input.ts';
import type { Random } from '../../src/domain/random.ts';
import type { Engine } from '../../src/store/engine.ts';
import { shuffle } from './pick.ts';

const reading = new Set(['opened', 'printed', 'downloaded', 'copied', 'forwarded', 'shared', 'briefed']);

/** People who held every product, most recent access first. */
export function intersectionRanking(random: Random, holdings: readonly Holding[], products: readonly string[]): string[] {
  const held = new Map<string, Set<string>>();
  const lastAccess = new Map<string, string>();
  for (const h of holdings) {
    const person = h.recipient.id;
    held.set(person, (held.get(person) ?? new Set()).add(h.copy.productId));
    for (const e of h.events) if (reading.has(e.action) && e.at > (lastAccess.get(person) ?? '')) lastAccess.set(person, e.at);
  }
  const everyProduct = [...held].filter(([, p]) => products.every((id) => p.has(id))).map(([person]) => person);
  // Shuffled first so the stable sort leaves ties in an arbitrary (seeded) order, as a by-hand list would be.
  return shuffle(random, everyProduct).sort((a, b) => (lastAccess.get(b) ?? '').localeCompare(lastAccess.get(a) ?? ''));
}

export async function baselineRanking(random: Random, engine: Engine, products: readonly string[], published: string): Promise<string[]> {
  if (products.length === 0) return [];
  return intersectionRanking(random, await gatherHoldings(engine, products, published), products);
}
