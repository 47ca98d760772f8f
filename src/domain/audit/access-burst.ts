import { DAY_MS, isoDay, isoMonth, isoYear } from '../time.ts';
import type { AuditEvent } from './audit-input.ts';
import type { AuditContext } from './audit-context.ts';
import { groupBy } from '../group-by.ts';
import { accessActions } from './audit-input.ts';
import type { Finding } from './finding.ts';

/** A UTC day on which a person accessed far more than their own baseline. */
export interface BurstDay {
  readonly personId: string;
  /** `YYYY-MM-DD` */
  readonly day: string;
  readonly count: number;
  /** Accesses a day over the window before it. */
  readonly baseline: number;
}

/**
 * Accesses per person per UTC day, counted as events go by in any order: all a burst needs to
 * be found (a few numbers per person-day, whatever the number of events). The events of the
 * days found are read again afterwards, to cite them.
 */
export class AccessDays {
  private readonly byPerson = new Map<string, AccessCounts>();

  /** A person's counts, which the caller keeps per actor and counts each access into with countAccess. */
  of(personId: string): AccessCounts {
    let days = this.byPerson.get(personId);
    if (days === undefined) this.byPerson.set(personId, (days = new Map<number, Int32Array>()));
    return days;
  }

  /**
   * Days with at least `minCount` accesses and at least `factor` times the person's average a
   * day over the `windowDays` before it (days without access count as zero). Measured against
   * the person's own habit, so a busy analyst is not flagged for being busy, and a quiet one is
   * for a sudden sweep. `keep` narrows the people looked at.
   */
  bursts(ctx: AuditContext, keep: (personId: string) => boolean = () => true): BurstDay[] {
    const { windowDays, factor, minCount } = ctx.policy.burst;
    const found: BurstDay[] = [];
    for (const [personId, counts] of this.byPerson) {
      if (!keep(personId)) continue;
      const days = daysCounted(counts).map(([key, count]) => {
        const day = dayText(key);
        return { day, count, n: Date.parse(`${day}T00:00:00.000Z`) / DAY_MS };
      }).sort((a, b) => a.n - b.n);
      // Two pointers: `windowSum` holds the accesses of the windowDays days before days[i].
      let from = 0;
      let to = 0;
      let windowSum = 0;
      for (const current of days) {
        for (; to < days.length && (days[to]?.n ?? Infinity) < current.n; to++) windowSum += days[to]?.count ?? 0;
        for (; from < to && (days[from]?.n ?? Infinity) < current.n - windowDays; from++) windowSum -= days[from]?.count ?? 0;
        const baseline = windowSum / windowDays;
        if (current.count >= minCount && current.count >= factor * baseline) found.push({ personId, day: current.day, count: current.count, baseline });
      }
    }
    return found;
  }
}

/**
 * One person's accesses: month (yyyymm) → accesses on each day of it, by day of the month. A
 * few dozen months a person, so the counting an audit does for every access touches a small
 * table that stays in cache; a map of every person-day (hundreds of thousands) did not.
 */
export type AccessCounts = Map<number, Int32Array>;

/** Counts one access at `at` into a person's counts (AccessDays.of), from the characters of the ISO-8601 time (time.ts). */
export function countAccess(counts: AccessCounts, at: string): void {
  const month = isoYear(at) * 100 + isoMonth(at);
  let days = counts.get(month);
  if (days === undefined) counts.set(month, (days = new Int32Array(32)));
  const day = isoDay(at);
  days[day] = (days[day] ?? 0) + 1;
}

/** Every day with accesses as [yyyymmdd, accesses]. */
function daysCounted(counts: AccessCounts): [number, number][] {
  const days: [number, number][] = [];
  for (const [month, byDay] of counts) {
    byDay.forEach((count, day) => {
      if (count > 0) days.push([month * 100 + day, count]);
    });
  }
  return days;
}

function dayText(key: number): string {
  const text = String(key).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Whether an event is one of the accesses a burst day counts. */
export function isAccessOn(e: AuditEvent, burst: Pick<BurstDay, 'personId' | 'day'>): boolean {
  return e.actorId === burst.personId && accessActions.has(e.action) && e.at.startsWith(burst.day);
}

/** The finding for a burst day, citing its accesses (those of the day, in time order). */
export function burstFinding(ctx: AuditContext, burst: BurstDay, events: readonly AuditEvent[]): Finding {
  const first = events[0];
  const windowDays = ctx.policy.burst.windowDays;
  return {
    kind: 'access-burst',
    severity: 'medium',
    productId: mostAccessedProduct(events),
    personId: burst.personId,
    agencyId: ctx.personById.get(burst.personId)?.agencyId ?? 'unknown',
    at: first?.at ?? `${burst.day}T00:00:00.000Z`,
    message: `${burst.personId} accessed copies ${events.length} times on ${burst.day} against a baseline of ${burst.baseline.toFixed(2)} a day over the previous ${windowDays} days`,
    eventIds: events.map((e) => e.id),
  };
}

/** The product the burst touched most (ties: the lowest id), to file the finding under. */
function mostAccessedProduct(events: readonly AuditEvent[]): string {
  const counts = [...groupBy(events, (e) => e.productId)].map(([id, list]) => [id, list.length] as const);
  counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return counts[0]?.[0] ?? '';
}
