import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { CopyAccusation, Holding } from './input.ts';
import { likelihood } from './likelihoods.ts';

/** The Sellke–Bayarri–Berger bound on the Bayes factor a p-value can support, capped; 1 when p ≥ 1/e. */
export function bayesFactorBound(p: number): number {
  if (!(p < 1 / Math.E)) return 1;
  if (p <= 0) return likelihood.fingerprint.maxRatio;
  return Math.min(likelihood.fingerprint.maxRatio, 1 / (-Math.E * p * Math.log(p)));
}

/**
 * Fingerprint: a copy's score comes with p, a bound on the chance it scores this high if its
 * holder is innocent. A p-value is not a likelihood ratio, but it bounds one: no prior on the
 * alternative gives a Bayes factor above 1/(−e·p·ln p) for p < 1/e (Sellke, Bayarri & Berger,
 * "Calibration of p values for testing precise null hypotheses", Am. Stat. 2001). That bound,
 * capped, is the copy's weight: graded, so a few readable slots count a little and many count
 * a lot. A copy read well and scoring at or below an innocent's mean counts mildly against.
 */
export function fingerprintEvidence(held: readonly Holding[], accusations: ReadonlyMap<string, CopyAccusation>): Evidence[] {
  const out: Evidence[] = [];
  for (const h of held) {
    const a = accusations.get(h.copy.id);
    if (!a) continue;
    const ratio = bayesFactorBound(a.innocentBound);
    if (ratio > 1) {
      const verdict = a.accused ? `accused: any innocent copy scores this high with probability ≤ ${a.falseAccusationBound.toExponential(1)}` : 'below the accusation threshold';
      out.push(evidence('fingerprint', `the leak's wording matches ${h.copy.id}'s fingerprint (score ${a.score.toFixed(1)}, ${a.slotsRead} slots read, p ≤ ${a.innocentBound.toExponential(1)}; ${verdict}; ${a.decoder})`, ratio, [h.copyLedgerIndex]));
    } else if (a.slotsRead >= likelihood.fingerprint.minSlotsToClear && a.score <= 0) {
      out.push(evidence('fingerprint', `${h.copy.id}'s fingerprint does not match the leak (score ${a.score.toFixed(1)}, ${a.slotsRead} slots read)`, likelihood.fingerprint.cleared, [h.copyLedgerIndex]));
    }
  }
  return out;
}
