/**
 * The error-correcting code of the print mark: the rate-1/2, constraint-length-7 convolutional
 * code with generators 171 and 133 (octal), the CCSDS/NASA standard code. Its free distance is
 * 10: any two messages differ in at least 10 of their coded bits, so two copies' marks never
 * look alike. Decoding is soft-decision Viterbi, which uses how sure each measurement is rather
 * than a hard 0/1, worth about 2 dB over hard decisions on a noisy page.
 */
const constraint = 7;
const states = 1 << (constraint - 1);
const generators = [0o171, 0o133] as const;
/** Zero bits appended so the encoder ends in state 0 (a terminated code). */
export const tailLength = constraint - 1;

function parity(value: number): number {
  let v = value;
  v ^= v >> 4;
  v ^= v >> 2;
  v ^= v >> 1;
  return v & 1;
}

function outputs(state: number, bit: number): [number, number] {
  const register = (bit << (constraint - 1)) | state;
  return [parity(register & generators[0]), parity(register & generators[1])];
}

/** Encodes message bits (followed by the zero tail): 2 × (message + 6) coded bits. */
export function encodeConvolutional(message: readonly boolean[]): boolean[] {
  const coded: boolean[] = [];
  let state = 0;
  for (const bit of [...message.map(Number), ...new Array<number>(tailLength).fill(0)]) {
    const [a, b] = outputs(state, bit);
    coded.push(a === 1, b === 1);
    state = ((bit << (constraint - 1)) | state) >> 1;
  }
  return coded;
}

/**
 * Soft-decision Viterbi decoding. `soft[i]` > 0 says coded bit i is more likely 1, < 0 more
 * likely 0, 0 means erased (not read). Returns the most likely message of `messageLength` bits.
 */
export function decodeConvolutional(soft: readonly number[], messageLength: number): boolean[] {
  const steps = messageLength + tailLength;
  let metric = new Float64Array(states).fill(-Infinity);
  metric[0] = 0;
  const from: Int16Array[] = [];
  for (let t = 0; t < steps; t++) {
    const next = new Float64Array(states).fill(-Infinity);
    const back = new Int16Array(states).fill(-1);
    const s0 = soft[2 * t] ?? 0;
    const s1 = soft[2 * t + 1] ?? 0;
    for (let state = 0; state < states; state++) {
      const m = metric[state] ?? -Infinity;
      if (m === -Infinity) continue;
      for (const bit of t < messageLength ? [0, 1] : [0]) {
        const [a, b] = outputs(state, bit);
        const target = ((bit << (constraint - 1)) | state) >> 1;
        const candidate = m + (a ? s0 : -s0) + (b ? s1 : -s1);
        if (candidate > (next[target] ?? -Infinity)) {
          next[target] = candidate;
          back[target] = state;
        }
      }
    }
    from.push(back);
    metric = next;
  }
  const bits: boolean[] = [];
  let state = 0;
  for (let t = steps - 1; t >= 0; t--) {
    bits.push(((state >> (constraint - 2)) & 1) === 1);
    state = from[t]?.[state] ?? 0;
  }
  return bits.reverse().slice(0, messageLength);
}
