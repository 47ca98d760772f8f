/**
 * Byte form of a MatchIndex, to store beside the database: "WMX1", a little-endian uint32
 * header length, a JSON header (options, documents, terms, column lengths), zero padding to a
 * multiple of 4, then the ten Uint32 columns in order. Posting lists are not stored: they
 * are re-packed from the columns in O(n) on the first query.
 */
import { GrowableUint32 } from './growable.ts';
import { MatchError } from './match-error.ts';
import { MatchIndex, emptyColumns } from './match-index.ts';
import type { DocumentEntry, IndexColumns, MatchIndexOptions } from './match-index.ts';

const MAGIC = 'WMX1';
const COLUMN_NAMES = ['tokenWord', 'tokenStart', 'tokenEnd', 'fingerprintHash', 'fingerprintPos', 'sentenceFrom', 'sentenceTo', 'sentenceDoc', 'termBase', 'sentenceTerms'] as const;

interface Header {
  k: number;
  w: number;
  synonymDigest: string;
  documents: [string, string, number, number, number, number][];
  terms: string[];
  lengths: number[];
}

/** Serialises an index (the fold hook and synonym map are not stored: pass them again). */
export function serialiseIndex(index: MatchIndex): Uint8Array {
  const header: Header = {
    k: index.k, w: index.w, synonymDigest: index.synonymDigest,
    documents: index.documents.map((d) => [d.productId, d.version, d.tokenBase, d.tokenCount, d.sentenceBase, d.sentenceCount]),
    terms: index.terms,
    lengths: COLUMN_NAMES.map((n) => index.columns[n].length),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = align4(8 + json.length);
  const out = new Uint8Array(headerEnd + header.lengths.reduce((s, n) => s + 4 * n, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let at = headerEnd;
  for (const name of COLUMN_NAMES) {
    const view = index.columns[name].view();
    out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), at);
    at += view.byteLength;
  }
  return out;
}

/** Restores an index; `options` must carry the same synonym map (and fold) it was built with. */
export function deserialiseIndex(bytes: Uint8Array, options: MatchIndexOptions = {}): MatchIndex {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new MatchError('BAD_INDEX', 'not a Waymark match index (bad magic)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const header = parseHeader(bytes.subarray(8, 8 + length));
  const columns = readColumns(bytes, align4(8 + length), header.lengths);
  const index = new MatchIndex({ ...options, k: header.k, w: header.w }, columns);
  if (index.synonymDigest !== header.synonymDigest) {
    throw new MatchError('OPTIONS_MISMATCH', `index was built with synonym map ${header.synonymDigest}, got ${index.synonymDigest}`);
  }
  index.restore(header.documents.map(toEntry), header.terms);
  return index;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function parseHeader(bytes: Uint8Array): Header {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new MatchError('BAD_INDEX', 'match index header is not JSON', { cause });
  }
  if (!isHeader(parsed)) throw new MatchError('BAD_INDEX', 'match index header lacks k, w, documents, terms or lengths');
  return parsed;
}

function isHeader(x: unknown): x is Header {
  if (typeof x !== 'object' || x === null) return false;
  const h: Record<string, unknown> = { ...x };
  return typeof h.k === 'number' && typeof h.w === 'number' && typeof h.synonymDigest === 'string'
    && Array.isArray(h.documents) && Array.isArray(h.terms) && Array.isArray(h.lengths) && h.lengths.length === COLUMN_NAMES.length;
}

function readColumns(bytes: Uint8Array, from: number, lengths: readonly number[]): IndexColumns {
  const columns: Record<string, GrowableUint32> = { ...emptyColumns() };
  let at = from;
  COLUMN_NAMES.forEach((name, i) => {
    const n = lengths[i] ?? 0;
    if (!Number.isInteger(n) || n < 0 || at + 4 * n > bytes.length) throw new MatchError('BAD_INDEX', `match index column ${name} is truncated`);
    // Copy: the input may be unaligned and is owned by the caller. Not `bytes.slice(...).buffer`:
    // a Node Buffer's slice is a view, and its `.buffer` is the whole (pooled) allocation.
    const column = new Uint32Array(n);
    new Uint8Array(column.buffer).set(bytes.subarray(at, at + 4 * n));
    columns[name] = GrowableUint32.from(column);
    at += 4 * n;
  });
  return {
    tokenWord: need(columns, 'tokenWord'), tokenStart: need(columns, 'tokenStart'), tokenEnd: need(columns, 'tokenEnd'),
    fingerprintHash: need(columns, 'fingerprintHash'), fingerprintPos: need(columns, 'fingerprintPos'),
    sentenceFrom: need(columns, 'sentenceFrom'), sentenceTo: need(columns, 'sentenceTo'), sentenceDoc: need(columns, 'sentenceDoc'),
    termBase: need(columns, 'termBase'), sentenceTerms: need(columns, 'sentenceTerms'),
  };
}

function need(columns: Record<string, GrowableUint32>, name: string): GrowableUint32 {
  const c = columns[name];
  if (!c) throw new MatchError('BAD_INDEX', `match index column ${name} is missing`);
  return c;
}

function toEntry([productId, version, tokenBase, tokenCount, sentenceBase, sentenceCount]: Header['documents'][number]): DocumentEntry {
  return { productId, version, tokenBase, tokenCount, sentenceBase, sentenceCount };
}
