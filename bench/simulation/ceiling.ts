/**
 * How often any way of combining the evidence could have put a leaker first: the ceiling the
 * rank-1 share is measured against. A ranking that gives more weight to more evidence in each
 * channel (any weights, any combination that never scores a candidate lower for more of it)
 * cannot place a leaker above an innocent whose evidence is at least as strong in every channel.
 * Where such an innocent is stronger somewhere, the leaker cannot be first; where some are only
 * equal everywhere (a fingerprint tie between candidates with the same record, say), the best a
 * ranking can do is a draw among them. The ceiling is optimistic: it lets each leak pick its own
 * weights, where one ranking must serve every leak.
 */

/** Per-channel log10 likelihood ratios of one candidate; a channel left out counts as 0. */
export type Channels = Readonly<Record<string, number>>;

/** Differences below this are rounding, not evidence. */
const EPSILON = 1e-9;

/**
 * The best chance that a ranking monotone in every channel puts `leaker` first among
 * `innocents`: 0 when an innocent weakly dominates the leaker and strictly beats them in some
 * channel, else 1 / (1 + the innocents that equal them in every channel).
 *
 * @example
 * firstPlaceCeiling({ fingerprint: 1 }, [{ fingerprint: 1, access: 0.9 }]); // 0: equal print, more access
 */
export function firstPlaceCeiling(leaker: Channels, innocents: readonly Channels[]): number {
  const channels = new Set([...Object.keys(leaker), ...innocents.flatMap((c) => Object.keys(c))]);
  const of = (c: Channels, k: string): number => c[k] ?? 0;
  let ties = 0;
  for (const innocent of innocents) {
    let atLeast = true;
    let above = false;
    for (const k of channels) {
      const d = of(innocent, k) - of(leaker, k);
      if (d < -EPSILON) atLeast = false;
      else if (d > EPSILON) above = true;
    }
    if (!atLeast) continue;
    if (above) return 0;
    ties++;
  }
  return 1 / (1 + ties);
}

/** The ceiling for one leak: the best placed of its leakers (colluders count when either is first). */
export function leakCeiling(leakers: readonly Channels[], innocents: readonly Channels[]): number {
  return Math.max(0, ...leakers.map((l) => firstPlaceCeiling(l, innocents)));
}
