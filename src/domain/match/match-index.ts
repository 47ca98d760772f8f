/**
 * The passage-level index of product versions. Everything is held in integer columns (typed
 * arrays), never one object per posting: at 50,000 products × 1,500 words it is about
 * 25 bytes a word. Documents are added one at a time; the posting lists are packed lazily (a
 * counting sort, O(n)) on the first query after an addition, and are not serialised because
 * they are derived.
 */
import { GrowableUint32 } from './growable.ts';
import { MatchError } from './match-error.ts';
import { sentenceTerms } from './sentences.ts';
import { createTermFolder, digestSynonyms } from './term-folder.ts';
import type { SynonymMap, TermFolder } from './term-folder.ts';
import { tokenise } from './tokenise.ts';
import type { Fold } from './tokenise.ts';
import { hashWord, kgramHashes, winnow } from './winnow.ts';

export interface MatchIndexOptions {
  /** words per k-gram (default 4) */
  readonly k?: number;
  /** winnowing window in k-grams (default 4): every shared run of k + w − 1 words is found */
  readonly w?: number;
  /** canonical folding of fingerprint alternatives, applied to documents and leaks alike */
  readonly fold?: Fold;
  /** safe synonyms (lemma → canonical), e.g. from src/adapters/wordnet */
  readonly synonyms?: SynonymMap;
}

/** One product version to index. Paragraphs are separated by blank lines. */
export interface ProductDocument {
  readonly productId: string;
  readonly version: string;
  readonly text: string;
}

/** What the index keeps of a document: its identity and where its rows start. */
export interface DocumentEntry {
  readonly productId: string;
  readonly version: string;
  readonly tokenBase: number;
  readonly tokenCount: number;
  readonly sentenceBase: number;
  readonly sentenceCount: number;
}

/** Posting lists, derived from the columns. */
export interface PackedPostings {
  /** fingerprint buckets: entries of bucket b are [bucketStart[b], bucketStart[b + 1]) */
  readonly bucketShift: number;
  readonly bucketStart: Uint32Array;
  readonly fingerprintHash: Uint32Array;
  readonly fingerprintPos: Uint32Array;
  /** the terms of sentence s are sentenceTermIds[sentenceTermBase[s] .. sentenceTermBase[s + 1]) (views of the columns) */
  readonly sentenceTermBase: Uint32Array;
  readonly sentenceTermIds: Uint32Array;
  /** sentences containing term t are termSentences[termStart[t] .. termStart[t + 1]) */
  readonly termStart: Uint32Array;
  readonly termSentences: Uint32Array;
  /** idf of each term over sentences: ln(1 + S / df) */
  readonly idf: Float32Array;
  /** idf used for a leak term the corpus has never seen */
  readonly unseenIdf: number;
  /** Euclidean norm of each sentence's tf-idf vector */
  readonly sentenceNorm: Float32Array;
  /** sum of the idf of each sentence's terms (sentence-similarity.ts) */
  readonly sentenceIdfSum: Float32Array;
  /** 1 for a term that is a number */
  readonly numericTerm: Uint8Array;
  /** numbers among each sentence's terms */
  readonly sentenceNumbers: Uint8Array;
}

/** The columns of an index; see serialise-index.ts for their byte layout. */
export interface IndexColumns {
  readonly tokenWord: GrowableUint32;
  readonly tokenStart: GrowableUint32;
  readonly tokenEnd: GrowableUint32;
  readonly fingerprintHash: GrowableUint32;
  readonly fingerprintPos: GrowableUint32;
  readonly sentenceFrom: GrowableUint32;
  readonly sentenceTo: GrowableUint32;
  readonly sentenceDoc: GrowableUint32;
  /** CSR: the terms of sentence s are sentenceTerms[termBase[s] .. termBase[s + 1]) */
  readonly termBase: GrowableUint32;
  readonly sentenceTerms: GrowableUint32;
}

