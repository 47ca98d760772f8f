/**
 * Loaders for the shared real test data (../shared/data from the repo root; see its
 * README.md), and an SQLite FTS5 BM25 baseline for content-match benchmarks.
 * Read-only: nothing here copies the data into the project.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The shared data folder: ../shared/data relative to the repository root. */
export const SHARED_DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');

export interface MrpcPair {
  readonly label: 0 | 1;
  readonly id1: string;
  readonly id2: string;
  readonly s1: string;
  readonly s2: string;
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/^\ufeff/u, '').split(/\r?\n/u).filter((l) => l.trim() !== '');
}

/** MRPC training split: 4,076 pairs (TSV label, id1, id2, sentence1, sentence2; BOM, no header). */
export function loadMrpc(): MrpcPair[] {
  return readLines(join(SHARED_DATA, 'mrpc', 'msr_paraphrase_train.txt')).flatMap((line) => {
    const [label, id1, id2, s1, s2] = line.split('\t');
    if (s1 === undefined || s2 === undefined || id1 === undefined || id2 === undefined) return [];
    return [{ label: label === '1' ? 1 : 0, id1, id2, s1, s2 } satisfies MrpcPair];
  });
}

export interface StsPair {
  readonly genre: string;
  readonly file: string;
  readonly score: number;
  readonly s1: string;
  readonly s2: string;
}

/** STS Benchmark train split (TSV genre, file, year, id, score, s1, s2). */
export function loadStsb(split: 'train' | 'dev' = 'train'): StsPair[] {
  return readLines(join(SHARED_DATA, 'stsb', `sts-${split}.csv`)).flatMap((line) => {
    const [genre, file, , , score, s1, s2] = line.split('\t');
    if (genre === undefined || file === undefined || s1 === undefined || s2 === undefined) return [];
    return [{ genre, file, score: Number(score), s1, s2 }];
  });
}

export type ReuseCategory = 'cut' | 'light' | 'heavy' | 'non';

export interface CloughAnswer {
  readonly file: string;
  readonly task: string;
  readonly category: ReuseCategory;
  readonly text: string;
}

