/**
 * The simulated government: agencies of uneven size, people with clearances and compartments,
 * and products over two years, each sent to a distribution list of 5 to 200 cleared people
 * (most lists short, a few long), a few of them on paper.
 */
import type { Bundle } from '../../src/app/bundle-schema.ts';
import type { Random } from '../../src/domain/random.ts';
import type { SimulationOptions } from './options.ts';
import { between, chance, pickOne, sample } from './pick.ts';
import type { ProsePool, ProseSentence } from './prose-pool.ts';
import { dayMs, end, hourMs, iso, start } from './time.ts';
import { wordsOf } from './sentences.ts';

type PersonRow = Bundle['people'][number];
type ProductRow = Bundle['products'][number];

export interface SimProduct {
  readonly row: ProductRow;
  readonly createdMs: number;
  /** 300–1,500 words: an assessment a journalist would draw on (the others are short spot reports). */
  readonly long: boolean;
  readonly sentences: readonly ProseSentence[];
}

export interface SimCopy {
  readonly product: string;
  readonly person: string;
  readonly channel: 'electronic' | 'paper';
  readonly issuedMs: number;
}

export interface World {
  readonly agencies: Bundle['agencies'];
  readonly people: readonly PersonRow[];
  readonly products: readonly SimProduct[];
  readonly copies: readonly SimCopy[];
}

const markings = [
  { banner: 'SECRET', portion: '(S)', level: 1, si: false },
  { banner: 'TOP SECRET', portion: '(TS)', level: 2, si: false },
  { banner: 'TOP SECRET//SI', portion: '(TS//SI)', level: 2, si: true },
] as const;
type Marking = (typeof markings)[number];

function buildPeople(random: Random, options: SimulationOptions): { agencies: Bundle['agencies']; people: PersonRow[] } {
  const agencies = Array.from({ length: options.agencies }, (_, i) => ({ id: `AG${String(i + 1).padStart(2, '0')}`, name: `Agency ${i + 1}`, country: 'CAN' }));
  // Agency sizes fall off like a Zipf law: a few large departments, many small ones.
  const weights = agencies.map((_, i) => 1 / (i + 1) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const people: PersonRow[] = [];
  for (let n = 0; n < options.people; n++) {
    let u = random.next() * total;
    let a = 0;
    while (a < agencies.length - 1 && (u -= weights[a]!) > 0) a++;
    const topSecret = chance(random, 0.6);
    people.push({
      id: `p${String(n + 1).padStart(4, '0')}`, name: `Person ${n + 1}`, agency: agencies[a]!.id,
      clearance: topSecret ? 'TOP SECRET' : 'SECRET', compartments: topSecret && chance(random, 0.35) ? ['SI'] : [], active: true,
    });
  }
  return { agencies, people };
}

const mayRead = (p: PersonRow, m: Marking): boolean => (p.clearance === 'TOP SECRET' ? 2 : 1) >= m.level && (!m.si || p.compartments.includes('SI'));

/** The pool's mean sentence length, in words. */
const wordsPerSentence = (pool: ProsePool): number => pool.words / pool.sentences.length;

/** How many long products the pool's words allow, the rest getting three sentences on average. */
function longCount(pool: ProsePool, products: number): number {
  const perSentence = wordsPerSentence(pool);
  const meanLong = 300 + 1200 / 7;
  const budget = 0.95 * pool.words - 3 * perSentence * products;
  return Math.max(0, Math.min(products, Math.floor(budget / (meanLong - 3 * perSentence))));
}

function buildProducts(random: Random, pool: ProsePool, count: number): SimProduct[] {
  const long = new Set(sample(random, Array.from({ length: count }, (_, i) => i), longCount(pool, count)));
  let next = 0;
  const take = (): ProseSentence => {
    const s = pool.sentences[next++];
    if (!s) throw new Error(`the shared corpora ran out of distinct sentences at product ${count}: lower --products`);
    return s;
  };
  const created = Array.from({ length: count }, () => start + random.int(end - start - 45 * dayMs)).sort((a, b) => a - b);
  // Long products' lengths are drawn at random, so on some seeds they would use up the pool
  // before the last product: a long product stops short where what is left of the pool is all
  // the products after it need (four sentences each, at the pool's mean length).
  const perSentence = wordsPerSentence(pool);
  let wordsLeft = pool.words;
  return created.map((createdMs, i) => {
    const isLong = long.has(i);
    const reserve = 4 * perSentence * (count - i - 1);
    const targetWords = isLong ? Math.min(300 + Math.round(1200 * random.next() ** 6), Math.max(1, wordsLeft - reserve)) : 0;
    const targetSentences = isLong ? Infinity : between(random, 2, 4);
    const sentences: ProseSentence[] = [];
    let words = 0;
    while (isLong ? words < targetWords : sentences.length < targetSentences) {
      const s = take();
      sentences.push(s);
      words += wordsOf(s.text).length;
    }
    wordsLeft -= words;
    const marking = pickOne(random, [markings[0], markings[0], markings[1], markings[1], markings[2]]);
    const id = `P-${String(i + 1).padStart(4, '0')}`;
    return { row: { id, title: `Report ${i + 1}`, marking: marking.banner, created: iso(createdMs), originator: 'AG01', body: paragraphs(random, sentences, marking.portion), tearlines: [] }, createdMs, long: isLong, sentences };
  });
}

function paragraphs(random: Random, sentences: readonly ProseSentence[], portion: string): string {
  const out: string[] = [];
  for (let i = 0; i < sentences.length;) {
    const n = between(random, 2, 6);
    out.push(`${portion} ${sentences.slice(i, i + n).map((s) => s.text).join(' ')}`);
    i += n;
  }
  return out.join('\n\n');
}

/** 5 to 200 recipients, most lists short: 5·40^(u²). Drawn from a few agencies, then from anyone cleared. */
function distribute(random: Random, product: SimProduct, marking: Marking, people: readonly PersonRow[], agencies: Bundle['agencies']): SimCopy[] {
  const eligible = people.filter((p) => mayRead(p, marking));
  const size = Math.min(eligible.length, Math.round(5 * 40 ** (random.next() ** 2)));
  const chosenAgencies = new Set(sample(random, agencies, between(random, 1, 6)).map((a) => a.id));
  const near = sample(random, eligible.filter((p) => chosenAgencies.has(p.agency)), size);
  const picked = new Set(near.map((p) => p.id));
  const rest = sample(random, eligible.filter((p) => !picked.has(p.id)), size - near.length);
  const issuedMs = product.createdMs + between(random, 2, 30) * hourMs;
  return [...near, ...rest].map((p) => ({ product: product.row.id, person: p.id, channel: chance(random, 0.08) ? 'paper' : 'electronic', issuedMs }));
}

export function buildWorld(random: Random, options: SimulationOptions, pool: ProsePool): World {
  const { agencies, people } = buildPeople(random.fork('people'), options);
  const products = buildProducts(random.fork('products'), pool, options.products);
  const lists = random.fork('lists');
  const copies = products.flatMap((p) => distribute(lists, p, markings.find((m) => m.banner === p.row.marking) ?? markings[0], people, agencies));
  return { agencies, people, products, copies };
}

/** Whether a person may receive a product's marking (used to choose forwarding targets). */
export function mayReceive(person: PersonRow, banner: string): boolean {
  return mayRead(person, markings.find((m) => m.banner === banner) ?? markings[2]);
}
