/**
 * Offsets from a folded text back to the text it was folded from. The fold hook (e.g. the
 * fingerprint module's canonicalText) rewrites the whole text — `for example` → `e.g.`,
 * `decision making` → `decision-making`, `e-mail` → `email`, invisible marks removed — and
 * returns only the new string, so the edits are recovered by aligning the two texts.
 *
 * Both texts are cut into diff tokens (runs of letters, digits and marks; any other
 * non-space character alone; spaces skipped) and aligned greedily: equal tokens map character
 * by character; at a difference, the nearest point where `ANCHOR` tokens agree again ends the
 * edit, and every folded character inside the edit maps to the whole original span it
 * replaced. Folds make short local edits, so this is linear in practice (a local form of the
 * anchor-and-extend alignment of Myers' diff, "An O(ND) difference algorithm", 1986, without
 * its minimality, which offsets do not need).
 */

/** For each folded character i: its original span [start[i], end[i]). */
export interface OffsetMap {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

interface DiffToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const WORD_RUN = /[\p{L}\p{N}\p{M}]+|\S/gu;
// Tokens that must agree after an edit before the texts count as back in step.
const ANCHOR = 2;
// How far (in tokens, on each side) an edit may reach; beyond it the rest is one edit.
const MAX_EDIT = 24;

function diffTokens(text: string): DiffToken[] {
  return [...text.matchAll(WORD_RUN)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/**
 * The offset map of `folded` into `original`.
 *
 * @example
 * const map = alignOffsets('for example, red', 'e.g., red');
 * [map.start[0], map.end[2]] // [0, 11]: "e.g" came from "for example"
 */
export function alignOffsets(original: string, folded: string): OffsetMap {
  const map: OffsetMap = { start: new Int32Array(folded.length).fill(-1), end: new Int32Array(folded.length).fill(-1) };
  const a = diffTokens(original);
  const b = diffTokens(folded);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]?.text === b[j]?.text) {
      mapEqual(map, a[i], b[j]);
      i++;
      j++;
      continue;
    }
    const [di, dj] = nextAnchor(a, b, i, j);
    mapRegion(map, a.slice(i, i + di), b.slice(j, j + dj), a[i]?.start ?? original.length);
    i += di;
    j += dj;
  }
  mapEdit(map, a.slice(i), b.slice(j), a[i]?.start ?? original.length);
  fillGaps(map);
  return map;
}

function mapEqual(map: OffsetMap, from: DiffToken | undefined, to: DiffToken | undefined): void {
  if (!from || !to) return;
  for (let c = 0; c < to.end - to.start; c++) {
    map.start[to.start + c] = from.start + c;
    map.end[to.start + c] = from.start + c + 1;
  }
}

// Inside a region between anchors, tokens on a longest common subsequence still map one to
// one ("e-mail. Numerous" → "email. Many" keeps the full stop), and only the gaps are edits.
function mapRegion(map: OffsetMap, from: readonly DiffToken[], to: readonly DiffToken[], at: number): void {
  const lcs = commonSubsequence(from, to);
  let i = 0;
  let j = 0;
  for (const [mi, mj] of lcs) {
    mapEdit(map, from.slice(i, mi), to.slice(j, mj), from[i]?.start ?? at);
    mapEqual(map, from[mi], to[mj]);
    i = mi + 1;
    j = mj + 1;
  }
  mapEdit(map, from.slice(i), to.slice(j), from[i]?.start ?? from[from.length - 1]?.end ?? at);
}

// Index pairs of a longest common subsequence (the textbook dynamic programme; regions are
// at most MAX_EDIT tokens a side).
function commonSubsequence(a: readonly DiffToken[], b: readonly DiffToken[]): [number, number][] {
  const width = b.length + 1;
  const table = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i]?.text === b[j]?.text
        ? (table[(i + 1) * width + j + 1] ?? 0) + 1
        : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]?.text === b[j]?.text) pairs.push([i++, j++]);
    else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

// Every folded character of an edit maps to the whole original span it replaced; an insertion
// maps to the empty span where it was inserted.
function mapEdit(map: OffsetMap, from: readonly DiffToken[], to: readonly DiffToken[], at: number): void {
  const start = from[0]?.start ?? at;
  const end = from[from.length - 1]?.end ?? at;
  for (const t of to) {
    map.start.fill(start, t.start, t.end);
    map.end.fill(end, t.start, t.end);
  }
}

// The smallest (di, dj), by di + dj, after which ANCHOR tokens agree (or both texts end).
function nextAnchor(a: readonly DiffToken[], b: readonly DiffToken[], i: number, j: number): [number, number] {
  for (let d = 1; d <= 2 * MAX_EDIT; d++) {
    for (let di = Math.max(0, d - MAX_EDIT); di <= Math.min(d, MAX_EDIT); di++) {
      if (inStep(a, b, i + di, j + d - di)) return [di, d - di];
    }
  }
  return [a.length - i, b.length - j];
}

function inStep(a: readonly DiffToken[], b: readonly DiffToken[], i: number, j: number): boolean {
  for (let k = 0; k < ANCHOR; k++) {
    if (i + k >= a.length || j + k >= b.length) return i + k >= a.length && j + k >= b.length;
    if (a[i + k]?.text !== b[j + k]?.text) return false;
  }
  return true;
}

// Spaces between tokens take the end of what precedes them.
function fillGaps(map: OffsetMap): void {
  let last = 0;
  for (let c = 0; c < map.start.length; c++) {
    if ((map.start[c] ?? -1) < 0) {
      map.start[c] = last;
      map.end[c] = last;
    } else {
      last = map.end[c] ?? last;
    }
  }
}
