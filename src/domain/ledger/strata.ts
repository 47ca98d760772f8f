/**
 * Which hashes of the tree a store keeps, and how any other hash is computed from them. The
 * store keeps every fourth level ("strata"): level 0 (the leaf hashes), 4, 8, 12, … Levels 8·L
 * are the C2SP tlog-tiles levels, so tiles are still served from the same rows.
 *
 * A complete subtree at level l is the hash of 2^(l mod 4) ≤ 8 consecutive hashes of the stratum
 * below it (RFC 9162 §2.1.1 applied to a complete subtree), so a root or an RFC 9162 proof at any
 * size needs at most 16 stored hashes per stratum — about 80 rows at a million entries, read in
 * one statement — and a few dozen node hashes. Storing every fourth level costs one extra row
 * per 15 entries on append.
 */
import { powerOfTwo } from './bits.ts';
import { HASH_SIZE, nodeHash } from './hash.ts';
import type { HashLookup, NodeAddress } from './tree-plan.ts';

/** Levels between two strata. */
export const STRATUM_HEIGHT = 4;

/** True for the levels a store keeps (level 0 being the leaf hashes of the entries). */
export function isStratumLevel(level: number): boolean {
  return level % STRATUM_HEIGHT === 0;
}

/** Stored hashes [lo, hi) of one stratum level. */
export interface HashRange {
  readonly level: number;
  readonly lo: number;
  readonly hi: number;
}

/** The stored hashes a node's hash is computed from: the stratum at or below it. */
export function stratumSpan(address: NodeAddress): HashRange {
  const level = address.level - (address.level % STRATUM_HEIGHT);
  const span = powerOfTwo(address.level - level);
  return { level, lo: address.index * span, hi: (address.index + 1) * span };
}

/**
 * The ranges of stored hashes the addresses need, merged per level; ranges less than one
 * stratum block apart are read as one (a few more rows cost less than another condition).
 */
export function rangesForAddresses(addresses: readonly NodeAddress[]): HashRange[] {
  const spans = addresses.map(stratumSpan).sort((a, b) => a.level - b.level || a.lo - b.lo);
  const gap = powerOfTwo(STRATUM_HEIGHT);
  const out: HashRange[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last !== undefined && last.level === span.level && span.lo <= last.hi + gap) {
      out[out.length - 1] = { ...last, hi: Math.max(last.hi, span.hi) };
    } else {
      out.push(span);
    }
  }
  return out;
}

/** One stored hash as a store reads it. */
export interface StratumRow {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/**
 * A lookup that computes any complete subtree's hash from the stored hashes read for it. Each
 * hash it computes is kept, since a proof and the roots beside it ask for the same nodes.
 * A stored hash that is missing or not 32 bytes reads as undefined (the plan then reports it).
 */
export function lookupFromStrata(rows: Iterable<StratumRow>): HashLookup {
  // Per level, index → hash (numbers as keys: a proof asks for a few hundred nodes).
  const known: Map<number, Uint8Array>[] = [];
  const level = (l: number): Map<number, Uint8Array> => (known[l] ??= new Map());
  for (const row of rows) if (isStratumLevel(row.level) && row.hash.length === HASH_SIZE) level(row.level).set(row.index, row.hash);
  const lookup: HashLookup = (address) => {
    const stored = known[address.level]?.get(address.index);
    if (stored !== undefined || isStratumLevel(address.level)) return stored;
    const left = lookup({ level: address.level - 1, index: address.index * 2 });
    const right = lookup({ level: address.level - 1, index: address.index * 2 + 1 });
    if (left === undefined || right === undefined) return undefined;
    const hash = nodeHash(left, right);
    level(address.level).set(address.index, hash);
    return hash;
  };
  return lookup;
}
