/**
 * Who leaks what, and when. Each leak has one or two sources (colluders), each a person and
 * the 1–3 long products of theirs the article draws on; the source's last access comes 2–20
 * days before publication. Variants: a decoy who opened the same product around the same
 * time; a leaker whose access left no event (a paper copy, or a colleague's printout).
 */
import type { Random } from '../../src/domain/random.ts';
import type { PlannedEvent } from './handling.ts';
import { between, chance, pickOne, sample } from './pick.ts';
import { dayMs, end, hourMs, iso } from './time.ts';
import type { SimCopy, World } from './world.ts';

export type LeakKind = 'single' | 'colluders' | 'decoy' | 'no-record';

export interface LeakSource {
  readonly person: string;
  readonly products: readonly string[];
}

export interface LeakPlan {
  readonly id: number;
  readonly kind: LeakKind;
  readonly publishedMs: number;
  readonly sources: readonly LeakSource[];
  readonly decoy: string | null;
  /** Sentences quoted verbatim (0–3) and facts paraphrased (2–6). */
  readonly quotes: number;
  readonly facts: number;
  /** The journalist retyped, so the invisible layer is gone. */
  readonly stripped: boolean;
}

interface Holdings {
  readonly longCopies: readonly SimCopy[];
  readonly byPerson: ReadonlyMap<string, readonly SimCopy[]>;
  readonly byProduct: ReadonlyMap<string, readonly SimCopy[]>;
}

function index(world: World, copies: readonly SimCopy[]): Holdings {
  const long = new Set(world.products.filter((p) => p.long).map((p) => p.row.id));
  const longCopies = copies.filter((c) => long.has(c.product));
  const group = (key: (c: SimCopy) => string): Map<string, SimCopy[]> => {
    const out = new Map<string, SimCopy[]>();
    for (const c of longCopies) out.set(key(c), [...(out.get(key(c)) ?? []), c]);
    return out;
  };
  return { longCopies, byPerson: group((c) => c.person), byProduct: group((c) => c.product) };
}

function drawKind(random: Random): LeakKind {
  const u = random.next();
  return u < 0.55 ? 'single' : u < 0.7 ? 'colluders' : u < 0.85 ? 'decoy' : 'no-record';
}

/** The leaker's access session on each product: opened, and printed two times in five. */
function accessEvents(random: Random, source: LeakSource, copies: Holdings, atMs: number): PlannedEvent[] {
  return source.products.flatMap((product, i) => {
    const copy = copies.byPerson.get(source.person)?.find((c) => c.product === product);
    if (!copy || copy.channel === 'paper') return [];
    const at = Math.max(atMs, copy.issuedMs + hourMs) + i * 20 * 60_000;
    const opened: PlannedEvent = { product, recipient: source.person, action: 'opened', at: iso(at), ms: at };
    return chance(random, 0.4) ? [opened, { ...opened, action: 'printed', at: iso(at + 6 * 60_000), ms: at + 6 * 60_000 }] : [opened];
  });
}

/** A source: a person, a first product, and up to two more long products they held before `accessMs`. */
function chooseSource(random: Random, copies: Holdings, first: SimCopy, accessMs: number, exclude: ReadonlySet<string>): LeakSource {
  const others = (copies.byPerson.get(first.person) ?? []).filter((c) => c.product !== first.product && !exclude.has(c.product) && c.issuedMs < accessMs - dayMs);
  const extra = sample(random, others, chance(random, 0.5) ? 0 : chance(random, 0.6) ? 1 : 2);
  return { person: first.person, products: [first.product, ...extra.map((c) => c.product)] };
}

interface Planned {
  readonly plan: LeakPlan;
  readonly add: PlannedEvent[];
  /** (person, product) pairs whose earlier records are removed: the access left no event. */
  readonly silence: readonly { person: string; product: string }[];
}

function planOne(random: Random, id: number, copies: Holdings): Planned | null {
  const kind = drawKind(random);
  const first = pickOne(random, copies.longCopies);
  if (kind !== 'no-record' && first.channel === 'paper') return null;
  const publishedMs = Math.min(end - dayMs, first.issuedMs + between(random, 20, 300) * dayMs + random.int(24) * hourMs);
  const accessMs = publishedMs - between(random, 2, 20) * dayMs - random.int(20) * hourMs;
  if (accessMs < first.issuedMs + dayMs) return null;
  const sources = [chooseSource(random, copies, first, accessMs, new Set())];
  const add = accessEvents(random, sources[0]!, copies, accessMs);
  if (kind === 'colluders') {
    const second = planColluder(random, copies, sources[0]!, publishedMs);
    if (!second) return null;
    sources.push(second.source);
    add.push(...second.events);
  }
  let decoy: string | null = null;
  if (kind === 'decoy') {
    // Someone who held the product before the leaker's access, as every source did.
    const rivals = (copies.byProduct.get(first.product) ?? []).filter((c) => c.person !== first.person && c.channel === 'electronic' && c.issuedMs < accessMs - dayMs);
    if (rivals.length === 0) return null;
    decoy = pickOne(random, rivals).person;
    add.push(...accessEvents(random, { person: decoy, products: sources[0]!.products }, copies, accessMs + (random.next() - 0.5) * 6 * dayMs));
  }
  const silence = kind === 'no-record' ? sources[0]!.products.map((product) => ({ person: first.person, product })) : [];
  const quotes = chance(random, 0.4) ? 0 : between(random, 1, 3);
  const plan: LeakPlan = { id, kind, publishedMs, sources, decoy, quotes, facts: between(random, 2, 6), stripped: chance(random, 0.8) };
  return { plan, add: kind === 'no-record' ? [] : add, silence };
}

function planColluder(random: Random, copies: Holdings, firstSource: LeakSource, publishedMs: number): { source: LeakSource; events: PlannedEvent[] } | null {
  const accessMs = publishedMs - between(random, 2, 20) * dayMs - random.int(20) * hourMs;
  const pool = copies.longCopies.filter((c) => c.person !== firstSource.person && c.channel === 'electronic' && !firstSource.products.includes(c.product) && c.issuedMs < accessMs - dayMs);
  if (pool.length === 0) return null;
  const first = pickOne(random, pool);
  const source = chooseSource(random, copies, first, accessMs, new Set(firstSource.products));
  return { source, events: accessEvents(random, source, copies, accessMs) };
}

/** `count` leaks, and the events to add to (and remove from) the background so they happened. */
export function planLeaks(random: Random, world: World, copies: readonly SimCopy[], count: number): { plans: LeakPlan[]; add: PlannedEvent[]; silence: { person: string; product: string }[] } {
  const holdings = index(world, copies);
  if (holdings.longCopies.length === 0) throw new Error('no long products to leak: raise --products or lower --people');
  const plans: LeakPlan[] = [];
  const add: PlannedEvent[] = [];
  const silence: { person: string; product: string }[] = [];
  for (let attempts = 0; plans.length < count && attempts < count * 50; attempts++) {
    const planned = planOne(random, plans.length + 1, holdings);
    if (!planned) continue;
    plans.push(planned.plan);
    add.push(...planned.add);
    silence.push(...planned.silence);
  }
  return { plans, add, silence };
}
