import { weighedEvidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { CopyAccusation, Holding } from './input.ts';
import { likelihood } from './likelihoods.ts';

const clamp = (x: number, limit: number): number => Math.max(-limit, Math.min(limit, x));

/**
 * Fingerprint: the decoder's likelihood ratio that the candidate's copy is a source of the
 * leak's wording, against its symbols coming from another copy (domain/fingerprint
 * `evidenceWeights`). Graded both ways: agreeing at slots where few copies agree counts for the
 * holder; disagreeing counts against, so the holders of the same product are told apart even
 * when too few slots were read for an accusation. An innocent copy reaches a ratio of k with
 * probability at most 1/k, whatever else is true of the case, so the strong-evidence
 * threshold bounds this channel too. Capped both ways so one channel cannot silence the rest.
 */
export function fingerprintEvidence(held: readonly Holding[], accusations: ReadonlyMap<string, CopyAccusation>): Evidence[] {
  const out: Evidence[] = [];
  for (const h of held) {
    const a = accusations.get(h.copy.id);
    if (!a || a.slotsRead === 0) continue;
    const weight = clamp(a.log10LikelihoodRatio, likelihood.fingerprint.maxLog10Ratio);
    const verdict = a.accused ? `accused: any innocent copy scores this high with probability ≤ ${a.falseAccusationBound.toExponential(1)}` : 'below the accusation threshold';
    const agrees = `${a.slotsAgreeing} of ${a.slotsRead} slots read in the leak carry ${h.copy.id}'s symbol`;
    out.push(weighedEvidence('fingerprint', `${agrees} (likelihood ratio ${ratioText(weight)}; ${verdict}; ${a.decoder} decoder)`, weight, [h.copyLedgerIndex]));
  }
  return out;
}

function ratioText(log10Ratio: number): string {
  const ratio = 10 ** log10Ratio;
  return ratio >= 1000 || ratio < 0.01 ? `10^${log10Ratio.toFixed(1)}` : ratio.toPrecision(2);
}