export function emptyColumns(): IndexColumns {
  const termBase = new GrowableUint32();
  termBase.push(0);
  return {
    tokenWord: new GrowableUint32(), tokenStart: new GrowableUint32(), tokenEnd: new GrowableUint32(),
    fingerprintHash: new GrowableUint32(), fingerprintPos: new GrowableUint32(),
    sentenceFrom: new GrowableUint32(), sentenceTo: new GrowableUint32(), sentenceDoc: new GrowableUint32(),
    termBase, sentenceTerms: new GrowableUint32(),
  };
}

export class MatchIndex {
  readonly k: number;
  readonly w: number;
  readonly fold: Fold | undefined;
  readonly synonymDigest: string;
  readonly foldTerm: TermFolder;
  readonly documents: DocumentEntry[] = [];
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  private packed: PackedPostings | undefined;

  constructor(options: MatchIndexOptions = {}, readonly columns: IndexColumns = emptyColumns()) {
    this.k = options.k ?? 4;
    this.w = options.w ?? 4;
    if (!Number.isInteger(this.k) || !Number.isInteger(this.w) || this.k < 1 || this.w < 1) {
      throw new MatchError('BAD_OPTION', `k and w must be positive integers, got k=${this.k}, w=${this.w}`);
    }
    this.fold = options.fold;
    this.synonymDigest = digestSynonyms(options.synonyms ?? new Map());
    this.foldTerm = createTermFolder(options.synonyms);
  }

  /** The shortest shared run of words the verbatim channel is guaranteed to find. */
  get guaranteeWords(): number {
    return this.w + this.k - 1;
  }

  get sentenceCount(): number {
    return this.columns.sentenceDoc.length;
  }

  /** The id of a known term, or -1. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** Adds one product version. Adding is cheap; the next query re-packs the postings. */
  add(doc: ProductDocument): void {
    const tokens = tokenise(doc.text, this.fold);
    const c = this.columns;
    const tokenBase = c.tokenWord.length;
    const sentenceBase = c.sentenceDoc.length;
    const hashes = Uint32Array.from(tokens.words, hashWord);
    for (let i = 0; i < hashes.length; i++) {
      c.tokenWord.push(hashes[i] ?? 0);
      c.tokenStart.push(tokens.starts[i] ?? 0);
      c.tokenEnd.push(tokens.ends[i] ?? 0);
    }
    const grams = kgramHashes(hashes, this.k);
    for (const p of winnow(grams, this.w)) {
      c.fingerprintHash.push(grams[p] ?? 0);
      c.fingerprintPos.push(tokenBase + p);
    }
    const docIndex = this.documents.length;
    for (const s of sentenceTerms(tokens, this.foldTerm)) {
      c.sentenceFrom.push(tokenBase + s.from);
      c.sentenceTo.push(tokenBase + s.to);
      c.sentenceDoc.push(docIndex);
      for (const id of s.terms.map((t) => this.intern(t)).sort((a, b) => a - b)) c.sentenceTerms.push(id);
      c.termBase.push(c.sentenceTerms.length);
    }
    this.documents.push({
      productId: doc.productId, version: doc.version, tokenBase, tokenCount: hashes.length,
      sentenceBase, sentenceCount: c.sentenceDoc.length - sentenceBase,
    });
    this.packed = undefined;
  }

  /** Restores a document entry and its terms from a serialised index (serialise-index.ts). */
  restore(documents: readonly DocumentEntry[], terms: readonly string[]): void {
    for (const t of terms) this.intern(t);
    this.documents.push(...documents);
    this.packed = undefined;
  }

  /** The posting lists, packed on demand. */
  postings(): PackedPostings {
    this.packed ??= packPostings(this.columns, this.terms);
    return this.packed;
  }

  /** The document holding global token `pos` (binary search over token bases). */
  documentOfToken(pos: number): number {
    let lo = 0;
    let hi = this.documents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.documents[mid]?.tokenBase ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }
}

function packPostings(c: IndexColumns, terms: readonly string[]): PackedPostings {
  const fingerprints = packFingerprints(c.fingerprintHash.view(), c.fingerprintPos.view());
  const sentences = packTerms(c.termBase.view(), c.sentenceTerms.view(), terms);
  return { ...fingerprints, ...sentences };
}

