/**
 * Content matching over the store (issue 6): the index of every product version, folded so
 * every fingerprinted copy matches alike, and `waymark match`. The index is built from the
 * store on first use in a process and kept current as products are added in that process.
 */
import { loadLexicon } from '../adapters/lexicon/load-lexicon.ts';
import { loadSynonymMap } from '../adapters/wordnet/synonym-map.ts';
import { canonicalText } from '../domain/fingerprint/index.ts';
import { MatchIndex } from '../domain/match/match-index.ts';
import { matchLeak } from '../domain/match/match-leak.ts';
import type { MatchedSource } from '../domain/match/match-leak.ts';
import type { Engine } from '../store/engine.ts';
import { openText, versionBody } from './sealed-texts.ts';

let synonyms: Promise<Map<string, string>> | undefined;

/** Builds the match index of every product version in the store (each body opened; the index lives in memory only). */
export async function buildMatchIndex(engine: Engine): Promise<MatchIndex> {
  synonyms ??= loadSynonymMap();
  const lexicon = loadLexicon();
  const index = new MatchIndex({ synonyms: await synonyms, fold: (text) => canonicalText(text, lexicon) });
  const versions = await engine.db.selectFrom('product_versions').select(['product_id', 'version', 'body']).orderBy('product_id').orderBy('version').execute();
  for (const v of versions) index.add({ productId: v.product_id, version: String(v.version), text: openText(engine, versionBody(v.product_id, v.version), v.body) });
  return index;
}

export interface SourceJson {
  readonly product: string;
  readonly version: number;
  readonly score: number;
  readonly passages: readonly { leak: readonly [number, number]; product: readonly [number, number]; kind: 'verbatim' | 'paraphrase'; score: number; versions: readonly number[] }[];
}

/** CONTRACT.md's `sources`: sorted by score, offsets [start, end) into the leak and the master. */
export function sourcesJson(sources: readonly MatchedSource[]): SourceJson[] {
  return sources.map((s) => ({
    product: s.product, version: Number(s.version), score: round(s.score),
    passages: s.passages.map((p) => ({ leak: p.leak, product: p.product, kind: p.kind, score: round(p.score), versions: p.versions.map(Number) })),
  }));
}

const cached = new WeakMap<Engine, { versions: number; index: MatchIndex }>();

/** The engine's match index: the one built before while no product version was added since. */
export async function currentMatchIndex(engine: Engine): Promise<MatchIndex> {
  const row = await engine.db.selectFrom('product_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const versions = Number(row?.n ?? 0);
  const hit = cached.get(engine);
  if (hit && hit.versions === versions) return hit.index;
  const index = await buildMatchIndex(engine);
  cached.set(engine, { versions, index });
  return index;
}

export async function matchText(engine: Engine, leakText: string): Promise<MatchedSource[]> {
  return matchLeak(await currentMatchIndex(engine), leakText);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
