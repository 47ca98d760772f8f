/**
 * Winnowing (Schleimer, Wilkerson & Aiken, "Winnowing: local algorithms for document
 * fingerprinting", SIGMOD 2003) over word k-grams.
 *
 * Guarantee (§3, "guarantee threshold"): with windows of w consecutive k-gram hashes, any run
 * of at least t = w + k − 1 identical words shared by two texts yields at least one
 * fingerprint common to both, because that run contains a whole window and both sides select
 * that window's minimum hash. Runs shorter than k words are never found (noise threshold).
 */

/** 32-bit FNV-1a of a word: the word identity used by the verbatim channel. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of every k-gram of word hashes: entry i covers words [i, i + k). */
export function kgramHashes(wordHashes: ArrayLike<number>, k: number): Uint32Array {
  const count = Math.max(0, wordHashes.length - k + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < k; j++) {
      h = Math.imul(h ^ (wordHashes[i + j] ?? 0), 0x85ebca6b);
      h ^= h >>> 13;
    }
    out[i] = mix32(h);
  }
  return out;
}

// Murmur3's finaliser: spreads k-gram hashes so window minima are not biased.
function mix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Positions (k-gram indices) selected by robust winnowing: in each window of w hashes the
 * minimum, the rightmost one on ties, recorded once while it stays the minimum (§4.1).
 * A text shorter than one window selects its overall minimum, so short quotes still seed.
 */
export function winnow(hashes: Uint32Array, w: number): number[] {
  const selected: number[] = [];
  if (hashes.length === 0) return selected;
  const width = Math.min(w, hashes.length);
  let last = -1;
  for (let end = width - 1; end < hashes.length; end++) {
    const start = end - width + 1;
    let best = last >= start ? last : end;
    if (last >= start) {
      if ((hashes[end] ?? 0) <= (hashes[best] ?? 0)) best = end;
    } else {
      for (let i = end; i >= start; i--) if ((hashes[i] ?? 0) < (hashes[best] ?? 0)) best = i;
    }
    if (best !== last) selected.push(best);
    last = best;
  }
  return selected;
}
