import type { HandlingEvent } from '../registry.ts';
import type { AuditContext } from './audit-context.ts';
import { groupBy } from './audit-context.ts';
import { accessActions } from './audit-input.ts';
import type { Finding } from './finding.ts';

/**
 * Days on which a person accessed far more than their own baseline: at least `minCount`
 * accesses in the UTC day and at least `factor` times their average per day over the
 * `windowDays` before it (days without access count as zero). Measured against the person's own
 * habit, so a busy analyst is not flagged for being busy, and a quiet one is for a sudden sweep.
 */
export function findAccessBursts(ctx: AuditContext): Finding[] {
  const accesses = ctx.events.filter((e) => accessActions.has(e.action));
  return [...groupBy(accesses, (e) => e.actorId)].flatMap(([personId, events]) => burstsOf(ctx, personId, events));
}

function burstsOf(ctx: AuditContext, personId: string, events: readonly HandlingEvent[]): Finding[] {
  const { windowDays, factor, minCount } = ctx.policy.burst;
  const byDay = groupBy(events, (e) => e.at.slice(0, 10));
  const times = events.map((e) => e.at);
  return [...byDay].flatMap(([day, dayEvents]) => {
    const dayStart = `${day}T00:00:00.000Z`;
    const windowStart = new Date(Date.parse(dayStart) - windowDays * 86_400_000).toISOString();
    const baseline = (firstAtOrAfter(times, dayStart) - firstAtOrAfter(times, windowStart)) / windowDays;
    if (dayEvents.length < minCount || dayEvents.length < factor * baseline) return [];
    return [burstFinding(ctx, personId, day, dayEvents, baseline)];
  });
}

function burstFinding(ctx: AuditContext, personId: string, day: string, events: readonly HandlingEvent[], baseline: number): Finding {
  const first = events[0];
  const windowDays = ctx.policy.burst.windowDays;
  return {
    kind: 'access-burst',
    severity: 'medium',
    productId: mostAccessedProduct(events),
    personId,
    agencyId: ctx.personById.get(personId)?.agencyId ?? 'unknown',
    at: first?.at ?? `${day}T00:00:00.000Z`,
    message: `${personId} accessed copies ${events.length} times on ${day} against a baseline of ${baseline.toFixed(2)} a day over the previous ${windowDays} days`,
    eventIds: events.map((e) => e.id),
  };
}

/** Index of the first time at or after `at` in ascending `times` (the context sorts events by time). */
function firstAtOrAfter(times: readonly string[], at: string): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? '') < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The product the burst touched most (ties: the lowest id), to file the finding under. */
function mostAccessedProduct(events: readonly HandlingEvent[]): string {
  const counts = [...groupBy(events, (e) => e.productId)].map(([id, list]) => [id, list.length] as const);
  counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return counts[0]?.[0] ?? '';
}