// The corpus mixes UTF-8 and Windows-1252 files.
function readText(path: string): string {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Clough & Stevenson: the 5 source texts by task letter, and the 95 graded answers. */
export function loadClough(): { sources: Map<string, string>; answers: CloughAnswer[] } {
  const dir = join(SHARED_DATA, 'clough-stevenson');
  const sources = new Map(['a', 'b', 'c', 'd', 'e'].map((t) => [t, readText(join(dir, `orig_task${t}.txt`))]));
  const answers = readLines(join(dir, 'file_information.csv')).slice(1).flatMap((line) => {
    const [file, task, category] = line.split(',').map((f) => f.trim());
    if (!file || !task || !isCategory(category)) return [];
    return [{ file, task, category, text: readText(join(dir, file)) }];
  });
  return { sources, answers };
}

function isCategory(c: string | undefined): c is ReuseCategory {
  return c === 'cut' || c === 'light' || c === 'heavy' || c === 'non';
}

export interface BenchProduct {
  readonly id: string;
  readonly text: string;
}

/**
 * MRPC products: distinct `sentence1`s in file order, `groupSize` to a product, one per
 * paragraph. `productOf` maps each sentence1 to its product.
 */
export function mrpcProducts(pairs: readonly MrpcPair[], groupSize = 10): { products: BenchProduct[]; productOf: Map<string, string> } {
  const distinct = [...new Set(pairs.map((p) => p.s1))];
  const products: BenchProduct[] = [];
  const productOf = new Map<string, string>();
  for (let i = 0; i < distinct.length; i += groupSize) {
    const id = `MRPC-${String(i / groupSize).padStart(4, '0')}`;
    const group = distinct.slice(i, i + groupSize);
    for (const s of group) productOf.set(s, id);
    products.push({ id, text: group.map((s) => `(U) ${s}`).join('\n\n') });
  }
  return { products, productOf };
}

/** ROC AUC (Mann–Whitney U): chance that a positive outscores a negative, ties counting half. */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  const all = [...positives.map((v) => ({ v, pos: 1 })), ...negatives.map((v) => ({ v, pos: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + 1 + j) / 2;
    for (let m = i; m < j; m++) if (all[m]!.pos) rankSum += rank;
    i = j;
  }
  const p = positives.length;
  const n = negatives.length;
  return p && n ? (rankSum - (p * (p + 1)) / 2) / (p * n) : Number.NaN;
}

/**
 * The baseline: SQLite FTS5 with the Porter tokenizer, ranked by its built-in BM25, in an
 * in-memory database in the same process. A leak is queried as an OR of its distinct words.
 */
export class Bm25Baseline {
  private readonly db = new Database(':memory:');
  private readonly insert;
  private readonly top;
  private readonly one;

  constructor() {
    this.db.exec("CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, body, tokenize = 'porter unicode61')");
    this.insert = this.db.prepare<[string, string]>('INSERT INTO doc (id, body) VALUES (?, ?)');
    this.top = this.db.prepare<[string, number], { id: string; score: number }>('SELECT id, -bm25(doc) AS score FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?');
    this.one = this.db.prepare<[string, string], { score: number }>('SELECT -bm25(doc) AS score FROM doc WHERE doc MATCH ? AND id = ?');
  }

  add(products: readonly BenchProduct[]): void {
    this.db.transaction(() => { for (const p of products) this.insert.run(p.id, p.text); })();
  }

  /** The best `limit` products for a text, best first. */
  search(text: string, limit = 20): { id: string; score: number }[] {
    const q = bm25Query(text);
    return q ? this.top.all(q, limit) : [];
  }

  /** The BM25 score of one product for a text (0 when it shares no word). */
  scoreOf(text: string, id: string): number {
    const q = bm25Query(text);
    return q ? this.one.get(q, id)?.score ?? 0 : 0;
  }

  /** Bytes of the in-memory database. */
  size(): number {
    const pages = this.db.pragma('page_count', { simple: true });
    const pageSize = this.db.pragma('page_size', { simple: true });
    return Number(pages) * Number(pageSize);
  }

  close(): void {
    this.db.close();
  }
}

function bm25Query(text: string): string {
  const words = new Set(text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []);
  return [...words].map((w) => `"${w}"`).join(' OR ');
}

/**
 * The products that share a run of at least `run` identical words with a text (lower-cased
 * \w+ words). MRPC reuses sentences across pairs, so a "paraphrase" query can be a verbatim
 * copy of a sentence in another product; benchmarks use this to set such queries apart,
 * by a rule that does not depend on the engine under test.
 */
export function verbatimOwners(products: readonly BenchProduct[], run = 8): (text: string) => Set<string> {
  const words = (t: string): string[] => t.toLowerCase().match(/\w+/gu) ?? [];
  const owners = new Map<string, Set<string>>();
  for (const p of products) {
    const w = words(p.text.replace(/\([A-Z/ ,]+\)/gu, ''));
    for (let i = 0; i + run <= w.length; i++) {
      const key = w.slice(i, i + run).join(' ');
      owners.set(key, (owners.get(key) ?? new Set()).add(p.id));
    }
  }
  return (text) => {
    const w = words(text);
    const found = new Set<string>();
    for (let i = 0; i + run <= w.length; i++) for (const id of owners.get(w.slice(i, i + run).join(' ')) ?? []) found.add(id);
    return found;
  };
}

/** Lower-cased words of a text, punctuation aside (Unicode letters and digits, marks dropped). */
export function plainWords(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word-level Levenshtein distance (insertions, deletions and substitutions of whole words). */
export function wordEditDistance(a: readonly string[], b: readonly string[]): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** A query's copies in products other than its own (see `copyHolders`). */
export interface Copies {
  /** products holding a sentence with exactly the query's words */
  readonly exact: readonly string[];
  /** products holding a sentence within the edit limit and nearer than the query's own sentence */
  readonly near: readonly string[];
}

/**
 * An oracle independent of any matcher, for the best recall@1 a ranking can reach: MRPC reuses
 * sentences across pairs, so a pair's sentence2 can be a copy of another pair's sentence1 in
 * another product. For a query, its own product and its own sentence, the other products
 * holding a sentence with the same words (case and punctuation aside), and those holding one
 * within `maxEdits` word edits that is strictly nearer to the query than its own sentence is:
 * any matcher that ranks copies first must rank that product above the query's own.
 */
export function copyHolders(productOf: ReadonlyMap<string, string>, maxEdits = 2): (query: string, own: string, product: string) => Copies {
  const sentences = [...productOf].map(([text, id]) => ({ words: plainWords(text), distinct: new Set(plainWords(text)).size, id }));
  const byWord = new Map<string, number[]>();
  sentences.forEach((s, i) => { for (const w of new Set(s.words)) byWord.set(w, [...(byWord.get(w) ?? []), i]); });
  return (query, own, product) => {
    const q = plainWords(query);
    const distinct = new Set(q).size;
    const ownDistance = wordEditDistance(q, plainWords(own));
    const shared = new Map<number, number>();
    for (const w of new Set(q)) for (const i of byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const exact = new Set<string>();
    const near = new Set<string>();
    for (const [i, count] of shared) {
      const s = sentences[i];
      // each distinct word one side lacks costs at least one edit
      if (!s || s.id === product || Math.max(distinct, s.distinct) - count > maxEdits) continue;
      const d = wordEditDistance(q, s.words);
      if (d === 0) exact.add(s.id);
      else if (d <= maxEdits && d < ownDistance) near.add(s.id);
    }
    return { exact: [...exact], near: [...near].filter((id) => !exact.has(id)) };
  };
}
