/**
 * Aligns the folded tokens of a leaked text with those of a product: k-gram seeds
 * (Schleimer, Wilkerson & Aiken 2003 use the same seeds for winnowing) extended to maximal
 * runs of equal tokens. Quotations in pieces, other text around them and reordered passages
 * all align run by run; a run must be `minRun` tokens long to count.
 */
import { KGRAM, kgramKey, type ProductIndex } from './product-index.ts';

export const MIN_RUN = 8;

interface Run {
  readonly leak: number;
  readonly master: number;
  readonly length: number;
}

function extend(leak: readonly string[], master: readonly string[], li: number, mi: number): Run {
  let back = 0;
  while (li - back > 0 && mi - back > 0 && leak[li - back - 1] === master[mi - back - 1]) back++;
  let length = back;
  while (li - back + length < leak.length && mi - back + length < master.length && leak[li - back + length] === master[mi - back + length]) length++;
  return { leak: li - back, master: mi - back, length };
}

/** For each product token, the leak token aligned with it, or -1. */
export function alignLeak(leak: readonly string[], index: ProductIndex, minRun = MIN_RUN): Int32Array {
  const mapping = new Int32Array(index.tokens.length).fill(-1);
  for (let i = 0; i + KGRAM <= leak.length;) {
    const seeds = index.kgrams.get(kgramKey(leak, i)) ?? [];
    let best: Run | null = null;
    for (const m of seeds) {
      const run = extend(leak, index.tokens, i, m);
      if (!best || run.length > best.length) best = run;
    }
    if (!best || best.length < minRun) {
      i++;
      continue;
    }
    for (let k = 0; k < best.length; k++) {
      if (mapping[best.master + k] === -1) mapping[best.master + k] = best.leak + k;
    }
    i = Math.max(i + 1, best.leak + best.length);
  }
  return mapping;
}
