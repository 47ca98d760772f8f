/**
 * Calibration of likelihoods.ts against the simulation: for each kind of evidence, how often
 * it is present for leakers and for innocent holders. P(present | leaker) / P(present |
 * innocent) is the likelihood ratio the table should hold, if the simulation's handling were
 * the world's (its rates are assumptions: tune on a training seed, report on another).
 */
import type { InvestigationResult } from '../../src/app/investigate.ts';
import { likelihood } from '../../src/domain/investigate/likelihoods.ts';

type Candidate = InvestigationResult['candidates'][number];
type EvidenceItem = Candidate['evidence'][number];

export interface EvidenceCounts {
  leakers: number;
  innocents: number;
  /** Per kind: [leakers with it, innocents with it]. */
  present: Map<string, [number, number]>;
  /**
   * Kinds that only ever come with others, counted among the candidates who have those: per
   * kind, [leakers with it, leakers given, innocents with it, innocents given]. Their table value
   * multiplies the others', so the marginal ratio would count those twice.
   */
  given: Map<string, [number, number, number, number]>;
}

export const emptyCounts = (): EvidenceCounts => ({ leakers: 0, innocents: 0, present: new Map(), given: new Map() });

/** afterDormancy follows a touch within 30 days; a burst needs two matched products touched within 30 days. */
const conditions: readonly { kind: string; given: (kinds: readonly string[]) => boolean }[] = [
  { kind: 'timing.afterDormancy', given: (kinds) => kinds.includes('timing.near') || kinds.includes('timing.recent') },
  { kind: 'timing.burst', given: (kinds) => kinds.filter((k) => k === 'timing.near' || k === 'timing.recent').length >= 2 },
];

const close = (weight: number, ratio: number): boolean => Math.abs(weight - Math.log10(ratio)) < 0.002;

/** The row of likelihoods.ts an evidence item comes from, or null for graded evidence. */
export function evidenceKind(e: EvidenceItem): string | null {
  const first = e.detail.split(' ')[0] ?? '';
  switch (e.channel) {
    case 'access':
      if (first === 'never') return 'access.neverOpenedElectronic';
      if (first === 'destroyed') return 'access.destroyedUnread';
      return `access.${first}`;
    case 'timing':
      if (e.detail.startsWith('touched')) return 'timing.burst';
      if (e.detail.startsWith('that was the first activity')) return 'timing.afterDormancy';
      if (close(e.weight, likelihood.timing.near)) return 'timing.near';
      if (close(e.weight, likelihood.timing.recent)) return 'timing.recent';
      return null;
    case 'fingerprint':
      return e.weight < 0 ? 'fingerprint.against' : 'fingerprint.for';
    case 'content':
      return e.weight < 0 ? 'content.missingProduct' : null;
    case 'version':
      return null;
  }
  return null;
}

export function countEvidence(counts: EvidenceCounts, result: InvestigationResult, leakers: readonly string[]): void {
  for (const c of result.candidates) {
    const leaker = leakers.includes(c.person);
    if (leaker) counts.leakers++;
    else counts.innocents++;
    const all = c.evidence.map(evidenceKind).filter((k): k is string => k !== null);
    for (const kind of new Set(all)) {
      const row = counts.present.get(kind) ?? [0, 0];
      row[leaker ? 0 : 1]++;
      counts.present.set(kind, row);
    }
    for (const condition of conditions) {
      if (!condition.given(all)) continue;
      const [lw, lg, iw, ig] = counts.given.get(condition.kind) ?? [0, 0, 0, 0];
      const has = all.includes(condition.kind) ? 1 : 0;
      counts.given.set(condition.kind, leaker ? [lw + has, lg + 1, iw, ig] : [lw, lg, iw + has, ig + 1]);
    }
  }
}

/** The table's value for a kind (`access.printed` → likelihood.access.printed). */
export function tableValue(kind: string): number | undefined {
  const [channel, name] = kind.split('.');
  const rows: Record<string, Record<string, number>> = { access: likelihood.access, timing: likelihood.timing };
  return channel && name ? rows[channel]?.[name] : undefined;
}
