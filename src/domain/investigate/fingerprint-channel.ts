import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { CopyAccusation, Holding } from './input.ts';
import { likelihood } from './likelihoods.ts';

/**
 * Fingerprint: a copy accused by the decoder contributes the inverse of its false-accusation
 * bound (the chance an innocent copy scores as high), capped; a copy the decoder read well and
 * did not accuse counts mildly against its holder.
 */
export function fingerprintEvidence(held: readonly Holding[], accusations: ReadonlyMap<string, CopyAccusation>): Evidence[] {
  const out: Evidence[] = [];
  for (const h of held) {
    const a = accusations.get(h.copy.id);
    if (!a) continue;
    if (a.accused) {
      const ratio = Math.min(likelihood.fingerprint.maxRatio, 1 / Math.max(a.falseAccusationBound, 1 / likelihood.fingerprint.maxRatio));
      out.push(evidence('fingerprint', `the leak's wording matches ${h.copy.id}'s fingerprint (score ${a.score.toFixed(1)}, ${a.slotsRead} slots read, an innocent copy scores this high with probability ≤ ${a.falseAccusationBound.toExponential(1)}; ${a.decoder})`, ratio, [h.copyLedgerIndex]));
    } else if (a.slotsRead >= likelihood.fingerprint.minSlotsToClear && a.score <= 0) {
      out.push(evidence('fingerprint', `${h.copy.id}'s fingerprint does not match the leak (score ${a.score.toFixed(1)}, ${a.slotsRead} slots read)`, likelihood.fingerprint.cleared, [h.copyLedgerIndex]));
    }
  }
  return out;
}
