/**
 * Names the copy a page's mark belongs to, or declines to. The mark is decoded by maximum
 * likelihood over the copies actually issued (the candidates): with soft readings r and a
 * candidate's slot bits c in {-1, +1}, its score is the correlation sum(r · c). For the code's
 * free distance of 10 and the repetition across a page, two copies' slot patterns differ in
 * many slots, so the true copy's lead over the runner-up grows with the number of slots read.
 *
 * The decision rule guards against naming the wrong copy: it takes the lead of the best over the
 * second-best candidate in units of its own noise, z = (S1 − S2) / (2σ√d), where d is the number
 * of read slots on which the two differ and σ the spread of the readings around the best
 * candidate's pattern. Under Gaussian reading noise the chance that the runner-up was really the
 * copy is Q(z); the confidence is 1 − (N − 1)·Q(z) (a union bound over the N candidates). A soft
 * Viterbi decode of the whole message (serial and product tag) must agree with the winner
 * before the confidence may count as high.
 */
import { decodeConvolutional } from './convolutional.ts';
import { codewordOf, foldSlots, interleaverOf, messageLength, productTag, readMessage, slotBits } from './mark-code.ts';

export interface MarkCandidate {
  readonly copyId: string;
  readonly serial: number;
}

export type MarkDecision =
  | { readonly kind: 'identified'; readonly copyId: string; readonly serial: number; readonly confidence: number;
      readonly bitsRead: number; readonly errorsCorrected: number; readonly margin: number; readonly viterbiAgrees: boolean }
  | { readonly kind: 'unknown'; readonly reason: string; readonly bitsRead: number };

/** Fewer readable slots than this and nothing is named. */
export const minBitsRead = 20;
/** The lead (in noise units) the best candidate needs before it is named at all. */
export const minMargin = 3;
/** Confidence at or above which an identification counts as certain. */
export const highConfidence = 0.99;

export function decideCopy(productId: string, soft: readonly number[], candidates: readonly MarkCandidate[]): MarkDecision {
  const read = soft.map((v) => Number.isFinite(v));
  const bitsRead = read.filter(Boolean).length;
  if (candidates.length === 0) return { kind: 'unknown', reason: 'no candidate copies', bitsRead };
  if (bitsRead < minBitsRead) return { kind: 'unknown', reason: `too few mark bits could be read (at least ${minBitsRead} needed)`, bitsRead };
  const order = interleaverOf(productId);
  const scored = candidates
    .map((candidate) => {
      const signs = slotBits(codewordOf(productId, candidate.serial), order, soft.length).map((b) => (b ? 1 : -1));
      const score = signs.reduce((sum, c, i) => (read[i] ? sum + c * (soft[i] ?? 0) : sum), 0);
      return { candidate, signs, score };
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best) return { kind: 'unknown', reason: 'no candidate copies', bitsRead };
  const sigma = Math.sqrt(soft.reduce((sum, v, i) => (read[i] ? sum + (v - (best.signs[i] ?? 0)) ** 2 : sum), 0) / bitsRead);
  const differing = second ? best.signs.filter((c, i) => read[i] && c !== second.signs[i]).length : bitsRead;
  const lead = best.score - (second?.score ?? 0);
  const margin = differing === 0 ? 0 : lead / ((second ? 2 : 1) * Math.max(sigma, 0.05) * Math.sqrt(differing));
  if (margin < minMargin) return { kind: 'unknown', reason: `no copy stands out (margin ${margin.toFixed(2)} < ${minMargin})`, bitsRead };
  const viterbiAgrees = viterbiNames(productId, soft, order, best.candidate.serial);
  const confidence = Math.max(0, 1 - Math.max(1, candidates.length - 1) * normalTail(margin));
  return {
    kind: 'identified', copyId: best.candidate.copyId, serial: best.candidate.serial,
    confidence: viterbiAgrees ? confidence : Math.min(confidence, 0.5),
    bitsRead, errorsCorrected: best.signs.filter((c, i) => read[i] && c * (soft[i] ?? 0) < 0).length,
    margin, viterbiAgrees,
  };
}

/** True when decoding the whole message, without the candidate list, gives this serial and product. */
function viterbiNames(productId: string, soft: readonly number[], order: readonly number[], serial: number): boolean {
  const decoded = readMessage(decodeConvolutional(foldSlots(soft, order), messageLength));
  return decoded.serial === serial && decoded.tag === productTag(productId);
}

/** Q(z) = P(N(0,1) > z), by the complementary error function (Abramowitz & Stegun 7.1.26). */
export function normalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
