/**
 * The fingerprint channel of an investigation (issue 5 §3): decode the leak against each
 * matched product version's issued codewords. Versions whose copies carry no codeword
 * contribute nothing, and the result says so.
 */
import { loadLexicon } from '../adapters/lexicon/load-lexicon.ts';
import { decodeFingerprint, indexProduct } from '../domain/fingerprint/index.ts';
import type { CopyAccusation } from '../domain/investigate/input.ts';
import type { Engine } from '../store/engine.ts';
import { readVersions } from './sealed-texts.ts';
import { loadVersionCode, openCodeword } from './fingerprinting.ts';

export interface LeakDecoding {
  readonly accusations: CopyAccusation[];
  readonly notes: string[];
}

export async function decodeLeakFingerprints(engine: Engine, leakText: string, productIds: readonly string[]): Promise<LeakDecoding> {
  const accusations: CopyAccusation[] = [];
  const notes: string[] = [];
  for (const productId of productIds) {
    for (const version of await readVersions(engine, productId)) {
      const code = await loadVersionCode(engine, productId, version.version);
      if (!code) continue;
      const rows = await engine.db.selectFrom('copies').select(['id', 'codeword'])
        .where('product_id', '=', productId).where('version', '=', version.version).where('codeword', 'is not', null).execute();
      const copies = rows.flatMap((r) => (r.codeword ? [{ id: r.id, codeword: openCodeword(engine, r.id, r.codeword) }] : []));
      if (copies.length === 0) continue;
      const decoding = decodeFingerprint(leakText, indexProduct(version.body, code.slots, loadLexicon()), code.code, copies);
      notes.push(`fingerprint: ${productId} v${version.version}: ${decoding.slots.read} of ${decoding.slots.total} slots read (${decoding.slots.visibleRead} visible, ${decoding.slots.invisibleRead} invisible); invisible layer ${decoding.invisibleLayer}; ${decoding.decoder} decoder`);
      for (const c of decoding.copies) {
        accusations.push({
          copyId: c.id, productId, score: c.score, innocentBound: c.innocentBound, falseAccusationBound: c.falseAccusationBound, accused: c.accused,
          decoder: decoding.decoder, slotsRead: decoding.slots.read, slotsAgreeing: c.slotsAgreeing, log10LikelihoodRatio: c.log10LikelihoodRatio,
        });
      }
    }
  }
  return { accusations, notes };
}
