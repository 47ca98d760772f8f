import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { Holding, SourceMatch } from './input.ts';
import { likelihood } from './likelihoods.ts';

/**
 * Version: a passage present only in some versions of a product (above a tearline) excludes,
 * nearly, everyone who received only versions without it.
 */
export function versionEvidence(held: readonly Holding[], sources: readonly SourceMatch[]): Evidence[] {
  const out: Evidence[] = [];
  for (const source of sources) {
    const copies = held.filter((h) => h.copy.productId === source.product);
    if (copies.length === 0) continue;
    const versionsHeld = new Set(copies.map((h) => h.copy.version));
    const restricted = source.passages.filter((p) => p.versions.length > 0);
    const lacking = restricted.filter((p) => !p.versions.some((v) => versionsHeld.has(v)));
    const cited = copies.map((h) => h.copyLedgerIndex);
    const heldText = [...versionsHeld].sort((a, b) => a - b).map((v) => `v${v}`).join(', ');
    if (lacking.length > 0) {
      out.push(evidence('version', `received ${source.product} ${heldText}, which lacks ${lacking.length} of the ${restricted.length} matched passages`, likelihood.version.lacksPassage, cited));
    } else if (restricted.some((p) => p.versions.length < source.versionCount)) {
      out.push(evidence('version', `received ${source.product} ${heldText}, which contains every matched passage, some of them only in that version`, 1, cited));
    }
  }
  return out;
}
