/**
 * A large, valid bundle for benchmarks and the killed-import test: `people` people in 10
 * agencies, `products` products each disseminated to 10 people, and `events` handling events
 * on those copies. Seeded, so every run imports the same records.
 */
import type { Bundle } from '../src/app/bundle-schema.ts';
import { createRandom } from '../src/domain/random.ts';

export function generateBundle(options: { people?: number; products?: number; events: number; seed?: string }): Bundle {
  const random = createRandom(options.seed ?? 'bench-bundle');
  const peopleCount = options.people ?? 1000;
  const productCount = options.products ?? 1000;
  const agencies = Array.from({ length: 10 }, (_, i) => ({ id: `AG${i}`, name: `Agency ${i}`, country: 'CAN' }));
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    id: `p${i}`, name: `Person ${i}`, agency: `AG${i % 10}`, clearance: 'TOP SECRET', compartments: [], active: true,
  }));
  const base = Date.UTC(2022, 0, 1);
  const products = Array.from({ length: productCount }, (_, i) => ({
    id: `P-${i}`, title: `Product ${i}`, marking: 'SECRET', created: new Date(base + i * 60_000).toISOString(), originator: 'CSIS',
    body: `(S) Paragraph one of product ${i}.\n\n(S) Paragraph two of product ${i}.`, tearlines: [],
  }));
  const recipientsOf = products.map(() => Array.from({ length: 10 }, () => `p${random.int(peopleCount)}`)).map((r) => [...new Set(r)]);
  const disseminations = products.map((p, i) => ({
    product: p.id, recipients: recipientsOf[i]!, at: new Date(base + i * 60_000 + 3_600_000).toISOString(), channel: 'electronic' as const,
  }));
  const actions = ['opened', 'opened', 'opened', 'printed', 'downloaded', 'destroyed'] as const;
  const events = Array.from({ length: options.events }, (_, i) => {
    const p = random.int(productCount);
    const recipients = recipientsOf[p]!;
    const recipient = recipients[random.int(recipients.length)]!;
    return {
      product: `P-${p}`, recipient, action: actions[random.int(actions.length)]!,
      at: new Date(base + p * 60_000 + 7_200_000 + i * 1000).toISOString(), id: `e${i}`,
    };
  });
  return { agencies, people, products, disseminations, events };
}
