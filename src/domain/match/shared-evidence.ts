/**
 * Evidence that many documents share equally is boilerplate or common news, not evidence of
 * one source: each document's verbatim words and seed sentences count 1/n when n documents
 * hold them, an inverse document frequency at the level of the evidence (as idf discounts
 * common terms; Spärck Jones 1972).
 *
 * A document shares a piece of evidence in full only with documents that hold it at least as
 * strongly: a leak word inside another document's run of at least as many identical words, a
 * leak sentence seeding another document at least as high a cosine. A shorter run over the
 * same word shares it in proportion to its length. So a quoted paragraph is hardly discounted
 * because a few of its phrases recur across the corpus, while the documents holding only those
 * phrases are, by one another and by the paragraph's; and a paragraph of boilerplate held
 * whole by n documents counts 1/n in each.
 */
import type { ParaphrasePassage } from './paraphrase.ts';
import type { VerbatimPassage } from './verbatim.ts';

/** Per document: its verbatim words and seed sentences, each counting 1/n (see above). */
export interface SpecificEvidence {
  readonly verbatimWords: Map<number, number>;
  readonly seedSentences: Map<number, number>;
}

export function specificEvidence(words: number, verbatim: ReadonlyMap<number, readonly VerbatimPassage[]>, paraphrases: ReadonlyMap<number, readonly ParaphrasePassage[]>): SpecificEvidence {
  return { verbatimWords: specificVerbatimWords(words, verbatim), seedSentences: specificSeedSentences(paraphrases) };
}

// Passages by strength, strongest first (equal strengths together). For a passage of L
// identical words, each word counts 1/n with n = the passages over it at least as strong
// (itself included) + the shorter ones over it weighted by their length / L: another
// document's 8-word phrase inside a 90-word quote is hardly sharing it.
function specificVerbatimWords(words: number, verbatim: ReadonlyMap<number, readonly VerbatimPassage[]>): Map<number, number> {
  const passages = [...verbatim.values()].flat().sort((a, b) => b.matched - a.matched);
  const lengthLeft = new Float64Array(words);
  for (const p of passages) for (let w = p.leakFrom; w < p.leakTo; w++) lengthLeft[w]! += p.matched;
  const stronger = new Uint32Array(words);
  const out = new Map<number, number>();
  for (let from = 0; from < passages.length; ) {
    let to = from;
    while (to < passages.length && passages[to]?.matched === passages[from]?.matched) to++;
    const group = passages.slice(from, to);
    for (const p of group) {
      for (let w = p.leakFrom; w < p.leakTo; w++) {
        stronger[w]! += 1;
        lengthLeft[w]! -= p.matched;
      }
    }
    for (const p of group) {
      let share = 0;
      for (let w = p.leakFrom; w < p.leakTo; w++) share += 1 / ((stronger[w] ?? 1) + (lengthLeft[w] ?? 0) / p.matched);
      out.set(p.doc, (out.get(p.doc) ?? 0) + (share * p.matched) / Math.max(1, p.leakTo - p.leakFrom));
    }
    from = to;
  }
  return out;
}

// For each leak sentence, the documents it seeds ranked by their best seed cosine there: a
// document counts 1/n where n documents seed it at least as high.
function specificSeedSentences(paraphrases: ReadonlyMap<number, readonly ParaphrasePassage[]>): Map<number, number> {
  const bySentence = new Map<number, { doc: number; cosine: number }[]>();
  for (const [doc, passages] of paraphrases) {
    const best = new Map<number, number>();
    for (const p of passages) for (const s of p.seeds) best.set(s.leakSentence, Math.max(s.cosine, best.get(s.leakSentence) ?? 0));
    for (const [sentence, cosine] of best) {
      const list = bySentence.get(sentence);
      if (list) list.push({ doc, cosine });
      else bySentence.set(sentence, [{ doc, cosine }]);
    }
  }
  const out = new Map<number, number>();
  for (const seeded of bySentence.values()) {
    const cosines = Float64Array.from(seeded, (x) => x.cosine).sort();
    for (const { doc, cosine } of seeded) {
      const atLeast = cosines.length - lowerBound(cosines, cosine);
      out.set(doc, (out.get(doc) ?? 0) + 1 / atLeast);
    }
  }
  return out;
}

// The first index of an ascending array holding a value >= x.
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