// Counting sort of the fingerprints into 2^bits buckets by their top bits.
function packFingerprints(hash: Uint32Array, pos: Uint32Array): Pick<PackedPostings, 'bucketShift' | 'bucketStart' | 'fingerprintHash' | 'fingerprintPos'> {
  const bits = Math.max(4, Math.min(26, Math.ceil(Math.log2(Math.max(2, hash.length)))));
  const bucketShift = 32 - bits;
  const bucketStart = new Uint32Array((1 << bits) + 1);
  for (let i = 0; i < hash.length; i++) bucketStart[((hash[i] ?? 0) >>> bucketShift) + 1]!++;
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1] ?? 0;
  const fill = bucketStart.slice(0, -1);
  const sortedHash = new Uint32Array(hash.length);
  const sortedPos = new Uint32Array(hash.length);
  for (let i = 0; i < hash.length; i++) {
    const h = hash[i] ?? 0;
    const at = fill[h >>> bucketShift]!++;
    sortedHash[at] = h;
    sortedPos[at] = pos[i] ?? 0;
  }
  return { bucketShift, bucketStart, fingerprintHash: sortedHash, fingerprintPos: sortedPos };
}

// Inverted index term → sentences (ascending), idf over sentences, and per-sentence sums.
function packTerms(termBase: Uint32Array, terms: Uint32Array, termNames: readonly string[]): Pick<PackedPostings, 'sentenceTermBase' | 'sentenceTermIds' | 'termStart' | 'termSentences' | 'idf' | 'unseenIdf' | 'sentenceNorm' | 'sentenceIdfSum' | 'numericTerm' | 'sentenceNumbers'> {
  const termCount = termNames.length;
  const sentenceCount = termBase.length - 1;
  const termStart = new Uint32Array(termCount + 1);
  for (let i = 0; i < terms.length; i++) termStart[(terms[i] ?? 0) + 1]!++;
  for (let t = 1; t <= termCount; t++) termStart[t]! += termStart[t - 1] ?? 0;
  const fill = termStart.slice(0, -1);
  const termSentences = new Uint32Array(terms.length);
  for (let s = 0; s < sentenceCount; s++) {
    for (let i = termBase[s] ?? 0; i < (termBase[s + 1] ?? 0); i++) termSentences[fill[terms[i] ?? 0]!++] = s;
  }
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) idf[t] = Math.log(1 + sentenceCount / Math.max(1, (termStart[t + 1] ?? 0) - (termStart[t] ?? 0)));
  const numericTerm = Uint8Array.from(termNames, (t) => (isNumberTerm(t) ? 1 : 0));
  const sentenceNorm = new Float32Array(sentenceCount);
  const sentenceIdfSum = new Float32Array(sentenceCount);
  const sentenceNumbers = new Uint8Array(sentenceCount);
  for (let s = 0; s < sentenceCount; s++) {
    let squares = 0;
    let sum = 0;
    let numbers = 0;
    for (let i = termBase[s] ?? 0; i < (termBase[s + 1] ?? 0); i++) {
      const t = terms[i] ?? 0;
      const w = idf[t] ?? 0;
      squares += w * w;
      sum += w;
      numbers += numericTerm[t] ?? 0;
    }
    sentenceNorm[s] = Math.sqrt(squares);
    sentenceIdfSum[s] = sum;
    sentenceNumbers[s] = Math.min(255, numbers);
  }
  return { sentenceTermBase: termBase, sentenceTermIds: terms, termStart, termSentences, idf, unseenIdf: Math.log(1 + Math.max(1, sentenceCount)), sentenceNorm, sentenceIdfSum, numericTerm, sentenceNumbers };
}

/** A term that is a number ("2003", "4", "1st" is not): numbers must agree between paraphrases. */
export function isNumberTerm(term: string): boolean {
  return /^\d+$/u.test(term);
}
