import type { HandlingEvent } from '../registry.ts';
import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { Holding } from './input.ts';
import { DAY_MS, daysBetween } from '../time.ts';
import { likelihood } from './likelihoods.ts';

const reading = (e: HandlingEvent): boolean => e.action !== 'destroyed' && e.action !== 'returned' && e.action !== 'acknowledged';

/**
 * Timing: activity close before publication, after long inactivity, or on several matched
 * products in a short window. The last activity before publication is what counts.
 */
export function timingEvidence(held: readonly Holding[], published: string): Evidence[] {
  const t = likelihood.timing;
  const out: Evidence[] = [];
  const lastTouches: { product: string; event: HandlingEvent }[] = [];
  for (const h of held) {
    const reads = h.events.filter(reading);
    const last = reads.at(-1);
    if (!last) continue;
    lastTouches.push({ product: h.copy.productId, event: last });
    const before = daysBetween(last.at, published);
    const ratio = before <= t.nearDays ? t.near : before <= t.recentDays ? t.recent : 1;
    if (ratio === 1) continue;
    out.push(evidence('timing', `${last.action} ${h.copy.id} ${formatDays(before)} before publication`, ratio, [last.id]));
    const dormant = dormancyBefore(reads, h.copy.issuedAt);
    if (dormant >= t.dormantDays) {
      out.push(evidence('timing', `that was the first activity on ${h.copy.id} in ${Math.floor(dormant)} days`, t.afterDormancy, [last.id]));
    }
  }
  // Only touches in the run-up to publication count towards a burst.
  const recent = lastTouches.filter((x) => daysBetween(x.event.at, published) <= t.recentDays);
  const products = new Set(recent.map((x) => x.product));
  if (products.size >= 2) {
    const times = recent.map((x) => Date.parse(x.event.at)).sort((a, b) => a - b);
    if ((times.at(-1)! - times[0]!) / DAY_MS <= t.burstDays) {
      out.push(evidence('timing', `touched ${products.size} matched products within ${t.burstDays} days of each other`, t.burst, recent.map((x) => x.event.id)));
    }
  }
  return out;
}

/**
 * Days of silence before the final session of activity (events less than a day apart form one
 * session): a copy opened and printed the same evening after months untouched is dormant.
 */
function dormancyBefore(reads: readonly HandlingEvent[], issuedAt: string): number {
  let start = reads.length - 1;
  while (start > 0 && daysBetween(reads[start - 1]!.at, reads[start]!.at) < 1) start--;
  const before = start > 0 ? reads[start - 1]!.at : issuedAt;
  return daysBetween(before, reads[start]!.at);
}

function formatDays(days: number): string {
  if (days < 1) return `${Math.max(1, Math.round(days * 24))} hours`;
  return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
}
