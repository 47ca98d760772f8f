/**
 * A small seeded generator for the pure core: domain code never calls Math.random() or
 * crypto randomness itself (DESIGN.md); it is handed one of these. sfc32 (Chris Doty-Humphrey's
 * Small Fast Counting generator, PractRand-clean to 2^40+ bytes) seeded through cyrb128.
 * Not for keys: secrets that must be unpredictable are seeded from crypto.randomBytes by the shell.
 */
export interface Random {
  /** A float uniform in [0, 1). */
  next(): number;
  /** An integer uniform in [0, n). */
  int(n: number): number;
  /** An independent generator derived from this one and a label. */
  fork(label: string): Random;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A generator fully determined by `seed`: the same seed gives the same sequence everywhere. */
export function createRandom(seed: string | number): Random {
  let [a, b, c, d] = cyrb128(String(seed));
  const nextUint32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();
  const random: Random = {
    next: () => nextUint32() / 4294967296,
    int: (n) => Math.floor((nextUint32() / 4294967296) * n),
    fork: (label) => createRandom(`${seed}/${label}/${nextUint32()}`),
  };
  return random;
}
