/**
 * The print mark's codeword: which way each marked line or word block is shifted.
 *
 * Message: the copy's 16-bit serial and an 8-bit tag of the product id (24 bits), so a mark read
 * against the wrong product's layout does not decode to a plausible copy. Code: the K = 7,
 * rate-1/2 convolutional code (convolutional.ts), terminated: 60 coded bits, free distance 10.
 * The coded bits are interleaved by a permutation keyed by the product id, so a smudge or a
 * fold that wipes out neighbouring lines erases scattered bits rather than a burst, then laid
 * cyclically over every slot of the page (repetition), so every page carries the whole mark
 * and a full page carries it about 1.5 times.
 */
import { createRandom } from '../random.ts';
import { encodeConvolutional, tailLength } from './convolutional.ts';
import { PrintError } from './print-error.ts';

export const serialBits = 16;
export const tagBits = 8;
export const messageLength = serialBits + tagBits;
export const codeLength = 2 * (messageLength + tailLength);
export const maxSerial = (1 << serialBits) - 1;

/** An 8-bit tag of the product id (FNV-1a, folded): binds a mark to its product. */
export function productTag(productId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < productId.length; i++) hash = Math.imul(hash ^ productId.charCodeAt(i), 16777619) >>> 0;
  return (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & 0xff;
}

export function messageOf(productId: string, serial: number): boolean[] {
  if (!Number.isInteger(serial) || serial < 1 || serial > maxSerial) {
    throw new PrintError('SERIAL_OUT_OF_RANGE', `copy serial ${serial} of "${productId}" cannot be marked: serials run 1..${maxSerial}`);
  }
  const bits: boolean[] = [];
  for (let i = serialBits - 1; i >= 0; i--) bits.push(((serial >> i) & 1) === 1);
  const tag = productTag(productId);
  for (let i = tagBits - 1; i >= 0; i--) bits.push(((tag >> i) & 1) === 1);
  return bits;
}

/** Reads the serial and the tag back out of a message. */
export function readMessage(bits: readonly boolean[]): { serial: number; tag: number } {
  const value = (from: number, to: number): number => bits.slice(from, to).reduce((v, b) => (v << 1) | (b ? 1 : 0), 0);
  return { serial: value(0, serialBits), tag: value(serialBits, messageLength) };
}

/** The 60 coded bits of a copy's mark. */
export function codewordOf(productId: string, serial: number): boolean[] {
  return encodeConvolutional(messageOf(productId, serial));
}

/** The product's interleaver: slot i of a page carries coded bit `order[i mod 60]`. */
export function interleaverOf(productId: string): number[] {
  const random = createRandom(`waymark/print-mark/${productId}`);
  const order = Array.from({ length: codeLength }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}

/** The bit each of `slotCount` slots carries. */
export function slotBits(codeword: readonly boolean[], order: readonly number[], slotCount: number): boolean[] {
  return Array.from({ length: slotCount }, (_, i) => codeword[order[i % codeLength] ?? 0] ?? false);
}

/** Folds soft slot readings back onto the 60 coded bits (repetitions add up). */
export function foldSlots(soft: readonly number[], order: readonly number[]): number[] {
  const coded = new Array<number>(codeLength).fill(0);
  soft.forEach((value, i) => {
    const bit = order[i % codeLength] ?? 0;
    if (Number.isFinite(value)) coded[bit] = (coded[bit] ?? 0) + value;
  });
  return coded;
}
