/**
 * Verbatim channel: winnowed fingerprints of the leak looked up in the index (seeds), each
 * seed extended word by word to the maximal identical run, and runs chained into passages
 * across small edits (a changed, dropped or inserted word), in the seed-and-extend manner of
 * PAN text-alignment systems (Potthast et al. 2014 overview).
 */
import type { MatchIndex } from './match-index.ts';
import { kgramHashes, winnow } from './winnow.ts';

/** A verbatim passage in word positions: leak words [leakFrom, leakTo), document words likewise. */
export interface VerbatimPassage {
  readonly doc: number;
  readonly leakFrom: number;
  readonly leakTo: number;
  readonly docFrom: number;
  readonly docTo: number;
  /** words inside identical runs */
  readonly matched: number;
}

export interface VerbatimOptions {
  /**
   * a fingerprint found in more places than this is boilerplate and seeds nothing (default 50).
   * A quote is still found whole if any one of its fingerprints is rarer: a seed is extended
   * word by word, not fingerprint by fingerprint. So the guarantee holds for every shared run
   * of at least t words except one all of whose windows select a fingerprint held in more than
   * 50 places, that is a phrase common to more than 50 products.
   */
  readonly maxPostings?: number;
  /** runs at most this many words apart on both sides join one passage (default 6) */
  readonly maxGap?: number;
  /** passages with fewer identical words are dropped (default: the guarantee threshold) */
  readonly minWords?: number;
}

interface Run {
  leakFrom: number;
  leakTo: number;
  docFrom: number;
  docTo: number;
}

/** Verbatim passages of the leak (given as word hashes), grouped by document. */
export function findVerbatimPassages(index: MatchIndex, leakWords: Uint32Array, options: VerbatimOptions = {}): Map<number, VerbatimPassage[]> {
  const runs = findRuns(index, leakWords, options.maxPostings ?? 50);
  const passages = new Map<number, VerbatimPassage[]>();
  const minWords = options.minWords ?? index.guaranteeWords;
  for (const [doc, docRuns] of runs) {
    const kept = chainRuns(doc, docRuns, options.maxGap ?? 6).filter((p) => p.matched >= minWords);
    if (kept.length > 0) passages.set(doc, kept);
  }
  return passages;
}

function findRuns(index: MatchIndex, leakWords: Uint32Array, maxPostings: number): Map<number, Run[]> {
  const grams = kgramHashes(leakWords, index.k);
  const p = index.postings();
  const words = index.columns.tokenWord.view();
  const runs = new Map<number, Run[]>();
  for (const at of winnow(grams, index.w)) {
    const h = grams[at] ?? 0;
    const bucket = h >>> p.bucketShift;
    const from = p.bucketStart[bucket] ?? 0;
    const to = p.bucketStart[bucket + 1] ?? 0;
    if (to - from > maxPostings && countHash(p.fingerprintHash, from, to, h) > maxPostings) continue;
    for (let e = from; e < to; e++) {
      if (p.fingerprintHash[e] !== h) continue;
      addSeed(index, words, leakWords, runs, at, p.fingerprintPos[e] ?? 0);
    }
  }
  return runs;
}

function countHash(hashes: Uint32Array, from: number, to: number, h: number): number {
  let n = 0;
  for (let e = from; e < to; e++) if (hashes[e] === h) n++;
  return n;
}

function addSeed(index: MatchIndex, words: Uint32Array, leak: Uint32Array, runs: Map<number, Run[]>, leakAt: number, globalAt: number): void {
  const doc = index.documentOfToken(globalAt);
  const entry = index.documents[doc];
  if (!entry) return;
  const docAt = globalAt - entry.tokenBase;
  const docRuns = runs.get(doc) ?? [];
  // A seed inside a run already found on the same diagonal adds nothing.
  if (docRuns.some((r) => r.leakFrom <= leakAt && leakAt < r.leakTo && r.docFrom - r.leakFrom === docAt - leakAt)) return;
  const base = entry.tokenBase;
  let lf = leakAt;
  let df = docAt;
  while (lf > 0 && df > 0 && leak[lf - 1] === words[base + df - 1]) { lf--; df--; }
  let lt = leakAt;
  let dt = docAt;
  while (lt < leak.length && dt < entry.tokenCount && leak[lt] === words[base + dt]) { lt++; dt++; }
  if (lt - lf < index.k) return; // a k-gram hash collision, not a real match
  docRuns.push({ leakFrom: lf, leakTo: lt, docFrom: df, docTo: dt });
  runs.set(doc, docRuns);
}

// Runs in leak order join one passage while both gaps are small and go forward.
function chainRuns(doc: number, runs: Run[], maxGap: number): VerbatimPassage[] {
  const sorted = [...runs].sort((a, b) => a.leakFrom - b.leakFrom || a.docFrom - b.docFrom);
  const out: VerbatimPassage[] = [];
  let current: (Run & { matched: number }) | undefined;
  for (const r of sorted) {
    if (current && joins(current, r, maxGap)) {
      current.matched += Math.max(0, r.leakTo - Math.max(r.leakFrom, current.leakTo));
      current.leakTo = Math.max(current.leakTo, r.leakTo);
      current.docTo = Math.max(current.docTo, r.docTo);
      continue;
    }
    if (current) out.push({ doc, ...current });
    current = { ...r, matched: r.leakTo - r.leakFrom };
  }
  if (current) out.push({ doc, ...current });
  return out;
}

function joins(a: Run, b: Run, maxGap: number): boolean {
  const leakGap = b.leakFrom - a.leakTo;
  const docGap = b.docFrom - a.docTo;
  return leakGap <= maxGap && docGap <= maxGap && leakGap > -maxGap && docGap > -maxGap && b.docFrom >= a.docFrom;
}
