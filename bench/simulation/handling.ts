/**
 * Everyday handling of every copy, drawn per copy: most electronic copies are opened within
 * days, some re-read weeks or months later, a few printed, downloaded or forwarded to a cleared
 * colleague; some are never opened; paper copies are read with no record at all; many copies
 * are destroyed in the end. These are the innocents' records the leaker hides among.
 */
import type { Bundle } from '../../src/app/bundle-schema.ts';
import type { Random } from '../../src/domain/random.ts';
import { between, chance, pickOne } from './pick.ts';
import { dayMs, end, hourMs, iso } from './time.ts';
import { mayReceive } from './world.ts';
import type { SimCopy, World } from './world.ts';

export type PlannedEvent = Bundle['events'][number] & { readonly ms: number };

const event = (copy: SimCopy, action: PlannedEvent['action'], ms: number, to?: string): PlannedEvent =>
  ({ product: copy.product, recipient: copy.person, action, at: iso(ms), ms, ...(to ? { to } : {}) });

function readingEvents(random: Random, copy: SimCopy): PlannedEvent[] {
  if (copy.channel === 'paper' || chance(random, 0.15)) return [];
  const first = copy.issuedMs + Math.round(random.next() ** 2 * 5 * dayMs) + 10 * 60_000;
  const out = [event(copy, 'opened', first)];
  if (chance(random, 0.3)) out.push(event(copy, 'opened', first + between(random, 1, 60) * dayMs + random.int(12) * hourMs));
  if (chance(random, 0.1)) out.push(event(copy, 'opened', first + between(random, 60, 400) * dayMs + random.int(12) * hourMs));
  const session = pickOne(random, out).ms;
  if (chance(random, 0.07)) out.push(event(copy, 'printed', session + 5 * 60_000));
  if (chance(random, 0.03)) out.push(event(copy, 'downloaded', session + 7 * 60_000));
  return out;
}

/** Background events for every copy, and the child copies forwarding creates (as copies of their own). */
export function planHandling(random: Random, world: World): { events: PlannedEvent[]; forwarded: SimCopy[] } {
  const people = new Map(world.people.map((p) => [p.id, p]));
  const marking = new Map(world.products.map((p) => [p.row.id, p.row.marking]));
  const holders = new Map<string, Set<string>>();
  for (const c of world.copies) holders.set(c.product, (holders.get(c.product) ?? new Set()).add(c.person));
  const byAgency = new Map<string, World['people'][number][]>();
  for (const p of world.people) byAgency.set(p.agency, [...(byAgency.get(p.agency) ?? []), p]);
  const events: PlannedEvent[] = [];
  const forwarded: SimCopy[] = [];
  for (const copy of world.copies) {
    const reads = readingEvents(random, copy);
    events.push(...reads);
    const last = reads.at(-1)?.ms ?? copy.issuedMs;
    const agency = people.get(copy.person)?.agency ?? '';
    if (reads.length > 0 && chance(random, 0.04)) {
      const held = holders.get(copy.product) ?? new Set<string>();
      const colleagues = (byAgency.get(agency) ?? []).filter((p) => !held.has(p.id) && mayReceive(p, marking.get(copy.product) ?? ''));
      if (colleagues.length > 0) {
        const to = pickOne(random, colleagues).id;
        const at = last + 15 * 60_000;
        held.add(to);
        events.push(event(copy, 'forwarded', at, to));
        forwarded.push({ product: copy.product, person: to, channel: 'electronic', issuedMs: at });
        if (chance(random, 0.7)) events.push(event({ ...copy, person: to }, 'opened', at + between(random, 1, 48) * hourMs));
      }
    }
    if (chance(random, copy.channel === 'paper' ? 0.3 : 0.25)) events.push(event(copy, 'destroyed', last + between(random, 30, 400) * dayMs));
  }
  // A forward after the simulated period never happens, so neither does its copy: no leak may be planned on it.
  return { events: events.filter((e) => e.ms < end), forwarded: forwarded.filter((c) => c.issuedMs < end) };
}
