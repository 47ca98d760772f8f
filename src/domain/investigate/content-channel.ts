import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { Holding, SourceMatch } from './input.ts';
import { likelihood } from './likelihoods.ts';

/**
 * Content: which matched products the candidate held. Holding every matched product is
 * neutral; lacking one costs in proportion to how sure the match is, never to zero, because
 * one article may draw on several people's copies (the model must not force a single culprit).
 */
export function contentEvidence(held: readonly Holding[], sources: readonly SourceMatch[]): Evidence[] {
  return sources.map((source) => {
    const copies = held.filter((h) => h.copy.productId === source.product);
    if (copies.length > 0) {
      return evidence('content', `held ${copies.map((h) => h.copy.id).join(', ')} of ${source.product}, which the leak draws on (match ${source.score.toFixed(2)})`, 1, copies.map((h) => h.copyLedgerIndex));
    }
    const ratio = Math.max(likelihood.content.missingProductFloor, 1 - source.score);
    return evidence('content', `held no copy of ${source.product}, which the leak draws on (match ${source.score.toFixed(2)})`, ratio);
  });
}
