/**
 * Per-recipient fingerprinted copies (DESIGN.md, "Copy fingerprint"). The shell calls:
 *
 * - issuing copies: `findSlots` → `createFingerprintCode` (once per product version) →
 *   `drawCodeword` (once per copy) → `renderCopy`; store slots, code and codewords encrypted.
 * - `copy show` / `copy diff`: `renderCopy`, `renderCopyWithSpans` (spans locate each slot).
 * - `fingerprint capacity`: `capacity`, `distributionWarning`.
 * - investigation: `indexProduct` (cacheable per product) → `decodeFingerprint`.
 * - the matching engine: `canonicalText`.
 */
export type { Codeword, Slot, SlotKind } from './slot.ts';
export type { Lexicon, SpellingPair } from './lexicon.ts';
export { EMPTY_LEXICON } from './lexicon.ts';
export { FingerprintError } from './fingerprint-error.ts';
export { findSlots, type FindSlotsOptions } from './find-slots.ts';
export { createFingerprintCode, drawCodeword, type CodeOptions, type FingerprintCode } from './fingerprint-code.ts';
export { renderCanonicalCopy, renderCopy, renderCopyWithSpans, type RenderedCopy } from './render-copy.ts';
export { canonicalText } from './canonical-text.ts';
export { indexProduct, type ProductIndex } from './product-index.ts';
export { readSlots, type SlotReading } from './read-slots.ts';
export {
  decodeFingerprint, scoreReadings, DEFAULT_FALSE_ACCUSATION_RATE,
  type CopyScore, type DecodeOptions, type DecoderName, type FingerprintDecoding, type IssuedCopy,
} from './decode-fingerprint.ts';
export { INVISIBLE_ALTERNATIVES, stripInvisibleLayer, type InvisibleLayerStatus } from './invisible-layer.ts';
export {
  capacity, countWords, distributionWarning, formatRecipients, MAX_REPORTED_RECIPIENTS,
  type CapacityOptions, type CapacityReport, type DistributionWarning, type RecipientLimits,
} from './capacity.ts';
export { ESTIMATIVE_TERMS } from './estimative-language.ts';
