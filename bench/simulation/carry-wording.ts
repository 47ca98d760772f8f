/**
 * A journalist paraphrases the copy in front of them: where the paraphrase keeps the source's
 * words, it keeps them as that copy has them. MRPC's human sentence2s were written from the
 * master sentence (MRPC's sentence1), so the words they keep are the master's; this carries the
 * copy's wording over wherever the paraphrase kept the master's words unchanged. The copy's
 * invisible layer is not carried: a paraphrase is retyped.
 */
import { stripInvisibleLayer } from '../../src/domain/fingerprint/index.ts';

interface Hunk {
  readonly from: readonly string[];
  readonly to: readonly string[];
}

interface Token {
  readonly lead: string;
  readonly core: string;
  readonly trail: string;
}

/**
 * Whitespace tokens, each split into its word and the punctuation around it, so that "said,"
 * in a paraphrase is "said" in the master. A full stop stays with its word ("Mr.") except at
 * the end of the sentence.
 */
function tokens(text: string): Token[] {
  const words = text.split(/\s+/u).filter((t) => t.length > 0);
  return words.map((word, i) => {
    const last = i === words.length - 1;
    const m = (last ? /^([("“‘']*)(.*?)([,;:!?"”’').]*)$/u : /^([("“‘']*)(.*?)([,;:!?"”’')]*)$/u).exec(word)!;
    return { lead: m[1]!, core: m[2]!, trail: m[3]! };
  });
}

const cores = (text: string): string[] => tokens(text).map((t) => t.core);

/** The changed runs between two token lists, by longest common subsequence; an insertion takes its left neighbour as context. */
function hunks(a: readonly string[], b: readonly string[]): Hunk[] {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Hunk[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const [si, sj] = [i, j];
    while ((i < a.length || j < b.length) && !(i < a.length && j < b.length && a[i] === b[j])) {
      if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) i++;
      else j++;
    }
    const context = si === i && si > 0 ? 1 : 0;
    out.push({ from: a.slice(si - context, i), to: b.slice(sj - context, j) });
  }
  return out.filter((h) => h.from.length > 0);
}

/** `paraphrase` with each of the master's wordings that it kept replaced by the copy's. */
export function carryWording(master: string, copy: string, paraphrase: string): string {
  let words = tokens(paraphrase);
  for (const hunk of hunks(cores(master), cores(stripInvisibleLayer(copy)))) {
    const at = words.findIndex((_, k) => hunk.from.every((t, n) => words[k + n]?.core === t));
    if (at < 0) continue;
    const [first, last] = [words[at]!, words[at + hunk.from.length - 1]!];
    const carried = hunk.to.map((core, n) => ({ lead: n === 0 ? first.lead : '', core, trail: n === hunk.to.length - 1 ? last.trail : '' }));
    words = [...words.slice(0, at), ...carried, ...words.slice(at + hunk.from.length)];
  }
  return words.map((t) => t.lead + t.core + t.trail).join(' ');
}
